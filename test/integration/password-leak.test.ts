// The password never leaves the process except towards IPS: every command, in every output format, healthy and
// under each kind of fault, with --debug (which adds the SOAP trace and stack traces to what is shown), with the
// password coming from each of its sources. Nothing it prints, no state file, JUnit report or hook environment
// may hold the password in any spelling.
//
// Most runs are in-process (runMain): the same `main`, the same output. Real processes through the bundle for a
// sample: the first run under each fault (--debug's stack traces come from the bundle there), the first of each output
// kind, the first whose password comes from stdin under each fault (a real pipe), and a crash through the
// internal-error hook, which only a process's own environment can set.
import { chmodSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { runCli, runMain, type CliResult } from '../helpers/cli.js';
import { inParallel } from '../helpers/in-parallel.js';

/** Distinctive, and holding every character XML escapes, so an escaped copy would be caught too. */
const PASSWORD = `Lk9&<pw>"q'Zx#Leak-4417`;
const USER = DEMO_CREDENTIALS.username;
const COMPANY = 'c|1001';
const HOUR = 3_600_000;
const START = '2031-03-02T10:00:00.000-08:00';

/** Every spelling the password could take in output: as is, XML- or JSON-escaped, URL- or base64-encoded, or its core. */
const FORMS = [
  PASSWORD,
  PASSWORD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;'),
  JSON.stringify(PASSWORD).slice(1, -1),
  encodeURIComponent(PASSWORD),
  Buffer.from(PASSWORD).toString('base64'),
  Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
  'Zx#Leak-4417',
  'Leak-4417',
];

function leaksIn(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

const FAULTS = {
  healthy: '',
  auth: '*:fault=authentication',
  html: '*:html=502',
  malformed: '*:malformed',
  hang: '*:hang',
  reset: '*:reset',
} as const;
type Fault = keyof typeof FAULTS;

const emulators = new Map<Fault, Emulator>();
const work = mkdtempSync(path.join(tmpdir(), 'ips-jobs-leak-'));

/** The jobs every emulator holds: one running, one finished (with its log), and one per stop run. */
function addJobs(emulator: Emulator): void {
  const now = Date.parse(START);
  emulator.ips.addJob({ originalName: 'Leak-Active', type: 'ImageServingPublish', waitMs: 0, durationMs: 10 * HOUR, files: 40 });
  emulator.ips.addJob({
    originalName: 'Leak-Done',
    type: 'UploadFromServerDirectory',
    triggerAt: new Date(now - 3 * HOUR).toISOString(),
    waitMs: 0,
    durationMs: 10 * 60_000,
    files: 6,
    errorFiles: 1,
  });
  for (let i = 0; i < 8; i += 1) {
    emulator.ips.addJob({ originalName: `Leak-Stop-${i}`, type: 'ImageServingPublish', waitMs: 0, durationMs: 10 * HOUR, files: 10 });
  }
}

beforeAll(async () => {
  await Promise.all(
    (Object.keys(FAULTS) as Fault[]).map(async (fault) => {
      const emulator = await startEmulator({
        speed: 0,
        jobs: 4,
        startTime: START,
        users: [{ email: USER, password: PASSWORD, memberships: [{ companyHandle: COMPANY, role: 'IpsCompanyAdmin' }] }],
      });
      addJobs(emulator);
      if (FAULTS[fault]) emulator.faults.set(FAULTS[fault]);
      emulators.set(fault, emulator);
    }),
  );
});

afterAll(async () => {
  await Promise.all([...emulators.values()].map((emulator) => emulator.close()));
});

type PasswordSource = 'env' | 'config' | 'config-shared' | 'password-file' | 'stdin';
const SOURCES: readonly PasswordSource[] = ['env', 'config', 'password-file', 'stdin', 'config-shared'];

interface Case {
  name: string;
  args: string[];
  /** Files the command writes that must not hold the password either. */
  files?: string[];
  /** The command reads stdin for itself: the password cannot come from there. */
  usesStdin?: boolean;
  /** Set in the run's environment: the internal-error hook reads it from a process's own (so a process it is). */
  env?: Record<string, string>;
  /** The exit code when it is not the command's usual one. */
  exit?: number;
}

let counter = 0;
function scratch(name: string): string {
  counter += 1;
  return path.join(work, `${counter}-${name}`);
}

/** How this run gets its password, and the environment, stdin and files that go with it. */
function passwordSetup(source: PasswordSource, emulator: Emulator): { env: Record<string, string>; input?: string; flags: string[] } {
  const base = { IPS_JOBS_ENDPOINT: emulator.url, IPS_JOBS_USERNAME: USER, IPS_JOBS_COMPANY: COMPANY };
  switch (source) {
    case 'env':
      return { env: { ...base, IPS_JOBS_PASSWORD: PASSWORD }, flags: [] };
    case 'stdin':
      return { env: base, input: `${PASSWORD}\n`, flags: ['--password-stdin'] };
    case 'password-file': {
      const file = scratch('password');
      writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
      return { env: { ...base, IPS_JOBS_PASSWORD_FILE: file }, flags: [] };
    }
    case 'config':
    case 'config-shared': {
      const file = scratch('config.json');
      writeFileSync(file, JSON.stringify({ defaultProfile: 'leak', profiles: { leak: { password: PASSWORD } } }), { mode: 0o600 });
      // Group- and world-readable: the permission warning must name the file, never its content.
      if (source === 'config-shared') chmodSync(file, 0o644);
      return { env: { ...base, IPS_JOBS_CONFIG: file }, flags: [] };
    }
  }
}

const TABLE_FORMATS = ['table', 'wide', 'json', 'ndjson', 'csv', 'tsv'];

function withFormats(name: string, args: string[], formats: readonly string[]): Case[] {
  return formats.map((format) => ({ name: `${name} -o ${format}`, args: [...args, '-o', format] }));
}

// Two polls of a healthy watch (at 0 and 1 s) before its --timeout.
const FOLLOW = ['--interval', '1s', '--retry-max', '1', '--timeout', '2s'];

function checkCase(format: string): Case {
  const state = scratch('check.state');
  const junit = scratch('check.junit.xml');
  return {
    name: `check -o ${format}`,
    // `env` as the hook prints the hook's whole environment to stderr, where the leak check reads it.
    args: ['check', '--max-active', '1', '--failed-since', '1d', '-o', format, '--state-file', state, '--junit', junit, '--on-problem', 'env'],
    files: [state, `${state}.lock`, junit],
  };
}

let stops = 0;
function stopCase(format: string): Case {
  const target = `Leak-Stop-${stops++ % 8}`;
  return { name: `stop -o ${format}`, args: ['stop', target, '--yes', '-o', format] };
}

/** Every command in every output format it has. */
function everyCommand(): Case[] {
  return [
    ...withFormats('list', ['list'], TABLE_FORMATS),
    ...withFormats('show (active)', ['show', 'Leak-Active'], TABLE_FORMATS),
    ...withFormats('show (finished)', ['show', 'Leak-Done'], ['table', 'json']),
    ...withFormats('watch', ['watch', ...FOLLOW], ['table', 'ndjson']),
    ...withFormats('wait', ['wait', 'Leak-Done', '--since', '1d', ...FOLLOW], ['text', 'json']),
    ...withFormats('logs', ['logs', '--since', '7d'], TABLE_FORMATS),
    ...withFormats('log', ['log', 'Leak-Done'], TABLE_FORMATS),
    ...withFormats('stats', ['stats', '--since', '7d'], ['table', 'json', 'csv', 'tsv']),
    ...withFormats('timeline', ['timeline', '--since', '1d'], ['table', 'json']),
    ...withFormats('scheduled', ['scheduled'], TABLE_FORMATS),
    ...withFormats('companies', ['companies'], TABLE_FORMATS),
    ...['text', 'json', 'github'].map(checkCase),
    ...withFormats('config show', ['config', 'show'], ['table', 'json']),
    { name: 'config check', args: ['config', 'check'] },
    ...['table', 'json', 'ndjson', 'csv', 'tsv'].map(stopCase),
    // A bug of ours (exit 70): with --debug its stack trace is shown, and the password must not be in it either.
    { name: 'list (an internal error)', args: ['list'], env: { IPS_JOBS_TEST_INTERNAL_ERROR: '1' }, exit: 70 },
  ];
}

/** Under a fault the output format rarely matters: the default and json of each command. */
function faultCases(): Case[] {
  return [
    ...withFormats('list', ['list'], ['table', 'json']),
    ...withFormats('show', ['show', 'Leak-Active'], ['table', 'json']),
    ...withFormats('watch', ['watch', ...FOLLOW], ['table', 'ndjson']),
    ...withFormats('wait', ['wait', 'Leak-Done', '--since', '1d', ...FOLLOW], ['text', 'json']),
    ...withFormats('logs', ['logs'], ['table', 'json']),
    ...withFormats('log', ['log', 'Leak-Done'], ['table', 'json']),
    ...withFormats('stats', ['stats'], ['table', 'json']),
    ...withFormats('timeline', ['timeline'], ['table', 'json']),
    ...withFormats('scheduled', ['scheduled'], ['table', 'json']),
    ...withFormats('companies', ['companies'], ['table', 'json']),
    ...['text', 'json'].map(checkCase),
    { name: 'config check', args: ['config', 'check'] },
    ...['table', 'json'].map(stopCase),
  ];
}

interface Run {
  fault: Fault;
  source: PasswordSource;
  testCase: Case;
  /** Run as a process of its own through the bundle, not in-process. */
  asProcess: boolean;
}

/** What -o says, or the command's default output. */
function outputKind(testCase: Case): string {
  const at = testCase.args.indexOf('-o');
  return at < 0 ? 'default' : testCase.args[at + 1]!;
}

const runs: Run[] = [];
for (const [index, testCase] of everyCommand().entries()) {
  runs.push({ fault: 'healthy', source: SOURCES[index % SOURCES.length]!, testCase, asProcess: false });
}
for (const fault of Object.keys(FAULTS).filter((f) => f !== 'healthy') as Fault[]) {
  for (const [index, testCase] of faultCases().entries()) {
    runs.push({ fault, source: SOURCES[(index + fault.length) % SOURCES.length]!, testCase, asProcess: false });
  }
}
// The sample that runs as processes (see the top).
const sampled = new Set<string>();
function sample(run: Run): void {
  run.asProcess = true;
  sampled.add(`output ${outputKind(run.testCase)}`);
  if (run.source === 'stdin') sampled.add('stdin');
}
// One run under each fault, of an output kind not sampled yet where one is left…
for (const fault of Object.keys(FAULTS).filter((f) => f !== 'healthy')) {
  const own = runs.filter((run) => run.fault === fault);
  sample(own.find((run) => !sampled.has(`output ${outputKind(run.testCase)}`)) ?? own[0]!);
}
// …then, healthy, each output kind left, the password from stdin, and the crash.
for (const run of runs.filter((r) => r.fault === 'healthy')) {
  if (run.testCase.env !== undefined || !sampled.has(`output ${outputKind(run.testCase)}`) || (run.source === 'stdin' && !sampled.has('stdin'))) sample(run);
}

/** What each run ends with, so a run that never got as far as printing anything cannot pass unnoticed. */
function expectedExit({ fault, testCase }: Run): number {
  if (testCase.exit !== undefined) return testCase.exit;
  if (fault === 'auth') return 4;
  if (fault !== 'healthy') return 5;
  const command = testCase.args[0];
  if (command === 'check') return 3; // --max-active 1 with several active jobs, and Leak-Done's file error
  if (command === 'wait') return 1; // Leak-Done has a file error
  if (command === 'watch') return 124; // --timeout
  return 0;
}

async function runCase({ fault, source, testCase, asProcess }: Run): Promise<CliResult> {
  const emulator = emulators.get(fault)!;
  const setup = passwordSetup(source, emulator);
  const timeout = fault === 'hang' ? ['--request-timeout', '1s'] : ['--request-timeout', '5s'];
  return (asProcess ? runCli : runMain)([...testCase.args, '--debug', ...timeout, ...setup.flags], {
    env: { ...setup.env, ...testCase.env },
    input: setup.input ?? '',
    killAfterMs: 15_000,
  });
}

// Every run is made up front, each `it` then reads its own result. The processes (on the two cores) and the runs that
// only wait for a hang's deadline go beside the in-process runs (on this thread).
const results = new Map<Run, CliResult>();

beforeAll(async () => {
  const task = (run: Run) => async () => {
    results.set(run, await runCase(run));
  };
  const inProcess = runs.filter((run) => !run.asProcess);
  await Promise.all([
    inParallel(inProcess.filter((run) => run.fault !== 'hang').map(task), 16),
    ...inProcess.filter((run) => run.fault === 'hang').map((run) => task(run)()),
    inParallel(runs.filter((run) => run.asProcess).map(task), 4),
  ]);
}, 30_000); // 4 s on 2 cores; the file may take 20 s at most (docs/development.md)

describe('the password never appears in output, state files or --debug traces', () => {
  it.each(runs.map((run) => [`${run.fault}: ${run.testCase.name} (password from ${run.source})${run.asProcess ? ', a process' : ''}`, run] as const))(
    '%s',
    (_label, run) => {
      const result = results.get(run)!;
      expect(result.code, result.stderr.slice(-800)).toBe(expectedExit(run));
      expect(leaksIn(result.stdout), 'stdout').toEqual([]);
      expect(leaksIn(result.stderr), 'stderr').toEqual([]);
      for (const file of run.testCase.files ?? []) {
        if (existsSync(file)) expect(leaksIn(readFileSync(file, 'utf8')), file).toEqual([]);
      }
    },
  );

  it('the traces showed the credentials masked, so a leak there would have been seen', () => {
    // Every run's stderr: the suite proves the traces held what they should (and so could have leaked).
    const all = [...results.values()].map((result) => result.stderr).join('\n');
    // authHeader's password in every request, checkLogin's body password for `config check`.
    expect(all).toMatch(/^debug: > .*<password>\*{8}<\/password>/m);
    expect(all).toMatch(/^debug: > .*<[\w]+:password>\*{8}<\/[\w]+:password>/m);
    expect(all).toMatch(/^debug: < <\?xml/m);
    expect(all).toContain('holds a password and is readable by group and others (mode 644)');
    expect(all).toMatch(/IPS_JOBS_RULE=max-active/);
    // The internal error's stack trace, shown with --debug.
    expect(all).toMatch(/^ips-jobs: internal error: IPS_JOBS_TEST_INTERNAL_ERROR is set.*\n.*Error: IPS_JOBS_TEST_INTERNAL_ERROR/m);
  });
});
