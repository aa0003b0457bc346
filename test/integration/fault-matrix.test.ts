// Every fault of the emulator's plan against each representative command (list, show, logs, log, check,
// wait, watch): the documented exit code (4 for a refused login or permission, 5 for service, network and
// protocol failures), one clear line naming what failed and where, no stack trace, and a prompt end — every
// request is bound by its deadline. A server that leaves out, mistypes or adds elements is read anyway: the
// command succeeds with what is known. `watch` and `wait` ride out transient faults and give up per --retry-max.
//
// Every run is in-process (runMain/startMain): what is tested is what a command answers, its exit code and its
// timing against request deadlines, none of which needs a process of its own (errors.test.ts and
// pipes-and-signals.test.ts run the process-level paths).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { runMain, startMain, until, type CliResult } from '../helpers/cli.js';
import { inParallel } from '../helpers/in-parallel.js';

/** The virtual "now" of every emulator here, and a job that finished hours before it. */
const START = '2026-11-28T09:00:00.000-08:00';
const FINISHED_AT = new Date(Date.parse(START) - 3 * 3_600_000).toISOString();

interface Scenario {
  emulator: Emulator;
  running: string;
  finished: string;
}

const scenarios: Scenario[] = [];

/** An emulator of its own per fault plan (plans are global to an emulator), with a running and a finished job. */
async function scenario(faults: string): Promise<Scenario> {
  const emulator = await startEmulator({ speed: 0, jobs: 2, seed: 7, startTime: START, faults });
  const running = emulator.ips.addJob({ originalName: 'Matrix-Running', type: 'ImageServingPublish', waitMs: 0, durationMs: 3_600_000, files: 20 });
  const finished = emulator.ips.addJob({ originalName: 'Matrix-Done', type: 'ImageServingPublish', outcome: 'success', waitMs: 0, durationMs: 60_000, files: 8, triggerAt: FINISHED_AT });
  const made = { emulator, running: running.jobHandle, finished: finished.jobHandle };
  scenarios.push(made);
  return made;
}

afterAll(async () => {
  await Promise.all(scenarios.map((s) => s.emulator.close()));
});

function env(s: Scenario): Record<string, string> {
  return {
    IPS_JOBS_ENDPOINT: s.emulator.url,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
  };
}

const POLLING = ['--interval', '50ms', '--max-interval', '100ms'];

interface CommandCase {
  name: string;
  args(s: Scenario): string[];
  /** Polls: failures are retried (and said on stderr or as events) before the final line. */
  polls?: boolean;
}

const COMMANDS: readonly CommandCase[] = [
  { name: 'list', args: () => ['list'] },
  { name: 'show', args: (s) => ['show', s.running] },
  { name: 'logs', args: () => ['logs', '--since', '1d'] },
  { name: 'log', args: (s) => ['log', s.finished] },
  { name: 'stats', args: () => ['stats', '--since', '1d'] },
  { name: 'timeline', args: () => ['timeline', '--since', '1d'] },
  { name: 'check', args: () => ['check', '--stalled', '30m', '-v'] },
  { name: 'wait', args: (s) => ['wait', s.finished, ...POLLING, '--retry-max', '2'], polls: true },
  { name: 'watch', args: (s) => ['watch', s.finished, ...POLLING, '--retry-max', '2'], polls: true },
];

interface FailingFault {
  plan: string;
  code: 4 | 5;
  says: RegExp;
  flags?: string[];
}

// A 1 s deadline where the deadline is what is tested (a hang, a trickle); elsewhere room for a loaded machine.
const DEADLINE: Readonly<Record<string, string>> = { hang: '1s', 'trickle=50': '1s' };

const SERVICE = /^ips-jobs: unexpected answer from 127\.0\.0\.1:\d+ \(\w+\): /;
const NETWORK = /^ips-jobs: cannot reach 127\.0\.0\.1:\d+ \(\w+\): /;

