// The follow core's answers in situations that happen every day, through the built CLI against the emulator: a
// filtered watch whose job changes state, a name whose running job is older than --since, several running jobs of
// one name, and a server that answers a log lookup with other jobs' logs too.
// Every run is in-process (startMain): none needs a process of its own, and wait.test.ts and watch.test.ts keep
// processes for the exit codes of the built CLI.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startMain } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';
import { driveUntilExit } from '../helpers/drive-clock.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterEach(() => {
  emulator.faults.clear();
  emulator.ips.logDetailsIgnoreJobHandle = false;
});

afterAll(async () => {
  await emulator.close();
});

const ENV = () => demoEnv(emulator, { company: 'handle' });

const submit = jobSubmitter(() => emulator, 'Follow-Truth', { durationMs: 60_000 });

/** The server's clock only moves when a test moves it: how often the CLI polls sets how long a test takes, nothing else. */
function cli(...args: string[]) {
  return startMain([...args, '--interval', '5ms'], { env: ENV() });
}

/** Tab-separated event lines of `watch` in a pipe, as [event, job name, detail]. */
function events(stdout: string): Array<[string, string, string]> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'))
    .map((f) => [f[1] ?? '', f[2] ?? '', f[4] ?? '']);
}

/** `startDate` far enough back that the job started before a `--since` of 10 minutes, still running now. */
function startedAgo(ms: number): string {
  return new Date(emulator.clock.now().getTime() - ms).toISOString();
}

describe('a filter chooses which jobs to follow when they first appear', () => {
  it('a job chosen while waiting is followed to its outcome after it starts running, never "vanished"', async () => {
    const job = submit({ outcome: 'success', waitMs: 20_000, waitState: 'WaitingCoordinator' });
    const run = cli('watch', '--state', 'WaitingCoordinator,New', '--until', 'any-done', '--exit-status', '--log-grace', '10s');
    await driveUntilExit(emulator, run, 5_000);
    const result = await run.result;
    const mine = events(result.stdout).filter(([, name]) => name === job.name);
    expect(mine.map(([event]) => event)).toContain('state');
    expect(mine.map(([event]) => event)).not.toContain('vanished');
    expect(mine.at(-1)).toEqual(['finished', job.name, 'succeeded: 20 files']);
    expect(result.code).toBe(0);
  });
});

describe('a name matches every active job of that name, whatever its age', () => {
  it('wait <name> follows a running job that started before --since to its outcome', async () => {
    const job = submit({ outcome: 'success', triggerAt: startedAgo(30 * 60_000), durationMs: 40 * 60_000 });
    const run = cli('wait', job.originalName, '--appear-timeout', '20s');
    await driveUntilExit(emulator, run, 60_000);
    const result = await run.result;
    expect(result.stdout.trim()).toBe(`succeeded: 20 files (${job.name})`);
    expect(result.code).toBe(0);
  });

  it('watch <name> follows it too', async () => {
    const job = submit({ outcome: 'failure', fatal: true, failAt: 0.9, triggerAt: startedAgo(30 * 60_000), durationMs: 40 * 60_000 });
    const run = cli('watch', job.originalName, '--exit-status', '--appear-timeout', '20s');
    await driveUntilExit(emulator, run, 60_000);
    const result = await run.result;
    expect(events(result.stdout).at(-1)?.[0]).toBe('finished');
    expect(result.code).toBe(1);
  });

  it('wait <name> with two running jobs of that name is ambiguous: exit 2, naming both', async () => {
    const first = submit({ outcome: 'success', durationMs: 600_000 });
    emulator.clock.advance(1_000);
    const second = emulator.ips.addJob({ originalName: first.originalName, type: 'ImageServingPublish', waitMs: 0, files: 20, durationMs: 600_000 });
    const result = await cli('wait', first.originalName).result;
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(first.jobHandle);
    expect(result.stderr).toContain(second.jobHandle);
    expect(result.stderr).toMatch(/ambiguous/);
  });

  it('"not found" says what was searched: the active list, and the logs since when', async () => {
    const run = cli('wait', 'Follow-Truth-Never', '--appear-timeout', '10s');
    await driveUntilExit(emulator, run, 5_000);
    const result = await run.result;
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/no active job and no job log since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ named Follow-Truth-Never/);
  });
});

describe('a job outcome comes from its own log', () => {
  it('wait takes the log with its own handle when the server answers with other jobs\' logs too', async () => {
    const failedEarlier = submit({ outcome: 'failure', fatal: true, triggerAt: startedAgo(3 * 60_000), durationMs: 30_000 });
    const job = submit({ outcome: 'success', logDelayMs: 20_000 });
    emulator.ips.logDetailsIgnoreJobHandle = true;
    expect(emulator.ips.jobLogs.some((log) => log.jobHandle === failedEarlier.jobHandle)).toBe(true);
    const run = cli('wait', job.jobHandle);
    await driveUntilExit(emulator, run, 5_000);
    const result = await run.result;
    expect(result.stdout.trim()).toBe(`succeeded: 20 files (${job.name})`);
    expect(result.code).toBe(0);
  });
});
