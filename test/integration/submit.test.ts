// `ips-jobs submit <kind>` in a CI pipeline: the CLI submits to the emulator over real SOAP, then (--wait)
// polls every few milliseconds while the test moves the emulator's virtual clock forward in lock-step.
// Runs are in-process (runMain/startMain, which has no terminal to ask on, as in CI) but for the handle printed in a
// pipe, which stays a process with no controlling terminal (h=$(ips-jobs submit …) is a pipe into a shell, and its
// exit status is the process's), and the terminal's question, asked in a real pseudo-terminal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { SubmitJobInput } from '../../src/ips/types.js';
import { runCli, runMain, startMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { driveUntilExit } from '../helpers/drive-clock.js';
import { cliCommandLine, runAtTerminal } from '../helpers/terminal.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterEach(() => {
  emulator.faults.clear();
  emulator.ips.submitOutcomes.length = 0;
});

afterAll(async () => {
  await emulator.close();
});

const ENV = () => demoEnv(emulator, { company: 'handle' });
const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-submit-'));
let files = 0;

/** A --urls file with these lines. */
function urlFile(lines: readonly string[]): string {
  files += 1;
  const file = path.join(dir, `urls-${files}.tsv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const submitCalls = () => emulator.stats.byOperation.submitJob ?? 0;
const requests = () => emulator.stats.requests;

let serial = 0;
/** A job name of its own for each test, so lookups never meet another test's job. */
const uniqueName = (prefix: string) => `${prefix}-${(serial += 1)}`;

type Outcome = 'success' | 'failure' | 'stall';

/** The flags of each kind, and how a test makes its job end with each outcome. */
const KINDS: ReadonlyArray<{ kind: string; flags: (outcome: Outcome) => string[]; type: string }> = [
  { kind: 'image-serving-publish', type: 'ImageServingPublish', flags: (o) => publishOutcome(o, ['--publish-type', 'full']) },
  { kind: 'image-rendering-publish', type: 'ImageRenderingPublish', flags: (o) => publishOutcome(o, []) },
  { kind: 'video-publish', type: 'VideoPublish', flags: (o) => publishOutcome(o, ['--email-setting', 'none']) },
  {
    kind: 'upload-urls',
    type: 'UrlUpload',
    flags: (o) => [
      '--urls',
      urlFile([
        'https://cdn.example.com/a.jpg\tspring/a.jpg',
        o === 'failure' ? 'https://fail.invalid/b.jpg\tspring/b.jpg' : 'https://cdn.example.com/b.jpg\tspring/b.jpg',
        o === 'stall' ? 'https://stall.invalid/c.jpg\tspring/c.jpg' : 'https://cdn.example.com/c.jpg\tspring/c.jpg',
      ]),
    ],
  },
];

/** A publish has no URLs to fail on: the emulator is told how the next submitted job ends. */
function publishOutcome(outcome: Outcome, flags: string[]): string[] {
  if (outcome === 'failure') emulator.ips.submitOutcomes.push({ outcome: 'failure', fatal: false, errorFiles: 2 });
  if (outcome === 'stall') emulator.ips.submitOutcomes.push({ outcome: 'stall', stallAt: 0.5 });
  return flags;
}

/** The server's clock only moves when a test moves it: how often --wait polls sets how long a test takes, nothing else. */
const INTERVAL = '5ms';

/** With no terminal, as in CI: there is nobody to ask. */
function submit(args: string[], options: { input?: string } = {}) {
  return runMain(['submit', ...args], { env: ENV(), ...(options.input === undefined ? {} : { input: options.input }) });
}

describe('submit --wait follows the new job to its outcome, for every kind', () => {
  const cases = KINDS.flatMap((k) =>
    (['success', 'failure', 'stall'] as const).map((outcome) => ({ ...k, outcome, code: { success: 0, failure: 1, stall: 6 }[outcome] })),
  );

  it.each(cases)('$kind, $outcome: exit $code', async ({ kind, type, flags, outcome, code }) => {
    const name = uniqueName(kind);
    const args = ['submit', kind, ...flags(outcome), '--name', name, '--yes', '--wait', '--interval', INTERVAL, '--stall-timeout', '10m', '-o', 'json'];
    const cli = startMain(args, { env: ENV() });
    await driveUntilExit(emulator, cli, 60_000);
    const result = await cli.result;
    expect(result.stderr).toMatch(new RegExp(`^ips-jobs: submitted ${name}: j\\|`, 'm'));
    expect(result.code).toBe(code);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ schemaVersion: 1, jobs: [{ jobName: name, jobHandle: document.jobHandle }] });
    const word = { success: 'succeeded', failure: 'failed', stall: 'stalled' }[outcome];
    expect(document.jobs[0].outcome).toMatchObject({ schemaVersion: 1, outcome: word, job: { jobHandle: document.jobHandle, originalName: name, type } });
    if (outcome === 'failure') expect(document.jobs[0].outcome.counts.fileErrorCount).toBeGreaterThan(0);
    // The last stderr line states the outcome (a CI log that keeps only stderr).
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${word}: .*\\(${name}-`));
  });
});

