// The config layer's public API: resolve settings once per run, check credentials, describe them for `config show`.

export { resolveSettings, type ResolveInput } from './resolve.js';
export { requireCredentials } from './credentials.js';
export { describeSettings } from './describe.js';
export { classifyCompany, type CompanySpec } from './company.js';
export { ConfigError, MissingCredentialsError } from './errors.js';
export { Secret } from './secret.js';
export type { ConfigFlags } from './flags.js';
export type { Settings } from './settings.js';
export { readAllStdin } from './stdin.js';
export { readCaFile, readExtraCaCerts } from './ca-file.js';
export { allProfileTargets, parseTargetSpec, resolveTargetSettings, type TargetSpec } from './targets.js';
export { cacheDirectory } from './paths.js';
