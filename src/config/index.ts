// The config layer's public API: resolve settings once per run, check credentials, describe them for `config show`.

export { resolveSettings, type ResolveInput } from './resolve.js';
export { requireCredentials, type Credentials } from './credentials.js';
export { describeSettings, type SettingRow } from './describe.js';
export { classifyCompany, type CompanySpec } from './company.js';
export { ConfigError, MissingCredentialsError, type CredentialName } from './errors.js';
export { Secret } from './secret.js';
export { REGIONS, type Region } from './region.js';
export { defaultConfigPath } from './paths.js';
export type { ConfigFlags } from './flags.js';
export type { Setting, SettingSource } from './setting.js';
export type { Settings } from './settings.js';
export { readAllStdin } from './stdin.js';
export { readCaFile, readExtraCaCerts } from './ca-file.js';