describe('submit --wait -o ndjson', () => {
  it('one JSON event per line: submitted, the follow events of watch -o ndjson, then the outcome', async () => {
    const name = uniqueName('Events');
    const cli = startMain(['submit', 'video-publish', '--name', name, '--yes', '--wait', '--interval', INTERVAL, '-o', 'ndjson'], { env: ENV() });
    await driveUntilExit(emulator, cli, 60_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const handle = events[0].jobHandle;
    expect(events[0]).toMatchObject({ schemaVersion: 1, event: 'submitted', detail: name });
    expect(events.map((e) => e.event)).toContain('finished');
    expect(events.at(-1)).toMatchObject({ schemaVersion: 1, event: 'outcome', jobHandle: handle, outcome: { schemaVersion: 1, outcome: 'succeeded' } });
    expect(events.every((e) => e.schemaVersion === 1 && typeof e.ts === 'string')).toBe(true);
  });
});

describe('without --wait', () => {
  it('prints the handle alone on stdout in a pipe, so h=$(ips-jobs submit …) works', async () => {
    const name = uniqueName('Handle');
    const result = await runCli(['submit', 'image-serving-publish', '--name', name, '--yes'], { env: ENV(), detached: true });
    expect(result.code).toBe(0);
    const handle = emulator.ips.findJob(name)?.jobHandle;
    expect(handle).toBeDefined();
    expect(result.stdout).toBe(`${handle}\n`);
    expect(result.stderr).toBe('');
  });

  it('-o json: a document with schemaVersion and the handle; -o ndjson: a submitted event', async () => {
    const name = uniqueName('Json');
    const json = await submit(['video-publish', '--name', name, '--yes', '-o', 'json']);
    expect(json.code).toBe(0);
    const handle = emulator.ips.findJob(name)?.jobHandle;
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, jobHandle: handle, jobs: [{ jobName: name, jobHandle: handle }] });
    const other = uniqueName('Ndjson');
    const ndjson = await submit(['video-publish', '--name', other, '--yes', '-o', 'ndjson']);
    const event = JSON.parse(ndjson.stdout);
    expect(event).toMatchObject({ schemaVersion: 1, event: 'submitted', jobHandle: emulator.ips.findJob(other)?.jobHandle, detail: other });
  });

  it('sends the detail the flags ask for: publish type, e-mail setting, completion URL, description', async () => {
    const name = uniqueName('Detail');
    const result = await submit([
      'image-serving-publish',
      '--name', name,
      '--publish-type', 'full-with-search',
      '--email-setting', 'error-and-warning',
      '--completion-url', 'https://ci.example.com/hook',
      '--description', 'nightly',
      '--yes',
    ]);
    expect(result.code).toBe(0);
    const job = emulator.ips.findJob(name)?.job;
    expect(job?.description).toBe('nightly');
    expect(job?.imageServingPublishJob).toEqual({ publishType: 'FullWithSearch', emailSetting: 'ErrorAndWarning', httpCompletionUrl: 'https://ci.example.com/hook' });
  });
});

