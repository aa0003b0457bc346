// The --state-file of `check`: read once, written atomically (temp file + rename, so a crash leaves the
// old or the new file, never half of one), and held under a lock for the reading, the checking and the
// writing, so two runs on the same file take turns instead of losing each other's updates.
//
// The lock is proper-lockfile's: a directory `<path>.lock` whose mtime the holder refreshes while it runs.
// A lock nobody refreshes any more is stale and the next run takes it over. There is no PID in it on
// purpose: in a container every run may be PID 1, so "the process named in the lock is alive" proved
// nothing and a run killed with SIGKILL wedged every later run (issue 13).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAlertState, type AlertState } from '../../jobs/alert-state.js';
import { formatDuration } from '../../text/duration.js';

export class StateFileError extends Error {
  override name = 'StateFileError';
  /** Another run holds the lock, or took it over: nothing is wrong, a later run will do (exit 75, not 78). */
  readonly temporary: boolean;

  constructor(message: string, options: { temporary?: boolean } = {}) {
    super(message);
    this.temporary = options.temporary ?? false;
  }
}

export interface StateFile {
  /** The state of the last run; undefined on the first run or after a corrupt/foreign file (see warning). */
  state: AlertState | undefined;
  warning?: string;
  save(state: AlertState): Promise<void>;
  /** Gives the lock up; safe to call more than once. */
  release(): Promise<void>;
}

/**
 * A lock whose mtime is older than this is stale: its holder died (or froze) and the next run takes it.
 * 10 s is long enough that a live run never loses its lock to a busy moment (a large answer to parse, a slow
 * disk: it refreshes every LOCK_UPDATE_MS, so it has 8 s of slack) and short enough that a run after a
 * SIGKILL waits at most that long instead of forever.
 */
const LOCK_STALE_MS = 10_000;
/** How often the holder refreshes the lock's mtime: a fifth of the stale period, so four refreshes may be late. */
const LOCK_UPDATE_MS = 2_000;
const LOCK_POLL_MS = 100;

type Release = () => Promise<void>;

interface LockOptions {
  /** Ends the wait for a busy lock early (Ctrl-C while another run holds it). */
  signal?: AbortSignal;
  /** How long to wait for a lock another live run holds before giving up (--lock-wait). */
  waitMs: number;
  /**
   * When a lock nobody refreshes is stale (default LOCK_STALE_MS). Tests shorten it so that a stale period passes in
   * seconds; proper-lockfile takes no less than 2 s.
   */
  staleMs?: number;
  /** How often the holder refreshes its lock (default LOCK_UPDATE_MS; proper-lockfile: 1 s to half of staleMs). */
  updateMs?: number;
}

/**
 * proper-lockfile could not remove a stale lock because it is a plain file: one written by ips-jobs before
 * issue 13 (it held a PID). It has just been found stale by its age, so it goes. True: try to lock again.
 */
async function removedOldStyleLock(lockPath: string): Promise<boolean> {
  try {
    if (!(await stat(lockPath)).isFile()) return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'; // gone meanwhile: try again
  }
  await rm(lockPath, { force: true });
  return true;
}

async function acquireLock(file: string, lockPath: string, onCompromised: (error: Error) => void, options: LockOptions): Promise<Release> {
  // Loaded only with --state-file: it hooks process exit and signals (signal-exit), which no other run needs.
  const lockfile = await import('proper-lockfile');
  const started = Date.now();
  for (;;) {
    try {
      return await lockfile.lock(file, {
        lockfilePath: lockPath,
        // The state file need not exist yet (the first run), so no realpath of it.
        realpath: false,
        stale: options.staleMs ?? LOCK_STALE_MS,
        update: options.updateMs ?? LOCK_UPDATE_MS,
        // We wait ourselves (below), so that Ctrl-C ends the wait and the message says what happened.
        retries: 0,
        // Its default throws from a timer: a crash with a stack trace. We note it and refuse to save instead.
        onCompromised,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' && (await removedOldStyleLock(lockPath))) continue;
      if (code !== 'ELOCKED') throw new StateFileError(`cannot lock the state file (${lockPath}): ${code ?? (error as Error).message}`);
    }
    if (Date.now() - started >= options.waitMs) {
      throw new StateFileError(
        `another ips-jobs check is using the state file ${file} (waited ${formatDuration(options.waitMs)} for its lock ${lockPath}); try again later`,
        { temporary: true },
      );
    }
    try {
      await sleep(LOCK_POLL_MS, undefined, { signal: options.signal });
    } catch {
      // Interrupted: the caller's signal handling decides the exit code.
      throw new StateFileError(`interrupted while waiting for the lock ${lockPath}`);
    }
  }
}

/**
 * Makes the directories the state file goes in when they are missing (`~/.cache/ips-jobs/` on a fresh machine), as
 * tools that keep state do: owner-only, for what is in them is nobody else's business.
 */
async function makeParentDirectories(file: string): Promise<void> {
  const directory = path.dirname(file);
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StateFileError(`cannot create the state file's directory ${directory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function openStateFile(file: string, options: LockOptions): Promise<StateFile> {
  const lockPath = `${file}.lock`;
  await makeParentDirectories(file);
  let compromised: Error | undefined;
  const unlock = await acquireLock(file, lockPath, (error) => (compromised = error), options);
  // proper-lockfile also removes the lock when the process exits (process.exit on EPIPE or on a second signal,
  // where no finally block runs): its exit hook deletes every lock still held.
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    try {
      await unlock();
    } catch {
      // Already lost (compromised) or removed: nothing of ours to give back.
    }
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
        // Another run took the lock over (we could not refresh it in time): its state wins, ours is not written.
        if (compromised) throw new StateFileError(`lost the lock on the state file ${file} (${compromised.message}); not saved`, { temporary: true });
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