const FAILING: readonly FailingFault[] = [
  { plan: 'status=500', code: 5, says: /empty response \(HTTP 500\)/ },
  { plan: 'status=502', code: 5, says: /empty response \(HTTP 502\)/ },
  { plan: 'status=503', code: 5, says: /empty response \(HTTP 503\)/ },
  { plan: 'html=200', code: 5, says: /an HTML page instead of a SOAP response \(HTTP 200\)/ },
  { plan: 'html=502', code: 5, says: /an HTML page instead of a SOAP response \(HTTP 502\)/ },
  { plan: 'fault=authentication', code: 4, says: /^ips-jobs: login refused by 127\.0\.0\.1:\d+: .*\(authenticationFault 10001\)/ },
  { plan: 'fault=authorization', code: 4, says: /^ips-jobs: not authorised \(\w+\): .*\(authorizationFault 20003\)/ },
  { plan: 'fault=authorization/200', code: 4, says: /^ips-jobs: not authorised \(\w+\): .*\(authorizationFault 20003\)/ },
  { plan: 'fault=ipsApi', code: 5, says: /^ips-jobs: IPS rejected the request \(\w+\): .*\(ipsApiFault 30000\)/ },
  { plan: 'fault=ipsApi/200', code: 5, says: /^ips-jobs: IPS rejected the request \(\w+\): .*\(ipsApiFault 30000\)/ },
  { plan: 'malformed', code: 5, says: /not well-formed XML/ },
  { plan: 'truncated', code: 5, says: /the XML response is truncated/ },
  { plan: 'hang', code: 5, says: /no complete answer within 1s\. .*--request-timeout/ },
  { plan: 'reset', code: 5, says: /connection reset/ },
  { plan: 'badgzip', code: 5, says: /compressed response could not be decoded/ },
  { plan: 'oversize=300000', code: 5, says: /larger than the 100KB limit \(--max-response-size\)/, flags: ['--max-response-size', '100KB'] },
  { plan: 'oversize=300000/gzip', code: 5, says: /larger than the 100KB limit \(--max-response-size\)/, flags: ['--max-response-size', '100KB'] },
  { plan: 'trickle=50', code: 5, says: /no complete answer within 1s/ },
  { plan: 'doctype', code: 5, says: /DOCTYPE/ },
];

const SUCCEEDING = ['missing', 'wrongtypes', 'extra'] as const;
const TRANSIENT = ['status=503', 'reset', 'malformed', 'hang', 'badgzip', 'fault=ipsApi'] as const;

interface Run {
  result: CliResult;
  elapsedMs: number;
}

async function timed(args: string[], s: Scenario): Promise<Run> {
  const started = Date.now();
  const result = await runMain(args, { env: env(s), killAfterMs: 30_000 });
  return { result, elapsedMs: Date.now() - started };
}

/**
 * A follow run through a transient fault: once it says the service recovered, the job it follows is finished (the
 * frozen clock moves past its end), so the run ends there, by the job's outcome, instead of at a --timeout.
 */
async function throughRecovery(args: string[], s: Scenario, recovered: RegExp): Promise<Run> {
  const started = Date.now();
  const run = startMain(args, { env: env(s), killAfterMs: 30_000 });
  await until(() => recovered.test(run.stdout() + run.stderr()) || run.exited(), 20_000, 'the service to be said recovered');
  s.emulator.clock.advance(2 * 3_600_000);
  return { result: await run.result, elapsedMs: Date.now() - started };
}

// Every case of the matrix is run up front, in parallel; each `it` then reads its own result.
const failing = new Map<string, Run>();
const succeeding = new Map<string, Run>();
const transient = new Map<string, Promise<[Run, Run]>>();
let givingUp: Promise<Run[]>;

beforeAll(async () => {
  // The follow runs through a transient fault are the longest (a hang's two deadlines) and mostly wait: they start
  // first, beside the pool. One emulator each: the fault plan counts calls per emulator.
  await Promise.all(
    TRANSIENT.map(async (kind) => {
      const [forWait, forWatch] = await Promise.all([scenario(`getActiveJobs#2-3:${kind}`), scenario(`getActiveJobs#2-3:${kind}`)]);
      transient.set(
        kind,
        Promise.all([
          // A short deadline only where the fault is a hang: on a loaded machine a healthy poll may take over 1 s.
          // --timeout only bounds a run that never recovers: the run ends at the job's end, after the recovery.
          throughRecovery(['wait', forWait.running, ...POLLING, '--request-timeout', kind === 'hang' ? '2s' : '4s', '--timeout', '20s'], forWait, /^ips-jobs: service recovered/m),
          throughRecovery(['watch', forWatch.running, ...POLLING, '--request-timeout', kind === 'hang' ? '2s' : '4s', '--timeout', '20s'], forWatch, /\trecovered\t/),
        ]),
      );
    }),
  );
  const [down, refused] = await Promise.all([
    Promise.all([scenario('getActiveJobs#2-:status=503'), scenario('getActiveJobs#2-:status=503')]),
    Promise.all([scenario('getActiveJobs#2-:fault=authentication'), scenario('getActiveJobs#2-:fault=authentication')]),
  ]);
  givingUp = Promise.all([
    timed(['wait', down[0].running, ...POLLING, '--retry-max', '2'], down[0]),
    timed(['watch', down[1].running, ...POLLING, '--retry-max', '2'], down[1]),
    timed(['wait', refused[0].running, ...POLLING, '--retry-max', '5'], refused[0]),
    timed(['watch', refused[1].running, ...POLLING, '--retry-max', '5'], refused[1]),
  ]);

  const [failingScenarios, succeedingScenarios] = await Promise.all([
    Promise.all(FAILING.map((fault) => scenario(`*:${fault.plan}`))),
    Promise.all(SUCCEEDING.map((plan) => scenario(`*:${plan}`))),
  ]);
  const tasks: Array<() => Promise<void>> = [];
  // A hang or a trickle only waits for its deadline: those runs go beside the pool too.
  const waiting: Array<Promise<void>> = [];
  for (const [index, fault] of FAILING.entries()) {
    const s = failingScenarios[index]!;
    for (const command of COMMANDS) {
      const task = async () => {
        failing.set(`${fault.plan} ${command.name}`, await timed([...command.args(s), '--request-timeout', DEADLINE[fault.plan] ?? '5s', ...(fault.flags ?? [])], s));
      };
      if (DEADLINE[fault.plan]) waiting.push(task());
      else tasks.push(task);
    }
  }
  for (const [index, plan] of SUCCEEDING.entries()) {
    const s = succeedingScenarios[index]!;
    for (const command of COMMANDS) {
      tasks.push(async () => {
        succeeding.set(`${plan} ${command.name}`, await timed(command.args(s), s));
      });
    }
  }
  await Promise.all([inParallel(tasks, 12), ...waiting, ...transient.values(), givingUp]);
}, 30_000); // 6 s on 2 cores; the file may take 20 s at most (docs/development.md)

