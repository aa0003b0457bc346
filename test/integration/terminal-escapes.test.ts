// Text from the server cannot drive the terminal: a job whose name, message, submitter, description, log
// messages and asset names hold a clear-screen, an OSC 8 hyperlink, the one-byte CSI, a bidi override, BEL and
// CR, and fault reasons that quote such text. Every command, in its table and line formats, shows them escaped
// on stdout and stderr; json and ndjson keep the raw values (JSON-escaped).
// Runs are in-process (runMain) but for those on a terminal: a pseudo-terminal needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, DEMO_USERS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient } from '../../src/ips/client.js';
import type { ActiveJob } from '../../src/ips/types.js';
import { envelope, startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';
import { runMain, type CliResult } from '../helpers/cli.js';
import { onTerminal } from '../helpers/terminal.js';
import { demoEnv } from '../helpers/demo-env.js';

const OSC8 = '\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007';
const HOSTILE = `A\u001b[2J${OSC8}\u009b31m\u202eB\u0007C\rD`;
/** What must never reach a terminal raw: ESC, BEL, CR, the one-byte CSI and the right-to-left override. */
const DRIVERS = /[\u001b\u0007\r\u009b\u202e]/;

const EVIL_USER = { email: 'evil@ips-jobs.example', password: 'evil-password', memberships: [{ companyHandle: 'c|1001', role: `Ips${HOSTILE}Admin` }] };

let emulator: Emulator;
let scripted: CaptureServer;
/** The hostile job as the client reads it: what json must carry unaltered. */
let job: ActiveJob;
let handle: string;
/** The same hostile job, run and gone from the active list (its log decides `watch` and `wait`). */
let gone: { handle: string; name: string };

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'handle' }, extra);
}

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

