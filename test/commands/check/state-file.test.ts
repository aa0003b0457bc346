// The lock of `check --state-file` through the stale period, at the level that takes it as a parameter: a short
// stale time (proper-lockfile's least, 2 s) lets a test see a lock go stale, or stay fresh past that time, in
// seconds. test/integration/check-lock.test.ts runs the same lock through the CLI and real processes.
import { existsSync, mkdirSync, mkdtempSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStateFile, StateFileError } from '../../../src/commands/check/state-file.js';
import type { AlertState } from '../../../src/jobs/alert-state.js';

const SHORT = { staleMs: 2_000, updateMs: 1_000 };
const SAVED: AlertState = { version: 1, updatedAt: 0, problems: {}, observations: {} };

let file: string;
let lock: string;

beforeEach(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-state-file-'));
  file = path.join(dir, 'state.json');
  lock = `${file}.lock`;
});

/** The lock directory a holder leaves when it dies (SIGKILL), last refreshed `ageMs` ago. */
function deadHoldersLock(ageMs: number, now = Date.now()): void {
  mkdirSync(lock);
  const refreshed = new Date(now - ageMs);
  utimesSync(lock, refreshed, refreshed);
}

async function busy(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StateFileError);
  expect(error).toMatchObject({ temporary: true, message: expect.stringMatching(`^another ips-jobs check is using the state file ${file} \\(waited .+ for its lock ${lock}\\); try again later$`) });
}

describe('a lock left by a dead holder', () => {
  it('is not taken while it is fresh: the run waits, then fails with the temporary error', async () => {
    deadHoldersLock(0);
    await busy(openStateFile(file, { waitMs: 300, ...SHORT }));
    expect(statSync(lock).isDirectory()).toBe(true);
  });

  it('is taken over once stale, and not before', async () => {
    const started = Date.now();
    // Refreshed last 1.5 s ago: stale 0.5 s from now.
    deadHoldersLock(SHORT.staleMs - 500, started);
    const state = await openStateFile(file, { waitMs: 5_000, ...SHORT });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(500);
    // Soon after it went stale (polled every 100 ms), not a whole stale period later.
    expect(waited).toBeLessThan(SHORT.staleMs);
    expect(state.state).toBeUndefined();
    await state.save(SAVED);
    await state.release();
    expect(existsSync(lock)).toBe(false);
  });

  it('goes stale after the documented 10 s by default: one 9 s old is waited for, one 11 s old is taken at once', async () => {
    deadHoldersLock(9_000);
    await busy(openStateFile(file, { waitMs: 300 }));
    utimesSync(lock, new Date(Date.now() - 11_000), new Date(Date.now() - 11_000));
    const started = Date.now();
    const state = await openStateFile(file, { waitMs: 300 });
    expect(Date.now() - started).toBeLessThan(300);
    await state.release();
    expect(existsSync(lock)).toBe(false);
  });
});

describe('a lock held by a live holder', () => {
  it('is kept fresh past the stale period: a run waiting longer than that fails with the temporary error', async () => {
    const holder = await openStateFile(file, { waitMs: 0, ...SHORT });
    // Half a stale period longer than the stale period: a holder that did not refresh its lock would lose it here.
    await busy(openStateFile(file, { waitMs: SHORT.staleMs + 500, ...SHORT }));
    // Still the holder's: it saves (a holder whose lock was taken over refuses to) and gives it back.
    await holder.save(SAVED);
    await holder.release();
    expect(existsSync(lock)).toBe(false);
  });
});
