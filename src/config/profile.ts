// Which profile of the config file applies: --profile > IPS_JOBS_PROFILE > the file's defaultProfile > none.

import type { ConfigFile, ProfileConfig } from './config-file.js';
import { ENV, readEnv, type Env } from './env.js';
import { ConfigError } from './errors.js';
import { readFlag, type ConfigFlags } from './flags.js';
import type { Setting, SettingSource } from './setting.js';

export interface SelectedProfile {
  name: Setting<string>;
  config: ProfileConfig;
  /** The source every value taken from this profile reports. */
  valueSource: SettingSource;
}

function chosenName(
  flags: ConfigFlags,
  env: Env,
  file: ConfigFile | undefined,
  shownPath: string,
): Setting<string> | undefined {
  const fromFlag = readFlag('--profile', flags.profile);
  if (fromFlag !== undefined) return { value: fromFlag, source: { kind: 'flag', name: '--profile' } };
  const fromEnv = readEnv(env, ENV.profile);
  if (fromEnv !== undefined) return { value: fromEnv, source: { kind: 'env', name: ENV.profile } };
  if (file?.defaultProfile !== undefined) {
    return { value: file.defaultProfile, source: { kind: 'file', name: `${shownPath} "defaultProfile"` } };
  }
  return undefined;
}

function notFoundMessage(name: Setting<string>, file: ConfigFile | undefined, shownPath: string): string {
  const what = `profile "${name.value}" (from ${name.source.name}) not found`;
  if (file === undefined) return `${what}: config file ${shownPath} does not exist`;
  const names = [...file.profiles.keys()];
  if (names.length === 0) return `${what}: ${shownPath} has no profiles`;
  return `${what} in ${shownPath}; profiles there: ${names.map((n) => `"${n}"`).join(', ')}`;
}

export function selectProfile(
  flags: ConfigFlags,
  env: Env,
  file: ConfigFile | undefined,
  shownPath: string,
): SelectedProfile | undefined {
  const name = chosenName(flags, env, file, shownPath);
  if (name === undefined) return undefined;
  const config = file?.profiles.get(name.value);
  if (config === undefined) throw new ConfigError(notFoundMessage(name, file, shownPath), { source: name.source });
  return { name, config, valueSource: { kind: 'file', name: `${shownPath} profile "${name.value}"` } };
}
