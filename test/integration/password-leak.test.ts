// The password never leaves the process except towards IPS: every command, in every output format, healthy and
// under each kind of fault, with --debug (which adds the SOAP trace and stack traces to what is shown), with the
// password coming from each of its sources. Nothing it prints, no state file, JUnit report or hook environment
// may hold the password in any spelling.
import { chmodSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

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

const FOLLOW = ['--interval', '1s', '--retry-max', '1', '--timeout', '3s'];

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
    ...withFormats('scheduled', ['scheduled'], TABLE_FORMATS),
    ...withFormats('companies', ['companies'], TABLE_FORMATS),
    ...['text', 'json', 'github'].map(checkCase),
    ...withFormats('config show', ['config', 'show'], ['table', 'json']),
    { name: 'config check', args: ['config', 'check'] },
    ...['table', 'json', 'ndjson', 'csv', 'tsv'].map(stopCase),
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
}

const runs: Run[] = [];
for (const [index, testCase] of everyCommand().entries()) {
  runs.push({ fault: 'healthy', source: SOURCES[index % SOURCES.length]!, testCase });
}
for (const fault of Object.keys(FAULTS).filter((f) => f !== 'healthy') as Fault[]) {
  for (const [index, testCase] of faultCases().entries()) {
    runs.push({ fault, source: SOURCES[(index + fault.length) % SOURCES.length]!, testCase });
  }
}

/** What each run ends with, so a run that never got as far as printing anything cannot pass unnoticed. */
function expectedExit({ fault, testCase }: Run): number {
  if (fault === 'auth') return 4;
  if (fault !== 'healthy') return 5;
  const command = testCase.args[0];
  if (command === 'check') return 3; // --max-active 1 with several active jobs, and Leak-Done's file error
  if (command === 'wait') return 1; // Leak-Done has a file error
  if (command === 'watch') return 124; // --timeout
  return 0;
}

/** Every trace seen, so the suite can prove the traces held what they should (and so could have leaked). */
const traces: string[] = [];

async function runCase({ fault, source, testCase }: Run): Promise<CliResult> {
  const emulator = emulators.get(fault)!;
  const setup = passwordSetup(source, emulator);
  const timeout = fault === 'hang' ? ['--request-timeout', '1s'] : ['--request-timeout', '5s'];
  return runCli([...testCase.args, '--debug', ...timeout, ...setup.flags], {
    env: setup.env,
    input: setup.input ?? '',
    killAfterMs: 15_000,
  });
}

describe('the password never appears in output, state files or --debug traces', () => {
  it.concurrent.each(runs.map((run) => ({ ...run, label: `${run.fault}: ${run.testCase.name} (password from ${run.source})` })))(
    '$label',
    async (run) => {
      const result = await runCase(run);
      expect(result.code, result.stderr.slice(-800)).toBe(expectedExit(run));
      expect(leaksIn(result.stdout), 'stdout').toEqual([]);
      expect(leaksIn(result.stderr), 'stderr').toEqual([]);
      for (const file of run.testCase.files ?? []) {
        if (existsSync(file)) expect(leaksIn(readFileSync(file, 'utf8')), file).toEqual([]);
      }
      traces.push(result.stderr);
    },
  );

  it('the traces showed the credentials masked, so a leak there would have been seen', () => {
    const all = traces.join('\n');
    // authHeader's password in every request, checkLogin's body password for `config check`.
    expect(all).toMatch(/^debug: > .*<password>\*{8}<\/password>/m);
    expect(all).toMatch(/^debug: > .*<[\w]+:password>\*{8}<\/[\w]+:password>/m);
    expect(all).toMatch(/^debug: < <\?xml/m);
    expect(all).toContain('holds a password and is readable by group and others (mode 644)');
    expect(all).toMatch(/IPS_JOBS_RULE=max-active/);
  });
});
