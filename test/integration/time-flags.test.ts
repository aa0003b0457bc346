// One grammar for every time flag (--since, --until, --failed-since, --at), run by the CLI against the emulator
// under two time zones a day apart (UTC+14 and UTC−10 in January). A time with an offset is the same moment in both;
// one without is this machine's local time, as `date -d` reads it ("Times" in docs/usage.md): a day apart.
// Runs are in-process (runMain), with this process's TZ set for the run, as the zone is read from it; `logs --since` of
// a local time stays a process in each zone, so that TZ in the environment of the built CLI is shown to be the zone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { SubmitJobInput } from '../../src/ips/types.js';
import { runCli, runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

/** The server's now, frozen: 2031-01-15T17:00:00Z. */
const START = '2031-01-15T09:00:00.000-08:00';
/** Tz-Probe (succeeded) and Tz-Failed (failed) started at 07:00Z on the 14th and ended ten minutes later. */
const PROBE_START = '2031-01-14T07:00:00Z';

const KIRITIMATI = 'Pacific/Kiritimati';
const ADAK = 'America/Adak';
const ZONES = [KIRITIMATI, ADAK] as const;

/**
 * The moments each written time names, by zone. Without an offset: 09:00 on the 14th is 19:00Z on the 13th at
 * UTC+14 (before the probes started) and 19:00Z on the 14th at UTC−10 (after); the 14th alone is its local
 * midnight, 10:00Z on the 13th or on the 14th.
 */
const LOCAL_TIME = '2031-01-14T09:00';
const LOCAL_DATE = '2031-01-14';
const WITH_OFFSET = '2031-01-14T06:00:00Z';
const LOCAL_READING: Record<(typeof ZONES)[number], Record<string, string>> = {
  [KIRITIMATI]: { [LOCAL_TIME]: '2031-01-13T19:00:00Z', [LOCAL_DATE]: '2031-01-13T10:00:00Z' },
  [ADAK]: { [LOCAL_TIME]: '2031-01-14T19:00:00Z', [LOCAL_DATE]: '2031-01-14T10:00:00Z' },
};

/** Whether the probes (started at PROBE_START) are on or after the moment `text` names in `zone`. */
function probesAfter(text: string, zone: (typeof ZONES)[number]): boolean {
  const moment = text === WITH_OFFSET ? WITH_OFFSET : LOCAL_READING[zone][text];
  return Date.parse(PROBE_START) >= Date.parse(moment ?? '');
}

let emulator: Emulator;
let submitted: SubmitJobInput[] = [];

/** In this process with its TZ set to `zone` for the run (Date reads the zone from there), and TZ in the run's environment. */
async function run(zone: string, args: string[]) {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await runMain(args, { env: demoEnv(emulator, { company: 'handle' }, { TZ: zone }) });
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** The built CLI in a process of its own, TZ=`zone` in its environment as a user sets it. */
function runProcess(zone: string, args: string[]) {
  return runCli(args, { env: demoEnv(emulator, { company: 'handle' }, { TZ: zone }), detached: true });
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  const finished = { type: 'ImageServingPublish', triggerAt: PROBE_START, waitMs: 0, durationMs: 10 * 60_000, files: 12 };
  emulator.ips.addJob({ ...finished, originalName: 'Tz-Probe' });
  emulator.ips.addJob({ ...finished, originalName: 'Tz-Failed', outcome: 'failure', fatal: true, failAt: 0.5 });
  // What the CLI sent as execTime, as the emulator read it.
  const submit = emulator.ips.submitJob.bind(emulator.ips);
  emulator.ips.submitJob = (input, email) => {
    submitted.push(input);
    return submit(input, email);
  };
});

beforeEach(() => {
  submitted = [];
});

afterAll(async () => {
  await emulator.close();
});

const TIMES = [WITH_OFFSET, LOCAL_TIME, LOCAL_DATE];

describe.each(TIMES)('%s', (time) => {
  it('the machine’s time zone is the only difference between the answers, and only without an offset', () => {
    const answers = ZONES.map((zone) => probesAfter(time, zone));
    expect(answers[0]).toBe(true);
    expect(answers[1]).toBe(time === WITH_OFFSET);
  });

  describe.each(ZONES)('TZ=%s', (zone) => {
    const found = () => probesAfter(time, zone);

    it('logs --since: the probes are listed exactly when they started since then', async () => {
      // A local time in a process of its own: the zone its environment names is the one it reads.
      const result = await (time === LOCAL_TIME ? runProcess : run)(zone, ['logs', '--since', time, '--name', 'Tz-*', '-o', 'json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const names = (JSON.parse(result.stdout) as { logs: Array<{ originalJobName?: string }> }).logs.map((log) => log.originalJobName).sort();
      expect(names).toEqual(found() ? ['Tz-Failed', 'Tz-Probe'] : []);
    });

    it('logs --until: the probes are listed exactly when they started before then', async () => {
      const result = await run(zone, ['logs', '--since', '2031-01-10T00:00:00Z', '--until', time, '--name', 'Tz-Probe', '-o', 'json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { logs: unknown[] }).logs).toHaveLength(found() ? 0 : 1);
    });

    it.each([
      ['log', ['log', 'Tz-Probe', '-o', 'json']],
      ['show', ['show', 'Tz-Probe', '-o', 'json']],
      ['wait', ['wait', 'Tz-Probe', '--appear-timeout', '0', '--interval', '50ms']],
      ['watch', ['watch', 'Tz-Probe', '--exit-status', '--appear-timeout', '0', '--interval', '50ms', '-o', 'ndjson']],
    ])('%s <name> --since: the probe is found (exit 0) exactly when it started since then, else exit 7', async (_command, args) => {
      const result = await run(zone, [...args, '--since', time]);
      expect(result.code, result.stderr).toBe(found() ? 0 : 7);
    });

    it('check --failed-since: the failed probe is a problem (exit 3) exactly when it ended since then', async () => {
      const result = await run(zone, ['check', '--failed-since', time, '--name', 'Tz-Failed']);
      expect(result.code, result.stderr).toBe(found() ? 3 : 0);
      if (found()) expect(result.stdout).toMatch(/^failed: Tz-Failed-/m);
    });
  });
});

describe('submit --at', () => {
  const LATER_TIME = '2031-01-17T09:00';
  const LATER_DATE = '2031-01-17';
  const cases = [
    { zone: KIRITIMATI, at: '2031-01-17T09:00:00-08:00', instant: '2031-01-17T17:00:00Z' },
    { zone: ADAK, at: '2031-01-17T09:00:00-08:00', instant: '2031-01-17T17:00:00Z' },
    { zone: KIRITIMATI, at: LATER_TIME, instant: '2031-01-16T19:00:00Z' },
    { zone: ADAK, at: LATER_TIME, instant: '2031-01-17T19:00:00Z' },
    { zone: KIRITIMATI, at: LATER_DATE, instant: '2031-01-16T10:00:00Z' },
    { zone: ADAK, at: LATER_DATE, instant: '2031-01-17T10:00:00Z' },
  ];

  it.each(cases)('--at $at under TZ=$zone is $instant', async ({ zone, at, instant }) => {
    const result = await run(zone, ['submit', 'video-publish', '--name', 'At-Probe', '--at', at, '--yes']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(submitted.map((input) => Date.parse(input.execTime ?? ''))).toEqual([Date.parse(instant)]);
  });
});

describe('a time no flag takes', () => {
  it.each([
    ['logs', '--since'],
    ['logs', '--until'],
    ['log', '--since'],
    ['show', '--since'],
    ['wait', '--since'],
    ['watch', '--since'],
    ['check', '--failed-since'],
    ['submit', '--at'],
  ])('%s %s: exit 2, the one message of the grammar', async (command, flag) => {
    const args = { logs: [], log: ['Tz-Probe'], show: ['Tz-Probe'], wait: ['Tz-Probe'], watch: ['Tz-Probe'], check: [], submit: ['video-publish', '--yes'] }[command] ?? [];
    const result = await run(ADAK, [command, ...args, flag, 'next tuesday']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ips-jobs: option '${flag} <time>' argument 'next tuesday' is invalid. invalid time "next tuesday": expected a duration back from now (90m, 7d), ` +
        '+<duration> from now (+30m), or an ISO date-time: with an offset (2026-11-28T09:00-08:00, 2026-11-28T17:00Z) or in this machine\'s time zone ' +
        `(2026-11-28T09:00, 2026-11-28); see ips-jobs help times (see 'ips-jobs ${command} --help')\n`,
    );
  });
});

// A window of finished jobs that starts after the server's now can hold none: `check --failed-since +1h` checked
// nothing and exited 0. Every --since and --failed-since refuses such a time with exit 2 and one line: a duration
// from now before anything is asked; a date once the server's clock is known, before the window is asked for.
describe('a --since or --failed-since after the server’s now', () => {
  const LATER = '2031-01-16T00:00:00Z';
  const COMMANDS: ReadonlyArray<[string, string, string[]]> = [
    ['logs', '--since', ['logs']],
    ['log', '--since', ['log', 'Tz-Probe']],
    ['show', '--since', ['show', 'Tz-Probe']],
    ['wait', '--since', ['wait', 'Tz-Probe', '--appear-timeout', '0', '--interval', '50ms']],
    ['watch', '--since', ['watch', 'Tz-Probe', '--appear-timeout', '0', '--interval', '50ms']],
    ['submit --wait', '--since', ['submit', 'video-publish', '--name', 'Since-Probe', '--yes', '--wait', '--interval', '50ms']],
    ['check', '--failed-since', ['check']],
  ];

  it.each(COMMANDS)('%s %s +1h: exit 2, one line, before any request', async (command, flag, args) => {
    const before = emulator.stats.requests;
    const result = await run(ADAK, [...args, flag, '+1h']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ips-jobs: option '${flag} <time>' argument '+1h' is invalid. "+1h" is after now: a window that starts then holds no finished job; ` +
        `give a time before now (24h, a date) or 0 for now (see 'ips-jobs ${command.split(' ')[0]} --help')\n`,
    );
    expect(emulator.stats.requests).toBe(before);
  });

  it.each(COMMANDS)('%s %s <a date after the server’s now>: exit 2, one line naming its now, nothing looked up', async (_command, flag, args) => {
    const looked = () => ['getJobLogs', 'getActiveJobs', 'getJobLogDetails', 'submitJob'].map((operation) => emulator.stats.byOperation[operation] ?? 0);
    const before = looked();
    const result = await run(ADAK, [...args, flag, LATER]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ips-jobs: ${flag} ${LATER} is after the server's now (2031-01-15T17:00:00Z): a window that starts then holds no finished job; ` +
        'give a time before now (24h, a date) or 0 for now\n',
    );
    expect(looked()).toEqual(before);
  });

  it('the server’s now itself is not after it: check --failed-since 0 and a date of now check an empty window (exit 0)', async () => {
    for (const since of ['0', '2031-01-15T17:00:00Z']) {
      const result = await run(ADAK, ['check', '--failed-since', since, '--name', 'Tz-Failed']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});

/** An option's entry in --help, its wrapped lines joined: from its flags to the next option. */
function optionHelp(help: string, flag: string): string {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\s+(?:-\\w, )?${flag} `).test(line));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\s+-/.test(line) || line.trim() === '');
  return [lines[start] ?? '', ...rest.slice(0, end)].map((line) => line.trim()).join(' ');
}

describe('help', () => {
  it('help times prints the grammar', async () => {
    const result = await runMain(['help', 'times']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const form of ['90m', '+30m', '2026-11-28T09:00-08:00', '2026-11-28T17:00Z', '2026-11-28T09:00', '2026-11-28', 'TZ', "server's clock"]) {
      expect(result.stdout).toContain(form);
    }
  });

  it.each([
    ['logs', ['--since', '--until']],
    ['log', ['--since']],
    ['show', ['--since']],
    ['wait', ['--since']],
    ['watch', ['--since']],
    ['check', ['--failed-since']],
    ['submit', ['--at']],
    ['emulator', ['--start-time']],
  ])('%s --help: each time flag takes a <time> and points at help times', async (command, flags) => {
    const result = await runMain([command, '--help']);
    expect(result.code).toBe(0);
    for (const flag of flags) expect(optionHelp(result.stdout, flag)).toMatch(new RegExp(`^${flag} <time> .*\\(see ips-jobs help times\\)`));
  });
});