/** The line that ends the run: the last on stderr. */
function finalLine(result: CliResult): string {
  return result.stderr.trimEnd().split('\n').at(-1) ?? '';
}

describe.each(FAILING)('*:$plan', (fault) => {
  it.each(COMMANDS)(`$name exits ${fault.code} with one line naming what failed and where`, (command) => {
    const { result, elapsedMs } = failing.get(`${fault.plan} ${command.name}`)!;
    expect(result.code, result.stderr).toBe(fault.code);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const line = finalLine(result);
    expect(line).toMatch(fault.says);
    if (fault.code === 5) expect(line).toMatch(fault.plan.startsWith('fault=') ? /\(\w+\)/ : new RegExp(`${SERVICE.source}|${NETWORK.source}`));
    if (command.polls) {
      // Retried first: wait says so on stderr, watch as poll_error events; then the give-up line.
      if (fault.code === 5) expect(result.stderr + result.stdout).toMatch(command.name === 'wait' ? /^ips-jobs: poll 1 failed: .*; retrying$/m : /\tpoll_error\t/);
    } else {
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
    }
    // Every request is bound by its deadline: even a hang or a trickle ends the run in seconds.
    expect(elapsedMs).toBeLessThan(20_000);
  });
});

describe.each(SUCCEEDING)('*:%s — read anyway', (plan) => {
  it.each(COMMANDS)('$name succeeds with what is known', (command) => {
    const { result } = succeeding.get(`${plan} ${command.name}`)!;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/^ips-jobs: |^\s+at /m);
    if (command.name !== 'wait' && command.name !== 'watch') expect(result.stdout).not.toBe('');
  });
});

describe('watch and wait ride out transient faults', () => {
  it.each(TRANSIENT)('getActiveJobs#2-3:%s, then the service recovers', async (kind) => {
    const [waited, watched] = await transient.get(kind)!;
    // Both keep going past the failed polls and follow the job to its end (moved there once they said they
    // recovered): its outcome, success, is their exit code, not a give-up (5) nor --timeout (124).
    for (const { result } of [waited, watched]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    expect(waited.result.stdout).toMatch(/^succeeded: 20 files \(Matrix-Running-/);
    expect(watched.result.stdout).toMatch(/\tfinished\tMatrix-Running-[^\t]*\t[^\t]*\tsucceeded: 20 files$/m);
    expect(waited.result.stderr).toMatch(/^ips-jobs: poll 1 failed: .*; retrying$/m);
    expect(waited.result.stderr).toMatch(/^ips-jobs: service recovered after 2 failed polls$/m);
    expect(watched.result.stdout).toMatch(/\tpoll_error\t/);
    expect(watched.result.stdout).toMatch(/\trecovered\t.*after 2 failed polls/);
    // The job seen before the failures is still the same followed job after them: added once, never again.
    expect(watched.result.stdout.match(/\tadded\tMatrix-Running-/g)).toHaveLength(1);
  });

  it('give up after --retry-max failed polls in a row (exit 5), a refused login at once (exit 4)', async () => {
    const [waitDown, watchDown, waitRefused, watchRefused] = (await givingUp).map((run) => run.result);
    for (const result of [waitDown!, watchDown!]) {
      expect(result.code, result.stderr).toBe(5);
      expect(finalLine(result)).toMatch(/^ips-jobs: unexpected answer from 127\.0\.0\.1:\d+ \(getActiveJobs\): empty response \(HTTP 503\)/);
    }
    // The first failure is retried (said once); the second, the --retry-max-th, ends the run with its own line.
    expect(waitDown!.stderr.match(/; retrying$/gm)).toHaveLength(1);
    expect(watchDown!.stdout.match(/\tpoll_error\t/g)).toHaveLength(1);
    for (const result of [waitRefused!, watchRefused!]) {
      expect(result.code, result.stderr).toBe(4);
      expect(finalLine(result)).toMatch(/^ips-jobs: login refused by 127\.0\.0\.1:\d+/);
      expect(result.stderr + result.stdout).not.toMatch(/retrying|poll_error/);
    }
  });
});
