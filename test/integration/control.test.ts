// Job control from the command line: `ips-jobs stop|pause|resume|delete|run` against the emulator, as a script in a
// pipeline (no terminal: --yes or a refusal) and as a person at a terminal (a pseudo-terminal made by `script`).
// Runs are in-process (runMain), which offer no terminal to ask on, but for those that need a process of their own:
// the refusal without a controlling terminal (detached, as under cron), stop reading a real pipe, and the terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DONE_LINGER_MS, STOP_MS, startEmulator, type AddJobOptions, type Emulator } from '../../src/emulator/index.js';
import { runCli, runMain, type CliResult } from '../helpers/cli.js';
import { cliCommandLine as cli, runAtTerminal, shellQuote } from '../helpers/terminal.js';
import { demoEnv } from '../helpers/demo-env.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const ENV = () => demoEnv(emulator, { company: 'handle' });

type RunOptions = { input?: string; env?: Record<string, string | undefined> };

/** The CLI in-process: no terminal to ask on, as under cron or CI. */
function ipsJobs(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runMain(args, { env: { ...ENV(), ...options.env }, ...(options.input === undefined ? {} : { input: options.input }) });
}

/** The built CLI with no controlling terminal (detached): /dev/tty cannot be opened, exactly as under cron or CI. */
function detachedIpsJobs(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runCli(args, { env: { ...ENV(), ...options.env }, detached: true, ...(options.input === undefined ? {} : { input: options.input }) });
}

let serial = 0;
/** A running job with a name of its own. */
function submit(options: Partial<AddJobOptions> = {}) {
  serial += 1;
  return emulator.ips.addJob({ originalName: `Control-Test-${serial}`, type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20, ...options });
}

const calls = (operation: string) => emulator.stats.byOperation[operation] ?? 0;
const CONTROL_OPERATIONS = ['stopJob', 'pauseJob', 'resumeJob', 'deleteJob', 'executeJob'];
const controlCalls = () => CONTROL_OPERATIONS.reduce((sum, op) => sum + calls(op), 0);
const stateOf = (jobHandle: string) => emulator.ips.findJob(jobHandle)?.job.state;
const schedule = (jobHandle: string) => emulator.ips.scheduledJobs.find((job) => job.jobHandle === jobHandle);