describe("\"now\" is the server's clock, a week behind this machine's, also before any answer has told it", () => {
  /** The requests as the emulator read them. */
  let sent: SubmitJobInput[] = [];
  beforeAll(() => {
    const submitJob = emulator.ips.submitJob.bind(emulator.ips);
    emulator.ips.submitJob = (input, email) => {
      sent.push(input);
      return submitJob(input, email);
    };
  });
  afterEach(() => {
    sent = [];
  });

  /** The emulator's frozen clock, to the second as --at +<duration> and the default name write it. */
  const serverSecond = () => Math.floor(emulator.clock.now().getTime() / 1000) * 1000;
  const compact = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z').replace(/[-:]/g, '');

  it.each(['handle', 'name'] as const)('--at +2m and the default job name, the company given by its %s', async (company) => {
    const now = serverSecond();
    expect(Date.now() - now).toBeGreaterThan(86_400_000);
    const result = await runMain(['submit', 'video-publish', '--at', '+2m', '--yes'], { env: demoEnv(emulator, { company }) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.jobName).toBe(`video-publish-${compact(now)}`);
    expect(Date.parse(sent[0]?.execTime ?? '')).toBe(now + 120_000);
  });

  it('--at +2m --wait follows the job, which starts two minutes later by the server clock, to its outcome', async () => {
    const name = uniqueName('Later');
    const cli = startMain(['submit', 'video-publish', '--name', name, '--at', '+2m', '--yes', '--wait', '--interval', INTERVAL], { env: ENV() });
    // Half an hour of the server's time: the job starts after two minutes and runs a few. A run still going after
    // that fails on its time limit.
    await driveUntilExit(emulator, cli, 60_000, 30);
    const result = await cli.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^succeeded: .*\\(${name}-`));
  });

  it('the past is the past by the server clock: an hour before it is refused, naming its now; an hour after it is not', async () => {
    const now = serverSecond();
    const before = submitCalls();
    const past = new Date(now - 3_600_000).toISOString();
    const refused = await submit(['video-publish', '--at', past, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const nowText = new Date(now).toISOString().replace('.000Z', 'Z');
    expect(refused.stderr).toBe(`ips-jobs: --at "${past}" is in the past (it is now ${nowText}): give a later time, or +<duration> such as +30m\n`);
    expect(submitCalls()).toBe(before);

    // This machine's clock, a week ahead, calls this the past too.
    const later = new Date(now + 3_600_000).toISOString();
    const accepted = await submit(['video-publish', '--name', uniqueName('Hour'), '--at', later, '--yes']);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(sent.map((input) => Date.parse(input.execTime ?? ''))).toEqual([now + 3_600_000]);
  });
});

describe('--dry-run', () => {
  it('prints the request it would send, password masked, and sends nothing', async () => {
    const before = submitCalls();
    const file = urlFile(['https://cdn.example.com/a.jpg', 'https://cdn.example.com/x/b%20c.png']);
    const result = await submit(['upload-urls', '--urls', file, '--dest-folder', 'spring', '--then-publish', 'image-serving:full', '--name', 'Dry', '--dry-run']);
    expect(result.code).toBe(0);
    expect(submitCalls()).toBe(before);
    expect(result.stdout).toContain('submitJobParam');
    // The envelope exactly as it would be posted (one line), the password masked.
    const body = result.stdout.replace(/<(\/?)types:/g, '<$1');
    expect(body).toContain('<jobName>Dry</jobName>');
    expect(body).toContain('<items><sourceUrl>https://cdn.example.com/a.jpg</sourceUrl><destPath>spring/a.jpg</destPath></items>');
    expect(body).toContain('<destPath>spring/b c.png</destPath>');
    expect(body).toContain('<postImageServingPublishJob><publishType>Full</publishType>');
    expect(result.stdout).toContain('<password>********</password>');
    expect(result.stdout).not.toContain(DEMO_CREDENTIALS.password);
  });
});

describe('--dest-folder: each URL listed alone goes into it under the last segment of its path', () => {
  it('an escaped / or \\ in the file name stays escaped: it never makes a subfolder', async () => {
    const name = uniqueName('Escaped');
    const file = urlFile(['https://a.example/a%2Fb.jpg', 'https://a.example/x/a%5Cb%20c.jpg?v=/2']);
    const result = await submit(['upload-urls', '--urls', file, '--dest-folder', 'd', '--name', name, '--yes']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const job = emulator.ips.findJob(name)?.job.uploadUrlsJob as { urlArray?: Array<{ destPath: string }> } | undefined;
    expect(job?.urlArray?.map((url) => url.destPath)).toEqual(['d/a%2Fb.jpg', 'd/a%5Cb c.jpg']);
  });

  it('an upload listed twice is sent as listed, with a warning on stderr naming its lines', async () => {
    const name = uniqueName('Twice');
    const file = urlFile(['https://a.example/a.jpg', '# again', 'https://a.example/a.jpg', 'https://a.example/b.jpg\td/b.jpg', 'https://a.example/b.jpg\td/b.jpg']);
    const result = await submit(['upload-urls', '--urls', file, '--dest-folder', 'd', '--name', name, '--yes']);
    expect(result.code).toBe(0);
    const handle = emulator.ips.findJob(name)?.jobHandle;
    expect(result.stdout).toBe(`${handle}\n`);
    expect(result.stderr).toBe(
      `ips-jobs: warning: ${file} lines 1 and 3 are the same upload, sent once for each line: "https://a.example/a.jpg" → "d/a.jpg"\n` +
        `ips-jobs: warning: ${file} lines 4 and 5 are the same upload, sent once for each line: "https://a.example/b.jpg" → "d/b.jpg"\n`,
    );
    const job = emulator.ips.findJob(name)?.job.uploadUrlsJob as { urlArray?: Array<{ destPath: string }> } | undefined;
    expect(job?.urlArray?.map((url) => url.destPath)).toEqual(['d/a.jpg', 'd/a.jpg', 'd/b.jpg', 'd/b.jpg']);
  });
});

describe('bad input is refused with exit 2 and one line, before anything is sent', () => {
  const refusals: ReadonlyArray<{ what: string; args: () => string[]; input?: string; line: RegExp }> = [
    { what: 'no terminal and no --yes', args: () => ['image-serving-publish'], line: /refusing to submit 1 job without confirmation: pass --yes/ },
    { what: 'an empty URL list', args: () => ['upload-urls', '--urls', urlFile(['# nothing yet']), '--yes'], line: /no URLs in / },
    { what: 'a line that is not an http(s) URL', args: () => ['upload-urls', '--urls', urlFile(['ftp://example.com/a.jpg\ta.jpg']), '--yes'], line: /line 1: .*http/ },
    { what: 'a URL without a destination', args: () => ['upload-urls', '--urls', '-', '--yes'], input: 'https://example.com/a.jpg\n', line: /--dest-folder/ },
    { what: '--at and --schedule together', args: () => ['video-publish', '--at', '+1h', '--schedule', '0 0 * * *', '--yes'], line: /--at and --schedule/ },
    // A duration alone counts back from now, whatever now is: its form is the mistake, and needs no clock.
    {
      what: '--at a duration without +',
      args: () => ['video-publish', '--at', '30m', '--yes'],
      line: /^ips-jobs: option '--at <time>' argument '30m' is invalid\. a duration alone counts back from now; write \+ before it for a time from now, e\.g\. \+30m \(see 'ips-jobs submit --help'\)$/m,
    },
    { what: '--at a duration without +, with --dry-run', args: () => ['video-publish', '--at', '1.5h', '--dry-run'], line: /^ips-jobs: option '--at <time>' argument '1\.5h' is invalid\. a duration alone counts back from now; / },
    { what: 'a flag of another kind', args: () => ['video-publish', '--publish-type', 'full', '--yes'], line: /--publish-type/ },
    {
      what: "upload-urls' flags on a publish (issue 22: they were ignored)",
      args: () => ['image-serving-publish', '--urls', '/nonexistent', '--dest-folder', 'foo', '--batch-size', '3', '--dry-run'],
      line: /^ips-jobs: --urls only goes with upload-urls, not image-serving-publish$/m,
    },
    { what: '--dest-folder on a publish', args: () => ['video-publish', '--dest-folder', 'foo', '--yes'], line: /^ips-jobs: --dest-folder only goes with upload-urls, not video-publish$/m },
    { what: '--batch-size on a publish', args: () => ['image-rendering-publish', '--batch-size', '500', '--yes'], line: /^ips-jobs: --batch-size only goes with upload-urls, not image-rendering-publish$/m },
    { what: '--publish-type on upload-urls', args: () => ['upload-urls', '--urls', '/nonexistent', '--publish-type', 'full', '--yes'], line: /^ips-jobs: --publish-type only goes with image-serving-publish, not upload-urls$/m },
    { what: 'upload-urls without --urls', args: () => ['upload-urls', '--yes'], line: /--urls/ },
    { what: 'a follow flag without --wait', args: () => ['video-publish', '--timeout', '5m', '--yes'], line: /^ips-jobs: --timeout needs --wait$/m },
    {
      what: 'a file name with a control character, by its line number',
      args: () => ['upload-urls', '--urls', urlFile(['# spring', 'https://a.example/ok.jpg', 'https://a.example/a%00b.jpg']), '--dest-folder', 'd', '--yes'],
      line: /^ips-jobs: .*urls-\d+\.tsv line 3: the URL's file name has a control character \(give sourceUrl<TAB>destPath\): "https:\/\/a\.example\/a%00b\.jpg"$/m,
    },
    { what: 'an unknown kind', args: () => ['metadata-publish', '--yes'], line: /metadata-publish/ },
    { what: 'a --urls file that cannot be read', args: () => ['upload-urls', '--urls', path.join(dir, 'missing.tsv'), '--yes'], line: /^ips-jobs: cannot read --urls .*missing\.tsv: ENOENT$/m },
    { what: '--urls - with --password-stdin', args: () => ['upload-urls', '--urls', '-', '--password-stdin', '--yes'], input: 'x\n', line: /--urls - and --password-stdin both read standard input/ },
    { what: '--wait with --schedule', args: () => ['video-publish', '--schedule', '0 0 * * *', '--wait', '--yes'], line: /--wait cannot follow a --schedule/ },
    { what: '--wait with --dry-run', args: () => ['video-publish', '--dry-run', '--wait'], line: /--dry-run sends nothing/ },
  ];

  it.each(refusals)('$what', async ({ args, input, line }) => {
    const before = requests();
    const result = await submit(args(), input === undefined ? {} : { input });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(line);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(requests()).toBe(before);
  });
});

describe('--at in a form that can never be later than now, without credentials', () => {
  it('is the usage error (2), not the missing configuration (78): its form needs neither a login nor a clock', async () => {
    const result = await runMain(['submit', 'video-publish', '--at', '30m', '--yes'], { env: {} });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "ips-jobs: option '--at <time>' argument '30m' is invalid. a duration alone counts back from now; write + before it for a time from now, e.g. +30m (see 'ips-jobs submit --help')\n",
    );
  });
});

describe('a submit is never retried', () => {
  it('a reset on submitJob: exit 5, the job name to look for, one submitJob call', async () => {
    emulator.faults.set('submitJob:reset');
    const before = submitCalls();
    const result = await submit(['image-serving-publish', '--name', 'Reset-Me', '--yes']);
    expect(result.code).toBe(5);
    expect(submitCalls() - before).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ips-jobs: no answer to submitJob for "Reset-Me" .*IPS may have created the job\. It was not sent again: look for it/);
    expect(result.stdout).toBe('');
  });

  it('a fault is an answer: IPS refused, nothing was created (exit 5, no "may have")', async () => {
    emulator.faults.set('submitJob:fault=ipsApi');
    const result = await submit(['video-publish', '--name', 'Refused', '--yes']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/IPS rejected the request \(submitJob\)/);
    expect(result.stderr).not.toContain('may have');
  });
});

describe('a user without a role that may submit', () => {
  it('is refused by IPS: exit 4, one line, nothing created', async () => {
    const name = uniqueName('Viewer');
    const env = demoEnv(emulator, { company: 'handle' }, { IPS_JOBS_USERNAME: 'viewer@ips-jobs.example', IPS_JOBS_PASSWORD: 'viewer-password' });
    const result = await runMain(['submit', 'video-publish', '--name', name, '--yes'], { env });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^ips-jobs: not authorised \(submitJob\): .*authorizationFault/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(emulator.ips.findJob(name)).toBeUndefined();
  });
});

describe('--batch-size splits a long URL list into several jobs', () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example.com/img-${i}.jpg\tbatch/img-${i}.jpg`);

  it('5 URLs at --batch-size 2: three jobs, named 1of3…3of3, their handles one per line', async () => {
    const result = await submit(['upload-urls', '--urls', urlFile(urls(5)), '--batch-size', '2', '--name', 'Batch', '--yes']);
    expect(result.code).toBe(0);
    const jobs = ['Batch-1of3', 'Batch-2of3', 'Batch-3of3'].map((n) => emulator.ips.findJob(n));
    expect(jobs.map((j) => j?.job.uploadUrlsJob && (j.job.uploadUrlsJob as { urlArray?: unknown[] }).urlArray?.length)).toEqual([2, 2, 1]);
    expect(result.stdout).toBe(jobs.map((j) => `${j?.jobHandle}\n`).join(''));
  });

  it('--wait waits for all of them; the worst outcome is the exit code', async () => {
    const list = [...urls(3), 'https://fail.invalid/x.jpg\tbatch/x.jpg'];
    const cli = startMain(['submit', 'upload-urls', '--urls', urlFile(list), '--batch-size', '2', '--name', 'Waited', '--yes', '--wait', '--interval', INTERVAL], {
      env: ENV(),
    });
    await driveUntilExit(emulator, cli, 60_000);
    const result = await cli.result;
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^succeeded: .*\(Waited-1of2-/);
    expect(lines[1]).toMatch(/^failed: .*\(Waited-2of2-/);
  });
});

describe('on a terminal', () => {
  it('shows what it will submit and asks; y submits, anything else submits nothing', async () => {
    const yes = uniqueName('Asked');
    const asked = await runAtTerminal(`${cliCommandLine('submit', 'image-serving-publish', '--name', yes)}; echo "exit=$?"`, 'y', ENV());
    const text = asked.screen.replace(/\r/g, '');
    expect(text).toContain(`About to submit 1 job to c|1001:\n  image-serving-publish job '${yes}' for c|1001: incremental publish`);
    expect(text).toContain('Submit 1 job? [y/N] ');
    const handle = emulator.ips.findJob(yes)?.jobHandle;
    expect(text).toContain(`submitted ${yes}: job handle ${handle}\n`);
    expect(text).toContain('exit=0');

    const before = submitCalls();
    const no = uniqueName('Declined');
    const declined = await runAtTerminal(`${cliCommandLine('submit', 'video-publish', '--name', no)}; echo "exit=$?"`, 'n', ENV());
    expect(declined.screen.replace(/\r/g, '')).toContain('cancelled, nothing submitted\nexit=0');
    expect(submitCalls()).toBe(before);
  });
});
