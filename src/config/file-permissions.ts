// A file holding a password should be readable by its owner alone: otherwise one warning suggesting chmod 600,
// or with --strict a refusal. The decision is pure; the mode comes from fs.stat, passed in.

import { stat } from 'node:fs/promises';
import { ConfigError } from './errors.js';

export interface FileFacts {
  /** Permission bits (st_mode & 0o777). */
  mode: number;
  /** A regular file: pipes and devices (`--password-file <(…)`, /dev/stdin) carry no lasting secret. */
  isFile: boolean;
}

/** Facts about a file, or undefined when they cannot be known (no file, or a platform without POSIX modes). */
export type StatFile = (filePath: string) => Promise<FileFacts | undefined>;

export const statFile: StatFile = async (filePath) => {
  if (process.platform === 'win32') return undefined;
  try {
    const facts = await stat(filePath);
    return { mode: facts.mode & 0o777, isFile: facts.isFile() };
  } catch {
    return undefined;
  }
};

/** Who besides the owner can read a file of this mode: 'group', 'others', 'group and others', or undefined. */
export function readableBeyondOwner(mode: number): string | undefined {
  const group = (mode & 0o040) !== 0;
  const others = (mode & 0o004) !== 0;
  if (group && others) return 'group and others';
  if (group) return 'group';
  if (others) return 'others';
  return undefined;
}

/** A path as it can be pasted after `chmod 600`: the `~` form when it needs no quoting, else the quoted absolute path. */
export function chmodArgument(absolutePath: string, shownPath: string): string {
  if (/^[\w@%+=:,./~-]+$/.test(shownPath) && !shownPath.startsWith('-')) return shownPath;
  return `'${absolutePath.replaceAll("'", `'\\''`)}'`;
}

export interface SecretFile {
  kind: 'config file' | 'password file';
  path: string;
  shownPath: string;
}

/**
 * The verdict on a secret-holding file: nothing, a warning, or (strict) a ConfigError — exit 78 whoever named the
 * file, since the problem is the file's mode, not a flag value.
 */
export function secretFileVerdict(file: SecretFile, facts: FileFacts | undefined, strict: boolean): { warning?: string } {
  if (facts === undefined || !facts.isFile) return {};
  const readers = readableBeyondOwner(facts.mode);
  if (readers === undefined) return {};
  const mode = facts.mode.toString(8).padStart(3, '0');
  const fix = `chmod 600 ${chmodArgument(file.path, file.shownPath)}`;
  const subject = file.kind === 'config file' ? `config file ${file.shownPath} holds a password and` : `password file ${file.shownPath}`;
  const problem = `${subject} is readable by ${readers} (mode ${mode})`;
  if (strict) {
    throw new ConfigError(`${problem}; refused with --strict. Run: ${fix}`, { source: { kind: 'file', name: file.shownPath } });
  }
  return { warning: `${problem}; run: ${fix}` };
}

/** Checks one secret-holding file: a warning goes to `warnings`; with `strict` it throws instead. */
export async function checkSecretFile(
  file: SecretFile,
  options: { stat: StatFile; strict: boolean; warnings: string[] },
): Promise<void> {
  const verdict = secretFileVerdict(file, await options.stat(file.path), options.strict);
  if (verdict.warning !== undefined) options.warnings.push(verdict.warning);
}