describe('stop', () => {
  it('stops an active job named by its submitted name: Stopping, then Done with a …Failure log', async () => {
    const job = submit();
    const result = await ipsJobs(['stop', job.originalName, '--yes']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`stopped  ${job.name}  ${job.jobHandle}\n`);
    expect(stateOf(job.jobHandle)).toBe('Stopping');
    emulator.clock.advance(STOP_MS);
    expect(stateOf(job.jobHandle)).toBe('Done');
    emulator.clock.advance(DONE_LINGER_MS);
    expect(emulator.ips.jobLogs.find((log) => log.jobHandle === job.jobHandle)?.logType).toMatch(/Failure$/);
  });

  it('sends a handle as given, without looking up the active list', async () => {
    const job = submit();
    const listed = calls('getActiveJobs');
    const result = await ipsJobs(['stop', job.jobHandle, '-y']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`stopped  -  ${job.jobHandle}\n`);
    expect(calls('getActiveJobs')).toBe(listed);
    expect(stateOf(job.jobHandle)).toBe('Stopping');
  });

  it('refuses a name that matches several jobs: exit 2 listing their handles, nothing sent', async () => {
    const first = submit({ originalName: 'Control-Twin' });
    emulator.clock.advance(1000);
    const second = submit({ originalName: 'Control-Twin' });
    const before = controlCalls();
    const result = await ipsJobs(['stop', 'Control-Twin', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`"Control-Twin" matches 2 active jobs (${first.jobHandle}, ${second.jobHandle})`);
    expect(result.stderr).toContain('pass --all');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(controlCalls()).toBe(before);
    expect([stateOf(first.jobHandle), stateOf(second.jobHandle)]).toEqual(['Running', 'Running']);

    const all = await ipsJobs(['stop', 'Control-Twin', '--yes', '--all']);
    expect(all.code).toBe(0);
    expect(all.stdout).toBe(`stopped  ${first.name}  ${first.jobHandle}\nstopped  ${second.name}  ${second.jobHandle}\n`);
    expect([stateOf(first.jobHandle), stateOf(second.jobHandle)]).toEqual(['Stopping', 'Stopping']);
  });

  it('takes globs under the same rule', async () => {
    const a = submit({ originalName: 'Glob-Batch-A' });
    const b = submit({ originalName: 'Glob-Batch-B' });
    expect((await ipsJobs(['stop', 'glob-batch-*', '--yes'])).code).toBe(2);
    const result = await ipsJobs(['stop', 'glob-batch-*', '--yes', '--all']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect([stateOf(a.jobHandle), stateOf(b.jobHandle)]).toEqual(['Stopping', 'Stopping']);
  });

  it('reads handles from stdin with -, handles holding | and spaces, blank lines ignored', async () => {
    const a = submit({ originalName: 'Kestrel Spring Upload' });
    const b = submit({ originalName: 'Kestrel Autumn Upload' });
    expect(a.jobHandle).toContain(' ');
    const result = await ipsJobs(['stop', '-', '--yes'], { input: `${a.jobHandle}\n\n   \n${b.jobHandle}\r\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`stopped  -  ${a.jobHandle}\nstopped  -  ${b.jobHandle}\n`);
    expect([stateOf(a.jobHandle), stateOf(b.jobHandle)]).toEqual(['Stopping', 'Stopping']);
  });

  it('works at the end of a list | jq pipeline (list -o ndjson, one handle a line)', async () => {
    const job = submit({ originalName: 'Pipeline Stop' });
    const listed = await ipsJobs(['list', '-o', 'ndjson', '--name', 'Pipeline Stop']);
    const handles = listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { jobHandle: string }).jobHandle);
    expect(handles).toEqual([job.jobHandle]);
    // stdin as a real pipe from another program, as in the shell.
    const result = await detachedIpsJobs(['stop', '-', '--yes'], { input: `${handles.join('\n')}\n` });
    expect(result.code).toBe(0);
    expect(stateOf(job.jobHandle)).toBe('Stopping');
  });

  it('- together with --password-stdin is a usage error (both read stdin), before any request', async () => {
    const requests = emulator.stats.requests;
    const result = await ipsJobs(['stop', '-', '--yes', '--password-stdin'], { input: 'secret\n', env: { IPS_JOBS_PASSWORD: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ips-jobs: '-' and --password-stdin both read standard input: .+\n$/);
    expect(emulator.stats.requests).toBe(requests);
  });

  it('- with nothing on stdin is a usage error', async () => {
    const result = await ipsJobs(['stop', '-', '--yes'], { input: '\n  \n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no jobs given');
  });

  it('without a terminal and without --yes, refuses (exit 2) before any control request', async () => {
    const a = submit();
    const b = submit();
    const before = controlCalls();
    const result = await detachedIpsJobs(['stop', a.originalName, b.jobHandle]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ips-jobs: refusing to stop 2 jobs without confirmation: pass --yes (no terminal to ask on)\n');
    expect(controlCalls()).toBe(before);
    expect([stateOf(a.jobHandle), stateOf(b.jobHandle)]).toEqual(['Running', 'Running']);
  });

  it('a permission fault on one job does not stop the others: one line per job, exit 4', async () => {
    const a = submit();
    const guarded = submit({ protected: true });
    const c = submit();
    const result = await ipsJobs(['stop', a.jobHandle, guarded.originalName, c.originalName, '--yes']);
    expect(result.code).toBe(4);
    // The names among the targets made it fetch the list, so the handle's job is named too.
    expect(result.stdout.split('\n')).toEqual([
      `stopped  ${a.name}  ${a.jobHandle}`,
      `failed   ${guarded.name}  ${guarded.jobHandle}  authorizationFault 20003: User does not have permission to access operation 'stopJob'`,
      `stopped  ${c.name}  ${c.jobHandle}`,
      '',
    ]);
    expect([stateOf(a.jobHandle), stateOf(guarded.jobHandle), stateOf(c.jobHandle)]).toEqual(['Stopping', 'Running', 'Stopping']);
  });

  it('a name matching nothing fails that target with exit 7, the others are still done', async () => {
    const job = submit();
    const result = await ipsJobs(['stop', 'No-Such-Job', job.originalName, '--yes']);
    expect(result.code).toBe(7);
    expect(result.stdout).toBe(`failed   No-Such-Job  -  not found: no active job is named "No-Such-Job"\nstopped  ${job.name}  ${job.jobHandle}\n`);
    expect(stateOf(job.jobHandle)).toBe('Stopping');
  });

  it('a handle IPS does not know is its ipsApiFault: exit 5', async () => {
    const result = await ipsJobs(['stop', 'j|1001||Never-There|1', '--yes']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe("failed   -  j|1001||Never-There|1  ipsApiFault 30001: Invalid job handle 'j|1001||Never-There|1'\n");
  });

  it('-o json: {schemaVersion, action, results}; the worst exit code wins', async () => {
    const job = submit();
    const guarded = submit({ protected: true });
    const result = await ipsJobs(['stop', job.jobHandle, guarded.jobHandle, 'Nothing-Like-It', '--yes', '-o', 'json']);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: 1,
      action: 'stop',
      results: [
        { name: 'Nothing-Like-It', ok: false, error: { kind: 'notFound', reason: 'no active job is named "Nothing-Like-It"' } },
        { jobHandle: job.jobHandle, name: job.name, ok: true },
        {
          jobHandle: guarded.jobHandle,
          name: guarded.name,
          ok: false,
          error: { kind: 'authorizationFault', code: 20003, reason: "User does not have permission to access operation 'stopJob'" },
        },
      ],
    });
  });
});

describe('scheduled jobs: pause, resume, run', () => {
  it('pause and resume change the trigger state', async () => {
    const handle = 'j|1001|Hourly-Supplier-Feed|';
    const paused = await ipsJobs(['pause', 'Hourly-Supplier-Feed', '--yes']);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toBe(`paused   Hourly-Supplier-Feed  ${handle}\n`);
    expect(schedule(handle)?.triggerState).toBe('Paused');
    const resumed = await ipsJobs(['resume', handle, '--yes']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`resumed  -  ${handle}\n`);
    expect(schedule(handle)?.triggerState).toBe('Normal');
  });

  it('pause looks names up among scheduled jobs only', async () => {
    const job = submit();
    const before = calls('pauseJob');
    const result = await ipsJobs(['pause', job.originalName, '--yes']);
    expect(result.code).toBe(7);
    expect(result.stdout).toBe(`failed   ${job.originalName}  -  not found: no scheduled job is named "${job.originalName}"\n`);
    expect(calls('pauseJob')).toBe(before);
  });

  it('run starts a job from a schedule now', async () => {
    const result = await ipsJobs(['run', 'Nightly-Full-Publish', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('started  Nightly-Full-Publish  j|1001|Nightly-Full-Publish|\n');
    const spawned = emulator.ips.jobs.filter((rec) => rec.originalName === 'Nightly-Full-Publish');
    expect(spawned.map((rec) => rec.job.state)).toEqual(['New']);
  });
});

describe('delete', () => {
  it('removes an active job and a scheduled job in one go', async () => {
    const job = submit();
    const scheduled = 'j|1001|Weekend-Video-Publish|';
    const result = await ipsJobs(['delete', job.originalName, 'Weekend-Video-Publish', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`deleted  ${job.name}  ${job.jobHandle}\ndeleted  Weekend-Video-Publish  ${scheduled}\n`);
    expect(emulator.ips.findJob(job.jobHandle)).toBeUndefined();
    expect(schedule(scheduled)).toBeUndefined();
  });

  it('a name held by a schedule and by the job it started is ambiguous', async () => {
    await ipsJobs(['run', 'Hourly-Supplier-Feed', '--yes']);
    const before = controlCalls();
    const result = await ipsJobs(['delete', 'Hourly-Supplier-Feed', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('j|1001|Hourly-Supplier-Feed|');
    expect(controlCalls()).toBe(before);
  });
});

describe('on a terminal', () => {
  const atTerminal = (commandLine: string, answer: string) => runAtTerminal(commandLine, answer, ENV());

  it('asks on the terminal while stdin is piped, showing each job; y stops them', async () => {
    const a = submit({ originalName: 'Terminal Yes' });
    const { code, screen } = await atTerminal(`printf '%s\\n' ${shellQuote(a.jobHandle)} | ${cli('stop', '-')}; echo "exit=$?"`, 'y');
    const text = screen.replace(/\r/g, '');
    expect(text).toContain(`About to stop 1 job of c|1001:\n  ${a.name}  ${a.jobHandle}  Running\nStop 1 job? [y/N] `);
    expect(text).toContain(`stopped  ${a.name}  ${a.jobHandle}\n`);
    expect(text).toContain('exit=0');
    expect(code).toBe(0);
    expect(stateOf(a.jobHandle)).toBe('Stopping');
  });

  it('any other answer cancels: nothing done, exit 0', async () => {
    const a = submit();
    const before = controlCalls();
    const { screen } = await atTerminal(`${cli('stop', a.originalName)}; echo "exit=$?"`, 'n');
    const text = screen.replace(/\r/g, '');
    expect(text).toContain('Stop 1 job? [y/N] ');
    expect(text).toContain('cancelled, nothing done\n');
    expect(text).toContain('exit=0');
    expect(text).not.toContain('stopped');
    expect(controlCalls()).toBe(before);
    expect(stateOf(a.jobHandle)).toBe('Running');
  });

  it('Ctrl-C at the question ends the run with 130 and nothing sent', async () => {
    const a = submit();
    const before = controlCalls();
    // The whole foreground group gets SIGINT, a shell around the CLI too: run it alone and take script's exit code.
    const { code } = await atTerminal(cli('stop', a.originalName), '\u0003');
    expect(code).toBe(130);
    expect(controlCalls()).toBe(before);
    expect(stateOf(a.jobHandle)).toBe('Running');
  });
});
