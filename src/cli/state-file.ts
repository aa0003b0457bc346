// The --state-file of `check`: read once, written atomically (temp file + rename, so a crash leaves the
// old or the new file, never half of one), and held under a lock file for the whole run, so two runs
// on the same file take turns instead of losing each other's updates.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAlertState, type AlertState } from '../jobs/alert-state.js';

export class StateFileError extends Error {
  override name = 'StateFileError';
}

export interface StateFile {
  /** The state of the last run; undefined on the first run or after a corrupt/foreign file (see warning). */
  state: AlertState | undefined;
  warning?: string;
  save(state: AlertState): Promise<void>;
  release(): Promise<void>;
}

const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 50;
/** A lock older than this whose owner cannot be asked is taken to be left behind by a crash. */
const LOCK_STALE_MS = 10 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockIsStale(lockPath: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0) return !processAlive(pid);
    return Date.now() - info.mtimeMs > LOCK_STALE_MS;
  } catch {
    return false; // gone already, or unreadable: try again
  }
}

async function acquireLock(lockPath: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new StateFileError(`cannot lock the state file (${lockPath}): ${code ?? (error as Error).message}`);
    }
    if (await lockIsStale(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new StateFileError(`another ips-jobs check has held ${lockPath} for over ${LOCK_WAIT_MS / 1000}s; remove the lock file if no check is running`);
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

export async function openStateFile(file: string): Promise<StateFile> {
  const lockPath = `${file}.lock`;
  await acquireLock(lockPath);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await rm(lockPath, { force: true });
  };
  try {
    let state: AlertState | undefined;
    let warning: string | undefined;
    try {
      const text = await readFile(file, 'utf8');
      state = parseAlertState(text);
      if (!state) warning = `state file ${file} is not an ips-jobs check state (corrupt or written by something else); starting afresh`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warning = `cannot read state file ${file} (${code ?? 'error'}); starting afresh`;
    }
    return {
      state,
      warning,
      async save(next) {
        const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        try {
          const handle = await open(temp, 'w', 0o600);
          try {
            await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`);
            await handle.sync();
          } finally {
            await handle.close();
          }
          await rename(temp, file);
        } catch (error) {
          await rm(temp, { force: true });
          throw new StateFileError(`cannot write state file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
      },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}
