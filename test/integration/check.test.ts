// `ips-jobs check` as cron and CI run it: one run, only problems, the exit code says so; with a state
// file only what changed. The emulator's clock stands still between runs unless a test moves it.
// Runs are in-process (runMain) but for docs/automation.md's cron recipe, run as cron would with /bin/sh and the
// installed command: its exit statuses are the built CLI's.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { BIN, REPO_ROOT, runMain } from '../helpers/cli.js';
import { demoEnv, jobSubmitter } from '../helpers/demo-env.js';
import { findAll, parseXml } from '../helpers/xml.js';

let emulator: Emulator;
let dir: string;

const MIN = 60_000;

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'handle' }, extra);
}

const check = (args: string[], extra: Record<string, string> = {}) => runMain(['check', ...args], { env: env(extra) });

const submit = jobSubmitter(() => emulator, 'Check-Test', { durationMs: 6 * 3_600_000 });

beforeEach(async () => {
  await emulator?.close();
  emulator = await startEmulator({ speed: 0, jobs: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-check-'));
});

afterAll(async () => {
  await emulator.close();
});

describe('rules', () => {
  it('all is well: nothing on stdout and exit 0; -v says so in one line', async () => {
    submit();
    const quiet = await check(['--stalled', '30m', '--max-active', '5']);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const verbose = await check(['--stalled', '30m', '--max-active', '5', '-v']);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toBe('ok: 2 checks, no problems\n');
  });

  it('--stalled: one line per stalled job, exit 3', async () => {
    const job = submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    const result = await check(['--stalled', '30m']);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(new RegExp(`^stalled: ${job.name} \\(${job.jobHandle.replace(/\|/g, '\\|')}\\): no progress for 4\\dm \\(limit 30m\\) at \\d+%\\n$`));
  });

  it('--queued: a job waiting longer than the limit', async () => {
    const job = submit({ waitMs: 3_600_000 });
    emulator.clock.advance(20 * MIN);
    const result = await check(['--queued', '15m']);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`queued: ${job.name}`);
    expect(result.stdout).toMatch(/for 20m \(limit 15m\)/);
  });

  it('--running-longer and --max-active', async () => {
    submit();
    submit();
    emulator.clock.advance(90 * MIN);
    const result = await check(['--running-longer', '1h', '--max-active', '1']);
    expect(result.code).toBe(3);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('running-longer: '))).toHaveLength(2);
    expect(lines).toContain('max-active: 2 active jobs (limit 1)');
  });

  it('--failed-since: jobs that ended failed in the window (warnings too with --fail-on warning)', async () => {
    const failed = submit({ outcome: 'failure', fatal: true, durationMs: 60_000 });
    const warned = submit({ outcome: 'warnings', warningFiles: 2, durationMs: 60_000 });
    emulator.clock.advance(5 * MIN);
    const errors = await check(['--failed-since', '1h']);
    expect(errors.code).toBe(3);
    expect(errors.stdout).toContain(`failed: ${failed.name}`);
    expect(errors.stdout).not.toContain(warned.name);
    const warnings = await check(['--failed-since', '1h', '--fail-on', 'warning']);
    expect(warnings.stdout).toContain(warned.name);
  });

  it('--type, --name and --user narrow what is checked', async () => {
    submit({ originalName: 'Spring-Upload', type: 'UploadFromServerDirectory', submitUserEmail: 'ana.lima@ips-jobs.example' });
    submit({ originalName: 'Autumn-Publish' });
    emulator.clock.advance(90 * MIN);
    expect((await check(['--running-longer', '1h', '--type', 'UploadFromServerDirectory'])).stdout.trim().split('\n')).toHaveLength(1);
    expect((await check(['--running-longer', '1h', '--name', 'Autumn-*'])).stdout).toContain('Autumn-Publish');
    expect((await check(['--running-longer', '1h', '--user', 'nobody@ips-jobs.example'])).code).toBe(0);
  });

  it('broken checks keep their own exit codes: 4, 78, 5 — never 0 or 3', async () => {
    expect((await check(['--max-active', '1'], { IPS_JOBS_PASSWORD: 'wrong' })).code).toBe(4);
    expect((await runMain(['check', '--max-active', '1'], { env: {} })).code).toBe(78);
    emulator.faults.set('getActiveJobs:status=503');
    expect((await check(['--max-active', '1'])).code).toBe(5);
  });

  it('no rule at all is a usage error', async () => {
    const result = await check([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('check needs at least one rule');
  });
});

describe('alerts on changes only (--state-file)', () => {
  it('a second run stays quiet, a resolved problem is said once, --realert repeats', async () => {
    const state = path.join(dir, 'state.json');
    const job = submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    const first = await check(['--stalled', '30m', '--state-file', state]);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain(`stalled: ${job.name}`);

    const second = await check(['--stalled', '30m', '--state-file', state]);
    expect(second).toMatchObject({ code: 0, stdout: '' });

    emulator.clock.advance(30 * MIN);
    const realert = await check(['--stalled', '30m', '--state-file', state, '--realert', '20m']);
    expect(realert.code).toBe(3);
    expect(realert.stdout).toMatch(/\(still open\)\n$/);
    expect((await check(['--stalled', '30m', '--state-file', state, '--realert', '20m'])).code).toBe(0);

    // The stall ends: the job is deleted and leaves the active list; the problem is resolved once.
    emulator.ips.deleteJob(DEMO_CREDENTIALS.companyHandle, job.jobHandle);
    const resolved = await check(['--stalled', '30m', '--state-file', state]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`resolved: stalled: ${job.name} (${job.jobHandle}): no progress for `);
    expect(resolved.stdout.trim().split('\n')).toHaveLength(1);
    expect((await check(['--stalled', '30m', '--state-file', state])).stdout).toBe('');
  });

  it('-o json lists every current problem marked new or not', async () => {
    const state = path.join(dir, 'state.json');
    submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    await check(['--stalled', '30m', '--state-file', state]);
    submit();
    submit();
    const result = await check(['--stalled', '30m', '--max-active', '2', '--state-file', state, '-o', 'json']);
    expect(result.code).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.problems.map((p: { rule: string; new: boolean }) => [p.rule, p.new])).toEqual([
      ['stalled', false],
      ['max-active', true],
    ]);
  });

  it('a corrupt or foreign state file: one warning, a fresh start, never a crash', async () => {
    const state = path.join(dir, 'state.json');
    writeFileSync(state, '{"this": "is someone else\'s file"');
    submit();
    submit();
    const result = await check(['--max-active', '1', '--state-file', state]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^ips-jobs: warning: state file .* is not an ips-jobs check state .*starting afresh$/)]);
    expect(JSON.parse(readFileSync(state, 'utf8')).version).toBe(1);
  });

  it('holds no credentials, and a lock left by a crashed run does not block the next', async () => {
    const state = path.join(dir, 'state.json');
    // A lock nobody has refreshed for a minute (here an older ips-jobs's PID file): its holder is gone.
    writeFileSync(`${state}.lock`, '999999\n');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${state}.lock`, minuteAgo, minuteAgo);
    submit();
    submit();
    const result = await check(['--max-active', '1', '--state-file', state]);
    expect(result.code).toBe(3);
    const text = readFileSync(state, 'utf8');
    expect(text).not.toContain(DEMO_CREDENTIALS.password);
    expect(text).not.toContain(DEMO_CREDENTIALS.username);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('two concurrent runs on one state file take turns: a valid file, the problem reported once', async () => {
    const state = path.join(dir, 'state.json');
    submit();
    submit();
    const runs = await Promise.all(Array.from({ length: 4 }, () => check(['--max-active', '1', '--state-file', state])));
    expect(runs.map((r) => r.code).sort()).toEqual([0, 0, 0, 3]);
    expect(JSON.parse(readFileSync(state, 'utf8')).problems).toHaveProperty(['max-active']);
  });

  it('an unwritable state file location is a configuration error (78)', async () => {
    const locked = path.join(dir, 'ro');
    writeFileSync(locked, '');
    chmodSync(dir, 0o500);
    try {
      // Under a file where a directory should be: no one can write there, root included (who may write in a 0500 dir).
      const result = await check(['--max-active', '1', '--state-file', path.join(locked, 'sub', 'state.json')]);
      expect(result.code).toBe(78);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe("docs/automation.md's cron recipe", () => {
  /** The command of the recipe's crontab line, exactly as written: what cron hands to /bin/sh. */
  function cronCommand(): string {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/automation.md'), 'utf8');
    const entry = /^```cron\n(?:#.*\n)*(.+)\n```$/m.exec(doc)?.[1];
    const command = entry && /^(?:\S+\s+){5}(.+)$/.exec(entry.trim())?.[1];
    if (!command) throw new Error('no crontab line in docs/automation.md');
    return command;
  }

  /** Runs `command` with /bin/sh as cron does: in HOME, with cron's sparse environment. */
  function asCron(command: string, environment: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      execFile('/bin/sh', ['-c', command], { cwd: environment.HOME, env: environment, timeout: 15_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  it('works on a fresh machine: its exact line on an empty HOME creates the state file and its directories (0700)', async () => {
    const command = cronCommand();
    expect(command).toContain('--state-file "$HOME/.cache/ips-jobs/prod.state"');
    // The profile the recipe names, kept outside HOME so that HOME is empty: no ~/.cache, nothing.
    const etc = mkdtempSync(path.join(tmpdir(), 'ips-jobs-cron-etc-'));
    const passwordFile = path.join(etc, 'prod.password');
    writeFileSync(passwordFile, `${DEMO_CREDENTIALS.password}\n`, { mode: 0o600 });
    const config = path.join(etc, 'config.json');
    const prod = { username: DEMO_CREDENTIALS.username, passwordFile, company: DEMO_CREDENTIALS.companyHandle, endpoint: emulator.url };
    writeFileSync(config, JSON.stringify({ profiles: { prod } }), { mode: 0o600 });
    // `ips-jobs` on cron's PATH, as an installed one would be.
    const bin = mkdtempSync(path.join(tmpdir(), 'ips-jobs-cron-bin-'));
    symlinkSync(BIN, path.join(bin, 'ips-jobs'));
    const home = mkdtempSync(path.join(tmpdir(), 'ips-jobs-cron-home-'));
    const environment = { HOME: home, LOGNAME: 'cron', SHELL: '/bin/sh', PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`, IPS_JOBS_CONFIG: config };
    expect(readdirSync(home)).toEqual([]);

    const job = submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    const first = await asCron(command, environment);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(3);
    expect(first.stdout).toMatch(new RegExp(`^stalled: ${job.name} `));
    for (const made of ['.cache', '.cache/ips-jobs']) {
      const stats = statSync(path.join(home, made));
      expect(stats.isDirectory()).toBe(true);
      expect(stats.mode & 0o777, made).toBe(0o700);
    }
    const state = path.join(home, '.cache/ips-jobs/prod.state');
    expect(JSON.parse(readFileSync(state, 'utf8')).problems).toHaveProperty([`stalled:${job.jobHandle}`]);
    // The next run five minutes later: the problem was said, so cron mails nothing.
    emulator.clock.advance(5 * MIN);
    expect(await asCron(command, environment)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('outputs for CI', () => {
  it('-o github: escaped workflow commands; a job name cannot inject another command', async () => {
    submit({ originalName: 'Evil\n::warning::pwned, really: yes' });
    emulator.clock.advance(90 * MIN);
    const result = await check(['--running-longer', '1h', '-o', 'github']);
    expect(result.code).toBe(3);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error title=ips-jobs running-longer%3A Evil%0A%3A%3Awarning%3A%3Apwned%2C really%3A yes-[^:]*::active for 1h 30m \(limit 1h\) \(j\|1001\|\|Evil%0A::warning::pwned, really: yes-/);
  });

  it('--junit: parseable XML, one case per rule and job, even with characters XML forbids', async () => {
    submit({ originalName: 'Bell\u0007 & <Ampersand>' });
    submit({ originalName: 'Fine' , durationMs: 60_000 });
    emulator.clock.advance(90 * MIN);
    const file = path.join(dir, 'report.xml');
    const result = await check(['--running-longer', '1h', '--max-active', '5', '--junit', file]);
    expect(result.code).toBe(3);
    const doc = parseXml(readFileSync(file, 'utf8'));
    const cases = findAll(doc, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual([expect.stringMatching(/^Bell & <Ampersand>-/), 'max-active']);
    expect(findAll(doc, 'failure')).toHaveLength(1);
  });
});

// A --junit file that cannot be written is this machine's setup, not a bug of ips-jobs (not 70): one line naming the
// path and why, exit 78. What can be seen before the check is refused before IPS is asked anything.
describe('--junit: a path that cannot be written', () => {
  it.each([
    { what: 'a directory that does not exist', file: () => path.join(dir, 'missing', 'report.xml'), reason: () => `its directory ${path.join(dir, 'missing')} does not exist: create it, or give another path` },
    { what: 'a directory', file: () => dir, reason: () => 'it is a directory: give a file name' },
    {
      what: 'a path through a file',
      file: () => {
        writeFileSync(path.join(dir, 'plain'), '');
        return path.join(dir, 'plain', 'report.xml');
      },
      reason: () => `${path.join(dir, 'plain')} is not a directory: give another path`,
    },
  ])('$what: exit 78, one line naming it, before any request', async ({ file, reason }) => {
    const junit = file();
    const before = emulator.stats.requests;
    const result = await check(['--max-active', '5', '--junit', junit]);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ips-jobs: cannot write --junit ${junit}: ${reason()}\n`);
    expect(emulator.stats.requests).toBe(before);
  });

  it('a write that fails once the check has run (a full disk): exit 78, one line naming it', async () => {
    const result = await check(['--max-active', '5', '--junit', '/dev/full']);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ips-jobs: cannot write --junit /dev/full: no space left on the device: free some, or give another path\n');
  });
});

describe('--on-problem', () => {
  it('runs once per reported problem with the job in the environment, shell syntax in a name kept literal', async () => {
    const name = `$(touch ${path.join(dir, 'pwned')}); \`id\` "q" 'a' | & ;`;
    const job = submit({ originalName: name });
    emulator.clock.advance(90 * MIN);
    const out = path.join(dir, 'events.txt');
    const hook = `printf '%s\\n' "$IPS_JOBS_EVENT" "$IPS_JOBS_RULE" "$IPS_JOBS_JOB_NAME" "$IPS_JOBS_JOB_HANDLE" "$IPS_JOBS_MESSAGE" >> ${JSON.stringify(out)}; echo "\${IPS_JOBS_PASSWORD:-no password here}"`;
    const result = await check(['--running-longer', '1h', '--on-problem', hook]);
    expect(result.code).toBe(3);
    const [event, rule, jobName, handle, message, ...rest] = readFileSync(out, 'utf8').split('\n');
    expect([event, rule, jobName, handle]).toEqual(['problem', 'running-longer', job.name, job.jobHandle]);
    expect(message).toBe('active for 1h 30m (limit 1h)');
    expect(rest).toEqual(['']);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(result.stderr).toContain('no password here');
    expect(result.stdout + result.stderr).not.toContain(DEMO_CREDENTIALS.password);
  });

  it('a failing hook is reported but never hides the result', async () => {
    submit();
    submit();
    const result = await check(['--max-active', '1', '--on-problem', 'exit 9']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('max-active: 2 active jobs (limit 1)\n');
    expect(result.stderr).toBe('ips-jobs: --on-problem exited 9 for problem max-active\n');
  });
});

describe('an event (--failed-since) alerts once and is forgotten silently; a condition resolves', () => {
  const HOUR = 60 * MIN;
  /** An --on-problem hook that appends each $IPS_JOBS_EVENT to a file, and what it has written so far. */
  function eventLog(): { hook: string; events: () => string[] } {
    const file = path.join(dir, 'events.txt');
    return {
      hook: `printf '%s %s\\n' "$IPS_JOBS_EVENT" "$IPS_JOBS_RULE" >> ${JSON.stringify(file)}`,
      events: () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []),
    };
  }

  it('a failed job: reported once, quiet while in the window, and no "resolved" when it leaves it', async () => {
    const state = path.join(dir, 'state.json');
    const { hook, events } = eventLog();
    const job = submit({ outcome: 'failure', fatal: true, durationMs: 60_000 });
    emulator.clock.advance(5 * MIN);
    const args = ['--failed-since', '1h', '--state-file', state, '--on-problem', hook];
    const first = await check(args);
    expect(first.code).toBe(3);
    expect(first.stdout).toBe(`failed: ${job.name} (${job.jobHandle}): failed: fatal error\n`);
    expect(events()).toEqual(['problem failed']);

    emulator.clock.advance(30 * MIN);
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
    // --realert is for conditions: a failure happened once.
    expect(await check([...args, '--realert', '10m'])).toMatchObject({ code: 0, stdout: '' });

    emulator.clock.advance(2 * HOUR);
    expect(await check(args)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const json = await check([...args, '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ problems: [], resolved: [] });
    expect(await check([...args, '-o', 'github'])).toMatchObject({ code: 0, stdout: '' });
    expect(events()).toEqual(['problem failed']);
  });

  it('a failure forgotten when it left the window is not new again when it is back in it (the server clock stepped back)', async () => {
    const state = path.join(dir, 'state.json');
    submit({ outcome: 'failure', fatal: true, durationMs: 60_000 });
    emulator.clock.advance(5 * MIN);
    const args = ['--failed-since', '1h', '--state-file', state];
    expect((await check(args)).code).toBe(3);
    emulator.clock.advance(2 * HOUR);
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
    emulator.clock.advance(-90 * MIN);
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
  });

  it('a stall is not resolved by a run that did not look for stalls, nor at that job (two cron lines, one state file)', async () => {
    const state = path.join(dir, 'state.json');
    const job = submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    expect((await check(['--stalled', '30m', '--state-file', state])).code).toBe(3);
    expect(await check(['--max-active', '5', '--state-file', state])).toMatchObject({ code: 0, stdout: '' });
    expect(await check(['--stalled', '30m', '--type', 'UploadFromServerDirectory', '--state-file', state])).toMatchObject({ code: 0, stdout: '' });
    expect(await check(['--stalled', '30m', '--state-file', state])).toMatchObject({ code: 0, stdout: '' });
    emulator.ips.deleteJob(DEMO_CREDENTIALS.companyHandle, job.jobHandle);
    expect((await check(['--stalled', '30m', '--state-file', state])).stdout).toMatch(/^resolved: stalled: /);
  });

  it('a failed job whose log arrives a run late is still reported once as new', async () => {
    const state = path.join(dir, 'state.json');
    const job = submit({ outcome: 'failure', fatal: true, durationMs: 60_000, logDelayMs: 10 * MIN });
    emulator.clock.advance(5 * MIN);
    const args = ['--failed-since', '1h', '--state-file', state];
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
    emulator.clock.advance(10 * MIN);
    const late = await check(args);
    expect(late.code).toBe(3);
    expect(late.stdout).toBe(`failed: ${job.name} (${job.jobHandle}): failed: fatal error\n`);
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
  });

  it('a stalled job still resolves when it resumes and finishes, once', async () => {
    const state = path.join(dir, 'state.json');
    const { hook, events } = eventLog();
    const job = submit({ outcome: 'stall', stallAt: 0.01, resumeAt: HOUR, durationMs: 10 * MIN });
    emulator.clock.advance(45 * MIN);
    const args = ['--stalled', '30m', '--failed-since', '1h', '--state-file', state, '--on-problem', hook];
    const first = await check(args);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain(`stalled: ${job.name}`);
    emulator.clock.advance(HOUR);
    const resolved = await check(args);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toMatch(new RegExp(`^resolved: stalled: ${job.name} .*\\n$`));
    expect(await check(args)).toMatchObject({ code: 0, stdout: '' });
    expect(events()).toEqual(['problem stalled', 'resolved stalled']);
  });

  it('a state file as version 1 wrote it still reads: its failure is not new, and not resolved when it leaves the window', async () => {
    const state = path.join(dir, 'state.json');
    const { hook, events } = eventLog();
    const failed = submit({ outcome: 'failure', fatal: true, durationMs: 60_000 });
    const stalled = submit({ outcome: 'stall', stallAt: 0.01 });
    emulator.clock.advance(45 * MIN);
    const seen = emulator.clock.now().getTime() - 10 * MIN;
    const progress = emulator.ips.activeJobs().find((j) => j.jobHandle === stalled.jobHandle)?.progress;
    // Exactly what ips-jobs wrote before event and condition were told apart (JSON.stringify(state, null, 2)).
    writeFileSync(
      state,
      `{
  "version": 1,
  "updatedAt": ${seen},
  "problems": {
    "stalled:${stalled.jobHandle}": {
      "rule": "stalled",
      "jobHandle": "${stalled.jobHandle}",
      "jobName": "${stalled.name}",
      "message": "no progress for 34m (limit 30m) at ${progress}%",
      "firstSeen": ${seen},
      "lastAlerted": ${seen}
    },
    "failed:${failed.jobHandle}": {
      "rule": "failed",
      "jobHandle": "${failed.jobHandle}",
      "jobName": "${failed.name}",
      "message": "failed: fatal error",
      "firstSeen": ${seen},
      "lastAlerted": ${seen}
    }
  },
  "observations": {
    "${stalled.jobHandle}": {
      "progress": ${progress}
    }
  }
}
`,
    );
    const args = ['--stalled', '30m', '--failed-since', '1h', '--state-file', state, '--on-problem', hook];
    expect(await check(args)).toMatchObject({ code: 0, stdout: '', stderr: '' });

    emulator.clock.advance(2 * HOUR);
    emulator.ips.deleteJob(DEMO_CREDENTIALS.companyHandle, stalled.jobHandle);
    const later = await check(args);
    expect(later).toMatchObject({ code: 0, stderr: '' });
    // The message is the one of the last run that saw the problem (the first run here).
    expect(later.stdout).toBe(`resolved: stalled: ${stalled.name} (${stalled.jobHandle}): no progress for 45m (limit 30m) at ${progress}%\n`);
    expect(events()).toEqual(['resolved stalled']);
  });
});
