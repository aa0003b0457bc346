// A job's outcome comes from its log once it leaves the active list. When IPS refuses the credentials or the rights
// for that lookup, the run ends like any other authentication failure (exit 4): it is never "outcome unknown".
// Runs are in-process (startMain): none needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ExitCode } from '../../src/exit-codes.js';
import { startMain } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';
import { driveUntilExit } from '../helpers/drive-clock.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const submit = jobSubmitter(() => emulator, 'Follow-Auth', { durationMs: 60_000 });

describe('a refused job-log lookup', () => {
  it.each([
    { fault: 'authentication', code: ExitCode.auth },
    { fault: 'authorization', code: ExitCode.auth },
  ])('ends wait with $code when the lookup is refused ($fault)', async ({ fault, code }) => {
    const job = submit({ outcome: 'success' });
    emulator.faults.set(`getJobLogDetails:fault=${fault}`);
    try {
      // The server's clock only moves when the test moves it: polling every few milliseconds only makes it sooner.
      const cli = startMain(['wait', job.jobHandle, '--interval', '5ms'], { env: demoEnv(emulator, { company: 'handle' }) });
      await driveUntilExit(emulator, cli, 5_000);
      const result = await cli.result;
      expect(result.code).toBe(code);
      expect(result.stderr).not.toMatch(/outcome unknown|vanished/i);
      expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^ips-jobs: .*(authenticat|authori|permission|refused|rights)/i);
    } finally {
      emulator.faults.clear();
    }
  });
});
