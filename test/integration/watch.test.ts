// `ips-jobs watch` for logs and scripts (event lines, ndjson) and as a gate (--until, --exit-status),
// against the emulator on a virtual clock moved in lock-step with the CLI's polls.
// Runs are in-process (runMain/startMain) but for SIGINT (130), the live table on a terminal, and one name that never
// appears (7), which stay processes: a signal and a terminal need one, and that run shows a returned exit code is
// the built CLI's exit status too.
import { execFile } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient } from '../../src/ips/client.js';
import type { ActiveJob } from '../../src/ips/types.js';
import { BIN, cleanEnv, startCli, startMain, until } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';
import { driveUntilExit, nextPolls } from '../helpers/drive-clock.js';
import { stripAnsi } from '../helpers/terminal.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterEach(() => {
  emulator.faults.clear();
});

afterAll(async () => {
  await emulator.close();
});

const ENV = () => demoEnv(emulator, { company: 'handle' });

const submit = jobSubmitter(() => emulator, 'Watch-Test', { durationMs: 60_000 });

/**
 * The server's clock only moves when a test moves it, so how often watch polls changes how long a test takes, not
 * what watch sees: every few milliseconds.
 */
const INTERVAL = '5ms';

function watch(...args: string[]) {
  return startMain(['watch', '--interval', INTERVAL, ...args], { env: ENV() });
}

/** As `watch`, in a process of its own. */
function watchProcess(...args: string[]) {
  return startCli(['watch', '--interval', '50ms', ...args], { env: ENV() });
}

