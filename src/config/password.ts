// The password is never a flag value. Sources, first wins: --password-stdin > --password-file > IPS_JOBS_PASSWORD
// > IPS_JOBS_PASSWORD_FILE > profile "password" > profile "passwordFile". Only the winning source is read.

import path from 'node:path';
import { ENV, readEnv, type Env } from './env.js';
import { ConfigError } from './errors.js';
import { readFlag, type ConfigFlags } from './flags.js';
import { displayPath, expandHome } from './paths.js';
import type { SelectedProfile } from './profile.js';
import { readFailureReason, type ReadTextFile } from './read-failure.js';
import { Secret } from './secret.js';
import type { Setting, SettingSource } from './setting.js';

export interface PasswordInput {
  flags: ConfigFlags;
  env: Env;
  profile: SelectedProfile | undefined;
  configPath: string;
  readTextFile: ReadTextFile;
  readStdin: () => Promise<string>;
  /** Called for a password file once read: its permissions are checked (a warning, or a refusal with --strict). */
  checkFile?: (filePath: string, shownPath: string) => Promise<void>;
}

// `echo pw > file` and `echo pw | ips-jobs` add a newline the user did not mean as part of the password.
function stripOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/** Where a password file was named, and how `config show` labels it. */
interface FileOrigin {
  source: SettingSource;
  label: (shownFile: string) => string;
}

async function passwordFromFile(
  filePath: string,
  origin: FileOrigin,
  input: PasswordInput,
): Promise<Setting<Secret>> {
  const shown = displayPath(filePath, input.env);
  let text: string;
  try {
    text = await input.readTextFile(filePath);
  } catch (error) {
    // The reason comes from the error code only; the path is named, the content never.
    throw new ConfigError(
      `cannot read password file ${shown} (from ${origin.source.name}): ${readFailureReason(error)}`,
      { source: origin.source },
    );
  }
  await input.checkFile?.(filePath, shown);
  const password = stripOneNewline(text);
  if (password === '') {
    throw new ConfigError(`password file ${shown} (from ${origin.source.name}) is empty`, { source: origin.source });
  }
  return { value: new Secret(password), source: { ...origin.source, name: origin.label(shown) } };
}

export async function resolvePassword(input: PasswordInput): Promise<Setting<Secret> | undefined> {
  const { flags, env, profile } = input;

  if (flags.passwordStdin === true) {
    const source: SettingSource = { kind: 'stdin', name: '--password-stdin' };
    const password = stripOneNewline(await input.readStdin());
    if (password === '') throw new ConfigError('no password on standard input (--password-stdin)', { source });
    return { value: new Secret(password), source };
  }

  const flagFile = readFlag('--password-file', flags.passwordFile);
  if (flagFile !== undefined) {
    const source: SettingSource = { kind: 'flag', name: '--password-file' };
    return passwordFromFile(expandHome(flagFile, env), { source, label: (f) => `--password-file ${f}` }, input);
  }

  const envPassword = readEnv(env, ENV.password);
  if (envPassword !== undefined) {
    return { value: new Secret(envPassword), source: { kind: 'env', name: ENV.password } };
  }

  const envFile = readEnv(env, ENV.passwordFile);
  if (envFile !== undefined) {
    const source: SettingSource = { kind: 'env', name: ENV.passwordFile };
    return passwordFromFile(expandHome(envFile, env), { source, label: (f) => `${ENV.passwordFile}=${f}` }, input);
  }

  if (profile?.config.password !== undefined) {
    return { value: new Secret(profile.config.password), source: profile.valueSource };
  }

  if (profile?.config.passwordFile !== undefined) {
    // A relative passwordFile means "next to the config file", not "wherever the command was run from".
    const filePath = path.resolve(path.dirname(input.configPath), expandHome(profile.config.passwordFile, env));
    const source = profile.valueSource;
    return passwordFromFile(filePath, { source, label: (f) => `${source.name} passwordFile ${f}` }, input);
  }

  return undefined;
}