/** A loopback peer for what the emulator cannot be made to say: hostile schedules, fault reasons, mistyped values. */
function scriptedAnswer(soapAction: string, body: string): string {
  const text = HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#13;');
  if (soapAction.includes('getScheduledJobs')) {
    return envelope(
      `<ns1:getScheduledJobsReturn xmlns:ns1="${TYPES}"><ns1:jobArray><ns1:items><ns1:companyHandle>c|1</ns1:companyHandle>` +
        `<ns1:jobHandle>j|1|Nightly${text}|</ns1:jobHandle><ns1:name>Nightly${text}</ns1:name><ns1:originalName>Nightly${text}</ns1:originalName>` +
        `<ns1:type>ImageServingPublish</ns1:type><ns1:submitUserEmail>${text}@example.com</ns1:submitUserEmail><ns1:description>${text}</ns1:description>` +
        `<ns1:execSchedule>00 00 02 * * ${text}</ns1:execSchedule><ns1:nextFireTime>${text}</ns1:nextFireTime><ns1:timeZone>${text}</ns1:timeZone>` +
        `<ns1:triggerState>${text}</ns1:triggerState></ns1:items></ns1:jobArray></ns1:getScheduledJobsReturn>`,
    );
  }
  if (soapAction.includes('getActiveJobs') && !body.includes('c|fault')) {
    // A job with a mistyped progress, for `--debug`'s schema report.
    return envelope(
      `<ns1:getActiveJobsReturn xmlns:ns1="${TYPES}"><ns1:jobArray><ns1:items><ns1:jobHandle>j|1||Odd|1</ns1:jobHandle><ns1:name>Odd</ns1:name>` +
        `<ns1:state>Running</ns1:state><ns1:progress>${text}</ns1:progress></ns1:items></ns1:jobArray></ns1:getActiveJobsReturn>`,
    );
  }
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${text}</faultstring><detail>` +
      `<ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code>30000</code><reason>${text}</reason></ns1:ipsApiFault></detail></soapenv:Fault>`,
  );
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, users: [...DEMO_USERS, EVIL_USER] });
  const addEvil = () => {
    const rec = emulator.ips.addJob({
      originalName: `Evil-${HOSTILE}`,
      type: 'ImageServingPublish',
      submitUserEmail: `ops${HOSTILE}@example.com`,
      description: HOSTILE,
      outcome: 'failure',
      fatal: true,
      failAt: 0.5,
      waitMs: 0,
      durationMs: 60_000,
      files: 6,
    });
    // The emulator writes the fatal error and file names into messages and log rows: make them hostile too.
    rec.plan.fatalMessage = HOSTILE;
    const first = rec.plan.files[0]!;
    Object.assign(first, { name: `DemoCompany/${HOSTILE}.tif`, result: 'error', note: HOSTILE });
    return rec;
  };
  // One failed at 30 s and left the active list 5 s later; the other failed at 30 s and is still listed as Done, its
  // log written (a job in the list has not ended: watch and wait follow the first one).
  const earlier = addEvil();
  emulator.clock.advance(40_000);
  gone = { handle: earlier.jobHandle, name: earlier.name };
  const rec = addEvil();
  emulator.clock.advance(32_000);
  handle = rec.jobHandle;

  const client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
  [job] = (await client.getActiveJobs({ companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true })) as [ActiveJob];
  client.close();
  // The scenario: hostile text survived the trip through XML in every field the commands show.
  for (const value of [job.name, job.submitUserEmail, job.description, job.progressMessage]) expect(value).toContain('\u001b[2J\u001b]8;;');
  expect(job.name).toContain('\u009b31m\u202eB');

  scripted = await startCaptureServer((request) => ({ body: scriptedAnswer(String(request.headers.soapaction ?? ''), request.body) }));
});

afterAll(async () => {
  await Promise.all([emulator?.close(), scripted?.close()]);
});

/** Runs the commands side by side, in-process. */
function runAll(runs: Array<{ args: string[]; env?: Record<string, string> }>): Promise<CliResult[]> {
  return Promise.all(runs.map((run) => runMain(run.args, { env: run.env ?? env(), killAfterMs: 20_000 })));
}

function expectInert(result: CliResult, what: string): void {
  expect(result.stdout + result.stderr, what).not.toMatch(DRIVERS);
  expect(result.stderr, what).not.toMatch(/^\s+at /m);
}

describe('table and line output shows server text escaped', () => {
  it.each<{ name: string; args: () => string[]; code: number; shows?: RegExp; env?: () => Record<string, string> }>([
    { name: 'list', args: () => ['list'], code: 0, shows: /Job failed: A\\x1b\[2J\\x1b\]8;;https:\/\/evil\.example\/\\x07link/ },
    { name: 'list -o wide', args: () => ['list', '-o', 'wide'], code: 0, shows: /\\x9b31m\\u202eB\\x07C\\rD/ },
    { name: 'show', args: () => ['show', handle], code: 0, shows: /^description\s+A\\x1b\[2J/m },
    { name: 'show -o wide --items', args: () => ['show', handle, '-o', 'wide', '--items'], code: 0 },
    { name: 'logs', args: () => ['logs', '--since', '1d'], code: 0, shows: /opsA\\x1b\[2J/ },
    { name: 'logs -o wide', args: () => ['logs', '--since', '1d', '-o', 'wide'], code: 0 },
    { name: 'timeline', args: () => ['timeline', '--since', '1d'], code: 0, shows: /Evil-A\\x1b\[2J/ },
    { name: 'stats --by user', args: () => ['stats', '--since', '1d', '--by', 'user'], code: 0 },
    { name: 'log', args: () => ['log', handle], code: 0, shows: /DemoCompany\/A\\x1b\[2J.*could not be processed/ },
    { name: 'log -o wide --errors', args: () => ['log', handle, '-o', 'wide', '--errors'], code: 0, shows: /↳ A\\x1b\[2J/ },
    { name: 'watch (event lines)', args: () => ['watch', gone.handle, '--interval', '50ms'], code: 0, shows: /\tfinished\tEvil-A\\x1b\[2J/ },
    { name: 'wait (outcome line on stdout and stderr)', args: () => ['wait', gone.handle, '--interval', '50ms'], code: 1, shows: /^failed: .*\(Evil-A\\x1b\[2J/m },
    { name: 'check', args: () => ['check', '--failed-since', '1h'], code: 3, shows: /^failed: Evil-A\\x1b\[2J/m },
    { name: 'check -o github', args: () => ['check', '--failed-since', '1h', '-o', 'github'], code: 3, shows: /^::error title=.*Evil-A\\x1b\[2J/m },
    { name: 'stop (a control result quoting the fault reason)', args: () => ['stop', handle, '--yes'], code: 5, shows: /ipsApiFault 30001: Job 'Evil-A\\x1b\[2J.*' has already finished/ },
    {
      name: 'companies -o wide',
      args: () => ['companies', '-o', 'wide'],
      code: 0,
      shows: /IpsA\\x1b\[2J/,
      env: () => env({ IPS_JOBS_USERNAME: EVIL_USER.email, IPS_JOBS_PASSWORD: EVIL_USER.password }),
    },
    {
      name: 'scheduled -o wide',
      args: () => ['scheduled', '-o', 'wide'],
      code: 0,
      shows: /NightlyA\\x1b\[2J/,
      env: () => env({ IPS_JOBS_ENDPOINT: scripted.url, IPS_JOBS_COMPANY: 'c|1' }),
    },
  ])('$name', async ({ args, code, shows, env: runEnv }) => {
    const [result] = await runAll([{ args: args(), env: runEnv?.() }]);
    expect(result!.code, result!.stderr).toBe(code);
    expectInert(result!, args().join(' '));
    if (shows) expect(result!.stdout).toMatch(shows);
  });
});

describe('error lines that quote the server stay inert', () => {
  it('fault reasons in the one-line error: an authorisation fault (4) and an unknown company name (78)', async () => {
    const [byHandle, byName] = await runAll([
      { args: ['list'], env: env({ IPS_JOBS_COMPANY: `c|1001${HOSTILE}` }) },
      { args: ['list'], env: env({ IPS_JOBS_COMPANY: `Evil ${HOSTILE}` }) },
    ]);
    expect(byHandle!.code).toBe(4);
    expect(byHandle!.stderr).toMatch(/^ips-jobs: not authorised \(getActiveJobs\): Invalid company handle 'c\|1001A\\x1b\[2J/);
    expect(byName!.code).toBe(78);
    expect(byName!.stderr).toMatch(/^ips-jobs: company "Evil A\\x1b\[2J/);
    for (const result of [byHandle!, byName!]) {
      expectInert(result, 'fault reason');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('an ipsApiFault reason in wait\'s retry lines and its final error; a --debug schema report', async () => {
    const [waited, debugged] = await runAll([
      { args: ['wait', 'j|1||Odd|1', '--interval', '50ms', '--retry-max', '2'], env: env({ IPS_JOBS_ENDPOINT: scripted.url, IPS_JOBS_COMPANY: 'c|fault' }) },
      { args: ['list', '--debug'], env: env({ IPS_JOBS_ENDPOINT: scripted.url, IPS_JOBS_COMPANY: 'c|1' }) },
    ]);
    expect(waited!.code).toBe(5);
    expect(waited!.stderr).toMatch(/^ips-jobs: poll 1 failed: ipsApiFault 30000: A\\x1b\[2J.*; retrying$/m);
    expect(waited!.stderr).toMatch(/^ips-jobs: IPS rejected the request \(getActiveJobs\): A\\x1b\[2J/m);
    expectInert(waited!, 'wait with faults');
    expectInert(debugged!, 'list --debug');
    expect(debugged!.code).toBe(0);
    expect(debugged!.stderr).toMatch(/^debug: getActiveJobs: jobArray\.items\[0\]\.progress: expected an int, got "A\\u001b\[2J/m);
  });
});

describe('json and ndjson keep the raw values', () => {
  it('list, show, logs, log, watch, wait, check, stop and companies', async () => {
    const [list, show, logs, log, watch, wait, check, stop, companies] = await runAll([
      { args: ['list', '-o', 'json'] },
      { args: ['show', handle, '-o', 'ndjson'] },
      { args: ['logs', '--since', '1d', '-o', 'json'] },
      { args: ['log', handle, '-o', 'ndjson'] },
      { args: ['watch', gone.handle, '--interval', '50ms', '-o', 'ndjson'] },
      { args: ['wait', gone.handle, '--interval', '50ms', '-o', 'json'] },
      { args: ['check', '--failed-since', '1h', '-o', 'json'] },
      { args: ['stop', handle, '--yes', '-o', 'json'] },
      { args: ['companies', '-o', 'json'], env: env({ IPS_JOBS_USERNAME: EVIL_USER.email, IPS_JOBS_PASSWORD: EVIL_USER.password }) },
    ]);
    const lines = (result: CliResult) => result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    // Raw in value, yet no byte on stdout that a terminal would act on (JSON escapes C0; we escape C1 and bidi too).
    for (const result of [list, show, logs, log, watch, wait, check, stop, companies]) expectInert(result!, 'json');

    // IPS's values raw, plus jobType (the one name of the type, from the same raw type).
    expect(JSON.parse(list!.stdout).jobs).toEqual([{ ...job, jobType: job.type }]);
    expect(lines(show!)[0].job).toEqual({ ...job, jobType: job.type });
    expect(JSON.parse(logs!.stdout).logs.find((l: { jobHandle: string }) => l.jobHandle === handle).submitUserEmail).toBe(job.submitUserEmail);
    expect(lines(log!).map((row) => row.assetName)).toContain(`DemoCompany/${job.description}.tif`);
    expect(lines(watch!).map((event) => event.job?.name)).toContain(gone.name);
    expect(JSON.parse(wait!.stdout).job.name).toBe(gone.name);
    expect(gone.name).toContain('\u001b[2J\u001b]8;;');
    expect(JSON.stringify(JSON.parse(check!.stdout))).toContain(JSON.stringify(job.name).slice(1, -1));
    expect(JSON.parse(stop!.stdout).results[0].error.reason).toBe(`Job '${job.name}' has already finished`);
    expect(JSON.parse(companies!.stdout).memberships.map((m: { role: string }) => m.role)).toContain(EVIL_USER.memberships[0]!.role);
  });
});


describe('on a terminal (colour, spinner, the live view)', () => {
  it('list, show, log, watch and wait draw their own escape codes only', async () => {
    const runs = await Promise.all([
      onTerminal(['list', '-o', 'wide'], env(), { columns: 160, timeoutMs: 20_000 }),
      onTerminal(['show', handle], env(), { columns: 160, timeoutMs: 20_000 }),
      onTerminal(['log', handle], env(), { columns: 160, timeoutMs: 20_000 }),
      onTerminal(['watch', gone.handle, '--interval', '50ms'], env(), { columns: 160, timeoutMs: 20_000 }),
      onTerminal(['wait', gone.handle, '--interval', '50ms'], env(), { columns: 160, timeoutMs: 20_000 }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0, 1]);
    for (const { screen } of runs) {
      // Our own output has SGR colours, cursor moves and CR; the server's clear-screen, hyperlink, CSI, BEL and override never pass.
      for (const raw of ['\u001b[2J', '\u001b]8;;', '\u009b', '\u202e', '\u0007']) expect(screen).not.toContain(raw);
      expect(screen).toContain('\\x1b[2J');
    }
  });
});
