// `ips-jobs wait <job>` in a CI pipeline: the CLI polls the emulator every few milliseconds while the test
// moves the emulator's virtual clock forward in lock-step. Every exit code of `wait` is covered.
// Runs are in-process (runMain/startMain) but for SIGINT (130) and one wrong password (4), which stay processes: the
// signal needs one, and that run shows a returned exit code is the built CLI's exit status too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runCli, runMain, startCli, startMain, type CliResult } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';
import { driveUntilExit, nextPolls } from '../helpers/drive-clock.js';

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

const submit = jobSubmitter(() => emulator, 'Wait-Test', { durationMs: 60_000 });

/**
 * The server's clock only moves when a test moves it, so how often wait polls changes how long a test takes, not
 * what wait sees: every few milliseconds.
 */
const INTERVAL = '5ms';

function wait(ref: string, ...flags: string[]) {
  return startMain(['wait', ref, '--interval', INTERVAL, ...flags], { env: ENV() });
}

/** As `wait`, in a process of its own: for a signal. */
function waitProcess(ref: string, ...flags: string[]) {
  return startCli(['wait', ref, '--interval', '50ms', ...flags], { env: ENV() });
}

/** The stdout outcome line, and the last stderr line that states the reason. */
function lastLines(result: CliResult): { out: string; err: string } {
  return { out: result.stdout.trim(), err: result.stderr.trimEnd().split('\n').at(-1) ?? '' };
}

describe('wait exits by the outcome of the job', () => {
  it('0 when the job succeeds, with progress lines on stderr', async () => {
    const job = submit({ outcome: 'success' });
    const cli = wait(job.originalName);
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    const { out, err } = lastLines(result);
    expect(out).toBe(`succeeded: 20 files (${job.name})`);
    expect(err).toBe(out);
    expect(result.stderr).toMatch(new RegExp(`^${job.name}  Running  [#-]{10}\\s+\\d+%`, 'm'));
    expect(result.stderr).not.toContain('\u001b');
  });

  it('1 the moment the log shows a fatal error', async () => {
    const job = submit({ outcome: 'failure', fatal: true, failAt: 0.5 });
    const cli = wait(job.jobHandle);
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(1);
    expect(lastLines(result).err).toMatch(new RegExp(`^failed: fatal error.*\\(${job.name}\\)$`));
  });

  it('1 for file errors, or 0 with --fail-on fatal', async () => {
    const job = submit({ outcome: 'failure', fatal: false, errorFiles: 3 });
    const strict = wait(job.jobHandle);
    await driveUntilExit(emulator, strict, 5_000);
    expect((await strict.result).code).toBe(1);
    expect(lastLines(await strict.result).err).toBe(`failed: 3 file errors (${job.name})`);
    // The job has finished now: its log decides at once.
    const lenient = wait(job.jobHandle, '--fail-on', 'fatal');
    const result = await lenient.result;
    expect(result.code).toBe(0);
    expect(lastLines(result).out).toBe(`succeeded with warnings: 3 file errors in 20 files (${job.name})`);
  });

  it('warnings succeed unless --fail-on warning', async () => {
    const job = submit({ outcome: 'warnings', warningFiles: 2 });
    const cli = wait(job.originalName, '--fail-on', 'warning');
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(1);
    expect(lastLines(result).err).toBe(`failed: 2 file warnings (${job.name})`);
  });

  it('6 when the job stalls for --stall-timeout', async () => {
    const job = submit({ outcome: 'stall', stallAt: 0.3, durationMs: 600_000 });
    const cli = wait(job.originalName, '--stall-timeout', '5m');
    await driveUntilExit(emulator, cli, 30_000);
    const result = await cli.result;
    expect(result.code).toBe(6);
    expect(lastLines(result).err).toMatch(new RegExp(`^stalled: no progress for [56]m.*\\(${job.name}\\)$`));
  });

  it('7 when no job of that name appears within --appear-timeout', async () => {
    const cli = wait('Never-Submitted', '--appear-timeout', '30s');
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(7);
    expect(lastLines(result).err).toMatch(/^not found: .*\(Never-Submitted\)$/);
  });

  it('7 when the job leaves the active list and no log appears within --log-grace', async () => {
    const job = submit({ outcome: 'vanish' });
    const cli = wait(job.jobHandle, '--log-grace', '20s');
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(7);
    expect(lastLines(result).err).toMatch(new RegExp(`^vanished: .*\\(${job.name}\\)$`));
  });

  it('waits out a late job log within --log-grace', async () => {
    const job = submit({ outcome: 'success', logDelayMs: 15_000 });
    const cli = wait(job.jobHandle, '--log-grace', '60s');
    await driveUntilExit(emulator, cli, 5_000);
    expect((await cli.result).code).toBe(0);
  });

  it('124 when --timeout comes first', async () => {
    const job = submit({ outcome: 'success', durationMs: 3_600_000 });
    // --timeout is this machine's time: a short one is the same rule, waited out sooner.
    const cli = wait(job.jobHandle, '--timeout', '300ms');
    const result = await cli.result; // the clock stands still: only the timeout can end it
    expect(result.code).toBe(124);
    expect(lastLines(result).err).toMatch(/^timeout: gave up after 300ms/);
  });

  it('decides at once for a job that finished before wait started', async () => {
    const job = submit({ outcome: 'failure', fatal: true, triggerAt: new Date(emulator.clock.now().getTime() - 300_000).toISOString(), durationMs: 60_000 });
    const before = emulator.stats.byOperation.getActiveJobs ?? 0;
    const result = await wait(job.originalName).result;
    expect(result.code).toBe(1);
    expect((emulator.stats.byOperation.getActiveJobs ?? 0) - before).toBe(1);
  });

  it('finds a job submitted after wait started (the submit/list race)', async () => {
    const name = 'Wait-Test-Late-Submission';
    const cli = wait(name);
    await nextPolls(emulator, cli, 2);
    emulator.ips.addJob({ originalName: name, type: 'UrlUpload', waitMs: 0, durationMs: 30_000, files: 5, outcome: 'success' });
    await driveUntilExit(emulator, cli, 5_000);
    expect((await cli.result).code).toBe(0);
  });

  it("never takes yesterday's job of the same name for today's", async () => {
    const old = submit({ outcome: 'success', triggerAt: new Date(emulator.clock.now().getTime() - 2 * 3_600_000).toISOString() });
    const cli = wait(old.originalName, '--appear-timeout', '20s');
    await driveUntilExit(emulator, cli, 5_000);
    expect((await cli.result).code).toBe(7);
  });

  it('-o json: the outcome document on stdout', async () => {
    const job = submit({ outcome: 'success' });
    const cli = wait(job.jobHandle, '-o', 'json');
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      schemaVersion: 1,
      outcome: 'succeeded',
      job: { jobHandle: job.jobHandle, name: job.name, originalName: job.originalName },
      counts: { totalFileCount: 20, fileErrorCount: 0 },
    });
    expect(doc.startDate).toMatch(/-08:00$/);
    expect(doc.endDate).toMatch(/-08:00$/);
  });
});

