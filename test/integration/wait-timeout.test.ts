// `wait --timeout` in the middle of a poll: the request in flight is cancelled, and nothing is said after the
// timeout line (a --debug trace of that request included), so a CI log ends with the reason it ended.
// The run is in-process (runMain): it needs no process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ExitCode } from '../../src/exit-codes.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const submit = jobSubmitter(() => emulator, 'Wait-Timeout', { durationMs: 3_600_000 });

describe('wait --timeout during a request that hangs', () => {
  it('ends with 124 and the timeout line last, even under --debug', async () => {
    const job = submit({ outcome: 'success' });
    // The first poll answers; every later one hangs until the client gives up on it.
    emulator.faults.set('getActiveJobs#2-:hang');
    const polls = () => emulator.stats.byOperation.getActiveJobs ?? 0;
    const before = polls();
    try {
      // --timeout is this machine's time: a short one is the same rule, waited out sooner.
      const result = await runMain(['wait', job.jobHandle, '--interval', '50ms', '--timeout', '1s', '--debug'], {
        env: demoEnv(emulator, { company: 'handle' }),
      });
      expect(result.code).toBe(ExitCode.timeout);
      // The timeout came during a hanging poll, not before the first had answered.
      expect(polls() - before).toBeGreaterThanOrEqual(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/^timeout: gave up after 1s/);
    } finally {
      emulator.faults.clear();
    }
  });
});
