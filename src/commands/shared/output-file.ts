// A file a flag names for a command to write (check --junit): looked at before anything is asked of IPS, so a path
// that cannot be written costs no request, and written whole at the end. Either way a failure is one line naming
// the path and why (setup-error.ts, exit 78), never an internal error.
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFailure } from './setup-error.js';

/**
 * Whether `file` can be written, as far as can be seen without writing it: not a directory, and the file (when it is
 * there) or its directory writable by this user. Nothing is created or truncated.
 */
export async function checkOutputFile(flag: string, file: string): Promise<void> {
  try {
    let exists = true;
    try {
      if ((await stat(file)).isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      exists = false;
    }
    await access(exists ? file : path.dirname(file), constants.W_OK);
  } catch (error) {
    throw writeFailure(error, flag, file);
  }
}

/** Writes `text` to the file `flag` names. */
export async function writeOutputFile(flag: string, file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw writeFailure(error, flag, file);
  }
}