describe('wait rides out a failing service', () => {
  it('recovers after failed polls and still reports the outcome', async () => {
    const job = submit({ outcome: 'success' });
    // Call counts start again when a plan is set: polls 3 to 5 of this run fail.
    emulator.faults.set('getActiveJobs#3-5:status=503');
    const cli = wait(job.jobHandle, '--max-interval', '100ms');
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/poll 1 failed: .*HTTP 503.*; retrying/);
    expect(result.stderr).toMatch(/recovered after 3 failed polls/);
  });

  it('gives up with 5 after --retry-max failed polls in a row', async () => {
    const job = submit({ outcome: 'success' });
    emulator.faults.set('getActiveJobs:html=502');
    const result = await wait(job.jobHandle, '--retry-max', '3', '--max-interval', '100ms').result;
    expect(result.code).toBe(5);
    expect(lastLines(result).err).toMatch(/^ips-jobs: unexpected answer from .*HTML page/);
  });

  it('a wrong password ends it at once with 4', async () => {
    const result = await runCli(['wait', 'anything', '--interval', '50ms'], { env: { ...ENV(), IPS_JOBS_PASSWORD: 'wrong' } });
    expect(result.code).toBe(4);
  });

  it('SIGINT ends it with 130 and never cancels the job', async () => {
    const job = submit({ outcome: 'success', durationMs: 3_600_000 });
    const cli = waitProcess(job.jobHandle);
    await nextPolls(emulator, cli, 2);
    cli.kill('SIGINT');
    expect((await cli.result).code).toBe(130);
    expect(emulator.stats.byOperation.stopJob ?? 0).toBe(0);
    expect(emulator.stats.byOperation.deleteJob ?? 0).toBe(0);
  });
});

describe('wait flags', () => {
  it.each([
    { flags: ['--interval', '10x'], says: /invalid duration/ },
    { flags: ['--interval', '0ms'], says: /--interval must be at least 1ms, even for a loopback endpoint \(got 0ms\)/ },
    { flags: ['--fail-on', 'sometimes'], says: /expected one of: fatal, error, warning/ },
    { flags: ['--retry-max', '0'], says: /whole number/ },
  ])('$flags → 2', async ({ flags, says }) => {
    const result = await runMain(['wait', 'x', ...flags], { env: ENV() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(says);
  });
});

describe('the --interval floor', () => {
  // Only an endpoint on this machine (the emulator, as in every test here) may be polled more often than every second.
  it.each([['wait', 'x'], ['watch']])('%s against a remote endpoint: at least 1s, one line, exit 2 before any request', async (...command) => {
    // (A request to the .invalid host would fail with exit 5, not 2.)
    const env = { ...ENV(), IPS_JOBS_ENDPOINT: 'https://ips-jobs.invalid/scene7/services/IpsApiService' };
    const result = await runMain([...command, '--interval', '999ms'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('ips-jobs: --interval must be at least 1s (got 999ms)\n');
  });

  it('a loopback endpoint may be polled every millisecond', async () => {
    const job = submit({ outcome: 'success', durationMs: 60_000 });
    const cli = startMain(['wait', job.jobHandle, '--interval', '1ms'], { env: ENV() });
    await driveUntilExit(emulator, cli, 30_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/succeeded/);
  });
});
