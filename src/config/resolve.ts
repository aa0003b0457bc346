// Resolves every setting once per run: flags > environment > config file profile > defaults. Where to connect is
// one setting (endpoint.ts): the highest level that says anything about it wins as a whole.

import { readFile } from 'node:fs/promises';
import { classifyCompany, type CompanySpec } from './company.js';
import { configFileWarnings, loadConfigFile } from './config-file.js';
import { resolveEndpoint } from './endpoint.js';
import { ENV, readEnv, type Env } from './env.js';
import { checkSecretFile, statFile, type StatFile } from './file-permissions.js';
import { readFlag, type ConfigFlags } from './flags.js';
import { resolvePassword } from './password.js';
import { configLocation, displayPath } from './paths.js';
import { selectProfile, type SelectedProfile } from './profile.js';
import type { ReadTextFile } from './read-failure.js';
import type { Setting } from './setting.js';
import type { Settings } from './settings.js';
import { readAllStdin } from './stdin.js';

export interface ResolveInput {
  flags: ConfigFlags;
  /** process.env, passed in. */
  env: Env;
  /** Default: fs.promises.readFile as UTF-8. */
  readTextFile?: ReadTextFile;
  /** Used only for --password-stdin. Default: all of process.stdin. */
  readStdin?: () => Promise<string>;
  /** Default: IPS_JOBS_CONFIG, else $XDG_CONFIG_HOME/ips-jobs/config.json, else $HOME/.config/ips-jobs/config.json. */
  configPath?: string;
  /** Permission bits of a file holding a password. Default: fs.stat (nothing on Windows). */
  statFile?: StatFile;
}

type StringKey = 'username' | 'company';

/** The first of flag, environment variable and profile value that is given, with its source. */
function firstGiven(
  key: StringKey,
  flags: ConfigFlags,
  env: Env,
  profile: SelectedProfile | undefined,
): Setting<string> | undefined {
  const flagName = `--${key}`;
  const fromFlag = readFlag(flagName, flags[key]);
  if (fromFlag !== undefined) return { value: fromFlag, source: { kind: 'flag', name: flagName } };
  const fromEnv = readEnv(env, ENV[key]);
  if (fromEnv !== undefined) return { value: fromEnv, source: { kind: 'env', name: ENV[key] } };
  const fromProfile = profile?.config[key];
  if (profile !== undefined && fromProfile !== undefined) return { value: fromProfile, source: profile.valueSource };
  return undefined;
}

/** Maps a setting's value, keeping its source so a bad value's error names who gave it. */
function mapSetting<T, U>(setting: Setting<T> | undefined, parse: (setting: Setting<T>) => U): Setting<U> | undefined {
  return setting === undefined ? undefined : { value: parse(setting), source: setting.source };
}

export async function resolveSettings(input: ResolveInput): Promise<Settings> {
  const { flags, env } = input;
  const readTextFile = input.readTextFile ?? ((filePath: string) => readFile(filePath, 'utf8'));
  const location = configLocation(env, input.configPath);
  const configPathShown = displayPath(location.path, env);

  const file = await loadConfigFile(location.path, readTextFile, configPathShown);
  const warnings = file === undefined ? [] : configFileWarnings(file, configPathShown, flags.strict === true);
  if (file === undefined && location.namedBy !== undefined) {
    warnings.push(`config file ${configPathShown} (named by ${location.namedBy}) does not exist`);
  }
  const profile = selectProfile(flags, env, file, configPathShown);
  const permissions = { stat: input.statFile ?? statFile, strict: flags.strict === true, warnings };
  // Any profile's password counts: the file is readable whichever profile this run uses.
  if (file !== undefined && [...file.profiles.values()].some((p) => p.password !== undefined)) {
    await checkSecretFile({ kind: 'config file', path: location.path, shownPath: configPathShown }, permissions);
  }

  const company: Setting<CompanySpec> | undefined = mapSetting(firstGiven('company', flags, env, profile), (s) =>
    classifyCompany(s.value),
  );
  const endpoint = resolveEndpoint(flags, env, profile, warnings);
  const username = firstGiven('username', flags, env, profile);
  // Last, so a bad flag or file value is reported before anyone is asked to type a password into stdin.
  const password = await resolvePassword({
    flags,
    env,
    profile,
    configPath: location.path,
    readTextFile,
    readStdin: input.readStdin ?? readAllStdin,
    checkFile: (filePath, shownPath) =>
      checkSecretFile({ kind: 'password file', path: filePath, shownPath }, permissions),
  });

  return {
    ...(profile && { profile: profile.name }),
    ...(username && { username }),
    ...(password && { password }),
    ...(company && { company }),
    endpoint,
    configPath: location.path,
    configPathShown,
    configFileFound: file !== undefined,
    warnings,
  };
}
