// Reads and checks the config file. Missing is fine; unreadable, invalid JSON or wrong types are ConfigErrors. What
// does not stop the run (an unknown key at any level, a setting another one makes useless) is a problem of the file:
// a warning, or with --strict a refusal.

import { ConfigError } from './errors.js';
import { isMissingFile, readFailureReason, type ReadTextFile } from './read-failure.js';
import type { SettingSource } from './setting.js';

export interface ProfileConfig {
  username?: string;
  password?: string;
  passwordFile?: string;
  company?: string;
  region?: string;
  staging?: boolean;
  endpoint?: string;
}

export interface ConfigFile {
  defaultProfile?: string;
  // A Map, so a profile called "toString" or "__proto__" is just a name.
  profiles: ReadonlyMap<string, ProfileConfig>;
  problems: FileProblem[];
}

/** Something in the file that does not stop the run: a warning, or with --strict a refusal. */
interface FileProblem {
  /** What is wrong, as the refusal says it: `profile "p" has unknown key "usrename"`. */
  what: string;
  /** The warning: what is wrong and what is done about it. */
  warning: string;
}

const STRING_KEYS = ['username', 'password', 'passwordFile', 'company', 'region', 'endpoint'] as const;
const PROFILE_KEYS: readonly string[] = [...STRING_KEYS, 'staging'];
/** `$schema` is for editors that check the file against a JSON schema. */
const TOP_LEVEL_KEYS: readonly string[] = ['defaultProfile', 'profiles', '$schema'];

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// V8 messages quote the text around the error, which could be a password, so only the position is kept.
function jsonErrorLocation(text: string, error: unknown): string {
  const match = error instanceof Error ? /at position (\d+)/.exec(error.message) : null;
  if (match?.[1] === undefined) return '';
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return ` (line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1})`;
}

/** `unknown key "defaultprofile" (did you mean "defaultProfile"?)` for the keys of `object` not in `known`, if any. */
function unknownKeys(object: Record<string, unknown>, known: readonly string[]): string | undefined {
  const unknown = Object.keys(object).filter((key) => !known.includes(key));
  if (unknown.length === 0) return undefined;
  const keys = unknown.map((key) => {
    const meant = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    return meant === undefined ? `"${key}"` : `"${key}" (did you mean "${meant}"?)`;
  });
  return `unknown ${unknown.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}`;
}

function parseProfile(name: string, raw: unknown, fail: (what: string) => never, problems: FileProblem[]): ProfileConfig {
  const where = `profile "${name}"`;
  if (!isPlainObject(raw)) fail(`${where} must be an object, not ${describeType(raw)}`);
  const profile: ProfileConfig = {};
  for (const key of STRING_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    // Values are never quoted back: this one might be a password.
    if (typeof value !== 'string') fail(`${where}: "${key}" must be a string, not ${describeType(value)}`);
    if (value === '') fail(`${where}: "${key}" must not be empty`);
    profile[key] = value;
  }
  if (raw.staging !== undefined) {
    if (typeof raw.staging !== 'boolean') {
      fail(`${where}: "staging" must be true or false, not ${describeType(raw.staging)}`);
    }
    profile.staging = raw.staging;
  }
  const unknown = unknownKeys(raw, PROFILE_KEYS);
  if (unknown !== undefined) problems.push({ what: `${where} has ${unknown}`, warning: `${where} has ${unknown}; ignored` });
  if (profile.password !== undefined && profile.passwordFile !== undefined) {
    const what = `${where} sets both "password" and "passwordFile"`;
    problems.push({ what, warning: `${what}; "passwordFile" is ignored` });
  }
  // Where to connect is one setting: an endpoint names the host, so a region or staging beside it says nothing.
  const beside = (['region', 'staging'] as const).filter((key) => profile[key] !== undefined).map((key) => `"${key}"`);
  if (profile.endpoint !== undefined && beside.length > 0) {
    problems.push({
      what: `${where} sets "endpoint"${beside.length === 1 ? ' and' : ','} ${beside.join(' and ')}`,
      warning: `${where} sets "endpoint", so its ${beside.join(' and ')} ${beside.length === 1 ? 'is' : 'are'} ignored`,
    });
  }
  return profile;
}

/** Checks the text of a config file; `shownPath` names the file in messages. */
function parseConfigFile(text: string, shownPath: string): ConfigFile {
  const source: SettingSource = { kind: 'file', name: shownPath };
  const fail = (what: string): never => {
    throw new ConfigError(`config file ${shownPath}: ${what}`, { source });
  };
  let data: unknown;
  try {
    // Editors on Windows like to start files with a byte-order mark, which JSON.parse rejects.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(`not valid JSON${jsonErrorLocation(text, error)}`);
  }
  if (!isPlainObject(data)) return fail(`must be a JSON object, not ${describeType(data)}`);

  const problems: FileProblem[] = [];
  const unknown = unknownKeys(data, TOP_LEVEL_KEYS);
  if (unknown !== undefined) problems.push({ what: unknown, warning: `config file ${shownPath} has ${unknown}; ignored` });
  const { defaultProfile, profiles: rawProfiles } = data;
  if (defaultProfile !== undefined && (typeof defaultProfile !== 'string' || defaultProfile === '')) {
    fail(`"defaultProfile" must be a non-empty string, not ${describeType(defaultProfile)}`);
  }
  const profiles = new Map<string, ProfileConfig>();
  if (rawProfiles !== undefined) {
    if (!isPlainObject(rawProfiles)) fail(`"profiles" must be an object, not ${describeType(rawProfiles)}`);
    for (const [name, raw] of Object.entries(rawProfiles as Record<string, unknown>)) {
      profiles.set(name, parseProfile(name, raw, fail, problems));
    }
  }
  return { defaultProfile: defaultProfile as string | undefined, profiles, problems };
}

/** The file's problems as warnings; with --strict, a refusal (exit 78) naming them all. */
export function configFileWarnings(file: ConfigFile, shownPath: string, strict: boolean): string[] {
  if (strict && file.problems.length > 0) {
    const what = file.problems.map((problem) => problem.what).join('; ');
    throw new ConfigError(`config file ${shownPath}: ${what}; refused with --strict`, { source: { kind: 'file', name: shownPath } });
  }
  return file.problems.map((problem) => problem.warning);
}

/** The checked config file, or undefined when there is none at `filePath`. */
export async function loadConfigFile(
  filePath: string,
  readTextFile: ReadTextFile,
  shownPath: string,
): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readTextFile(filePath);
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new ConfigError(`cannot read config file ${shownPath}: ${readFailureReason(error)}`, {
      source: { kind: 'file', name: shownPath },
    });
  }
  return parseConfigFile(text, shownPath);
}
