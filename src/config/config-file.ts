// Reads and checks the config file. Missing is fine; unreadable, invalid JSON or wrong types are ConfigErrors.

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
  warnings: string[];
}

const STRING_KEYS = ['username', 'password', 'passwordFile', 'company', 'region', 'endpoint'] as const;
const PROFILE_KEYS: readonly string[] = [...STRING_KEYS, 'staging'];

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

function parseProfile(name: string, raw: unknown, fail: (what: string) => never, warnings: string[]): ProfileConfig {
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
  const unknown = Object.keys(raw).filter((key) => !PROFILE_KEYS.includes(key));
  if (unknown.length > 0) {
    const keys = unknown.map((key) => `"${key}"`).join(', ');
    warnings.push(`${where} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${keys}; ignored`);
  }
  if (profile.password !== undefined && profile.passwordFile !== undefined) {
    warnings.push(`${where} sets both "password" and "passwordFile"; "passwordFile" is ignored`);
  }
  // Where to connect is one setting: an endpoint names the host, so a region or staging beside it says nothing.
  const beside = (['region', 'staging'] as const).filter((key) => profile[key] !== undefined);
  if (profile.endpoint !== undefined && beside.length > 0) {
    const keys = beside.map((key) => `"${key}"`).join(' and ');
    warnings.push(`${where} sets "endpoint", so its ${keys} ${beside.length === 1 ? 'is' : 'are'} ignored`);
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

  const warnings: string[] = [];
  const { defaultProfile, profiles: rawProfiles } = data;
  if (defaultProfile !== undefined && (typeof defaultProfile !== 'string' || defaultProfile === '')) {
    fail(`"defaultProfile" must be a non-empty string, not ${describeType(defaultProfile)}`);
  }
  const profiles = new Map<string, ProfileConfig>();
  if (rawProfiles !== undefined) {
    if (!isPlainObject(rawProfiles)) fail(`"profiles" must be an object, not ${describeType(rawProfiles)}`);
    for (const [name, raw] of Object.entries(rawProfiles as Record<string, unknown>)) {
      profiles.set(name, parseProfile(name, raw, fail, warnings));
    }
  }
  return { defaultProfile: defaultProfile as string | undefined, profiles, warnings };
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