function fields(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

describe('event lines in a pipe', () => {
  it('one tab-separated line per event, from added to finished, and no cursor codes', async () => {
    const job = submit({ outcome: 'success' });
    const cli = watch(job.jobHandle);
    await driveUntilExit(emulator, cli, 10_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    const lines = fields(result.stdout);
    for (const line of lines) {
      expect(line).toHaveLength(5);
      expect(line[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(line[2]).toBe(job.name);
      expect(line[3]).toBe(job.jobHandle);
    }
    const events = lines.map((line) => line[1]);
    expect(events[0]).toBe('added');
    expect(events).toContain('progress');
    expect(events).toContain('state');
    expect(events.at(-1)).toBe('finished');
    expect(lines.at(-1)?.[4]).toBe('succeeded: 20 files');
    // Time only moves forward.
    const times = lines.map((line) => Date.parse(line[0]!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reports failed polls and the recovery, and keeps going', async () => {
    const job = submit({ outcome: 'success' });
    emulator.faults.set('getActiveJobs#3-4:reset');
    const cli = watch(job.jobHandle, '--max-interval', '100ms');
    await driveUntilExit(emulator, cli, 10_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    const events = fields(result.stdout).map((line) => [line[1], line[4]]);
    expect(events).toContainEqual(['poll_error', expect.stringMatching(/^poll 1 failed: .*connection reset/)]);
    expect(events).toContainEqual(['poll_error', expect.stringMatching(/^poll 2 failed/)]);
    expect(events).toContainEqual(['recovered', 'after 2 failed polls']);
    expect(events.at(-1)?.[0]).toBe('finished');
  });
});

describe('-o ndjson', () => {
  it('one JSON event per line, each job shaped exactly like a list -o json item', async () => {
    const job = submit({ outcome: 'failure', fatal: true, failAt: 0.5 });
    const cli = watch(job.jobHandle, '-o', 'ndjson');
    await nextPolls(emulator, cli, 1);
    // What list -o json would show right now: the same client, the same frozen clock.
    const client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
    const listed = (await client.getActiveJobs({ companyHandle: 'c|1001', includeWaitingJobs: true })).find((j) => j.jobHandle === job.jobHandle);
    client.close();
    await driveUntilExit(emulator, cli, 10_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events[0]).toEqual({ schemaVersion: 1, ts: expect.any(String), event: 'added', jobHandle: job.jobHandle, job: { ...listed, jobType: 'ImageServingPublish' }, detail: expect.any(String) });
    const finished = events.at(-1);
    expect(finished).toMatchObject({ schemaVersion: 1, event: 'finished', jobHandle: job.jobHandle, outcome: { outcome: 'failed', counts: { total: 20 } } });
    expect(Array.isArray((finished.job as ActiveJob).taskProgressArray)).toBe(true);
  });
});

describe('watch as a gate', () => {
  it('--exit-status: the worst outcome of several jobs wins (failed 1 over stalled 6)', async () => {
    const ok = submit({ outcome: 'success' });
    const bad = submit({ outcome: 'failure', fatal: true, failAt: 0.5 });
    const stuck = submit({ outcome: 'stall', stallAt: 0.2, durationMs: 600_000 });
    const cli = watch(ok.jobHandle, bad.jobHandle, stuck.jobHandle, '--exit-status', '--stall-timeout', '2m');
    await driveUntilExit(emulator, cli, 10_000);
    const result = await cli.result;
    expect(result.code).toBe(1);
    const finished = fields(result.stdout).filter((line) => line[1] === 'finished' || line[1] === 'stalled');
    expect(finished.map((line) => [line[1], line[3]]).sort()).toEqual(
      [
        ['finished', ok.jobHandle],
        ['finished', bad.jobHandle],
        ['stalled', stuck.jobHandle],
      ].sort(),
    );
  });

  it('--exit-status: a stalled job alone gives 6, a name that never appears 7', async () => {
    const stuck = submit({ outcome: 'stall', stallAt: 0.2, durationMs: 600_000 });
    const stalled = watch(stuck.jobHandle, '--exit-status', '--stall-timeout', '2m');
    await driveUntilExit(emulator, stalled, 10_000);
    expect((await stalled.result).code).toBe(6);
    const missing = watchProcess('Nobody-Submitted-This', '--exit-status', '--appear-timeout', '20s');
    await driveUntilExit(emulator, missing, 10_000);
    expect((await missing.result).code).toBe(7);
  });

  it('without --exit-status the outcome does not decide the exit code', async () => {
    const bad = submit({ outcome: 'failure', fatal: true, failAt: 0.5 });
    const cli = watch(bad.jobHandle);
    await driveUntilExit(emulator, cli, 10_000);
    expect((await cli.result).code).toBe(0);
  });

  it('--until any-done stops at the first job to finish', async () => {
    const quick = submit({ outcome: 'success', durationMs: 20_000 });
    const slow = submit({ outcome: 'success', durationMs: 3_600_000 });
    const cli = watch(quick.jobHandle, slow.jobHandle, '--until', 'any-done');
    await driveUntilExit(emulator, cli, 10_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(fields(result.stdout).filter((line) => line[1] === 'finished').map((line) => line[3])).toEqual([quick.jobHandle]);
  });

  it('--until first-failure stops when a job fails, with --exit-status 1', async () => {
    const bad = submit({ outcome: 'failure', fatal: true, failAt: 0.2, durationMs: 60_000 });
    const slow = submit({ outcome: 'success', durationMs: 3_600_000 });
    const cli = watch(bad.jobHandle, slow.jobHandle, '--until', 'first-failure', '--exit-status');
    await driveUntilExit(emulator, cli, 10_000);
    expect((await cli.result).code).toBe(1);
  });

  it('with no jobs named it follows every active job until --timeout (124)', async () => {
    const a = submit({ outcome: 'success', durationMs: 3_600_000 });
    const b = submit({ outcome: 'success', durationMs: 3_600_000, submitUserEmail: 'raj.patel@ips-jobs.example' });
    // --timeout is this machine's time: short ones, long enough for a first poll, are the same rule waited out sooner.
    const result = await watch('--timeout', '1s').result;
    expect(result.code).toBe(124);
    const added = fields(result.stdout).filter((line) => line[1] === 'added').map((line) => line[3]);
    expect(added).toEqual(expect.arrayContaining([a.jobHandle, b.jobHandle]));
    const narrowed = await watch('--timeout', '1s', '--user', 'raj.patel@ips-jobs.example').result;
    const only = fields(narrowed.stdout).filter((line) => line[1] === 'added').map((line) => line[3]);
    expect(only).toContain(b.jobHandle);
    expect(only).not.toContain(a.jobHandle);
  });

  it('SIGINT ends it with 130', async () => {
    const job = submit({ outcome: 'success', durationMs: 3_600_000 });
    const cli = watchProcess(job.jobHandle);
    await nextPolls(emulator, cli, 2);
    cli.kill('SIGINT');
    expect((await cli.result).code).toBe(130);
  });
});

describe('the live table on a terminal', () => {
  it('redraws in place without clearing the screen, and shows the cursor again on Ctrl-C', async () => {
    const job = submit({ outcome: 'success', durationMs: 3_600_000 });
    const command = `stty cols 120 rows 30; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} watch --interval 50ms ${JSON.stringify(job.jobHandle)}`;
    const child = execFile('script', ['-qec', command, '/dev/null'], { env: cleanEnv({ ...ENV(), TERM: 'xterm-256color' }) });
    let screen = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const start = emulator.stats.byOperation.getActiveJobs ?? 0;
    // Several redraws: after each poll the clock moves on, so the next frame differs.
    for (let i = 1; i <= 4; i++) {
      await until(() => (emulator.stats.byOperation.getActiveJobs ?? 0) - start >= i, 10_000, `poll ${i}`);
      emulator.clock.advance(30_000);
    }
    // Ctrl-C as a terminal sends it: to the foreground process group.
    child.stdin?.write('\u0003');
    const code = await exited;
    expect(code).toBe(130);
    expect(screen).toContain('\u001b[?25l'); // cursor hidden while live
    expect(screen).toMatch(/\r\u001b\[\d+A/); // moved up to rewrite the previous frame
    expect(screen).not.toContain('\u001b[2J'); // never a full-screen clear
    expect(screen.lastIndexOf('\u001b[?25h')).toBeGreaterThan(screen.lastIndexOf('\u001b[?25l')); // cursor shown at the end
    expect(stripAnsi(screen)).toContain(job.name);
  });
});
