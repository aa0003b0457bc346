// The demo looks like today: --demo and `ips-jobs emulator` start the emulator's clock at the real now, so their jobs,
// the stamps IPS appends to job names and their logs are dated by the real clock, in the server's offset (-08:00),
// whatever this machine's date or time zone. `ips-jobs emulator --start-time` fixes the clock with the time grammar.
// (Every other test starts the emulator at its fixed default day through startEmulator's options.)
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/emulator/index.js';
import { runMain, startCli, until } from '../helpers/cli.js';

const MINUTE = 60_000;
/** The server's offset, as the emulator speaks it. */
const SERVER_OFFSET = '-08:00';

/** `Name-2026-11-28-09:00:00` (or `…_2`): the instant the stamp names, read as IPS writes it, in the server's local time. */
function nameStampMs(name: string): number {
  const match = /-(\d{4}-\d{2}-\d{2})-(\d{2}:\d{2}:\d{2})(?:_\d+)?$/.exec(name);
  if (!match) throw new Error(`no time stamp at the end of ${JSON.stringify(name)}`);
  return Date.parse(`${match[1]}T${match[2]}${SERVER_OFFSET}`);
}

/** An xsd:dateTime the server wrote: in its offset, and the instant it names. */
function serverDateMs(iso: string): number {
  expect(iso.endsWith(SERVER_OFFSET), `${iso} in the server's offset`).toBe(true);
  return Date.parse(iso);
}

/** Expects `ms` in [from, to], naming what it is when it is not. */
function expectWithin(what: string, ms: number, from: number, to: number): void {
  expect(ms, `${what}: ${new Date(ms).toISOString()} not in [${new Date(from).toISOString()}, ${new Date(to).toISOString()}]`).toBeGreaterThanOrEqual(from);
  expect(ms, `${what}: ${new Date(ms).toISOString()} not in [${new Date(from).toISOString()}, ${new Date(to).toISOString()}]`).toBeLessThanOrEqual(to);
}

interface ActiveJob {
  name: string;
  triggerTime?: string;
  startDate?: string;
  lastProgressUpdate?: string;
}

/**
 * The active jobs the emulator generates at its start were triggered within the 25 minutes before it (the roles of
 * src/emulator/generate.ts), and each name's stamp is its trigger time to the second, in the server's local time.
 */
function expectActiveJobsAt(jobs: ActiveJob[], from: number, to: number): void {
  expect(jobs.length).toBeGreaterThan(0);
  for (const job of jobs) {
    const stamp = nameStampMs(job.name);
    expectWithin(`${job.name}'s stamp`, stamp, from - 25 * MINUTE - 1000, to);
    if (job.triggerTime !== undefined) expect(stamp).toBe(Math.floor(serverDateMs(job.triggerTime) / 1000) * 1000);
    for (const date of [job.startDate, job.lastProgressUpdate]) {
      if (date !== undefined) expectWithin(`${job.name}: ${date}`, serverDateMs(date), from - 25 * MINUTE, to);
    }
  }
}

describe('--demo is dated today, by the real clock', () => {
  it('list: the active jobs, their names and their dates are of the last minutes', async () => {
    const before = Date.now();
    const result = await runMain(['list', '--demo', '-o', 'json']);
    const after = Date.now();
    expect(result.code).toBe(0);
    expectActiveJobsAt(JSON.parse(result.stdout).jobs, before, after);
  });

  it('logs: the jobs that finished in the last hours, their names and their dates', async () => {
    const before = Date.now();
    const result = await runMain(['logs', '--demo', '-o', 'json']);
    const after = Date.now();
    expect(result.code).toBe(0);
    const logs: Array<{ jobName: string; startDate: string; endDate: string }> = JSON.parse(result.stdout).logs;
    // The emulator's history: jobs of the three hours before its start, each done within a quarter of an hour.
    expect(logs.length).toBeGreaterThanOrEqual(5);
    for (const log of logs) {
      expectWithin(`${log.jobName}'s stamp`, nameStampMs(log.jobName), before - 3 * 60 * MINUTE - 5 * MINUTE, after);
      const start = serverDateMs(log.startDate);
      const end = serverDateMs(log.endDate);
      expectWithin(`${log.jobName} started ${log.startDate}`, start, before - 3 * 60 * MINUTE, after);
      expectWithin(`${log.jobName} ended ${log.endDate}`, end, start, after);
    }
  });
});

/** `ips-jobs emulator` with `args`, a real process (it runs until a signal), once its banner is out. */
async function startEmulatorCommand(args: string[]): Promise<{ banner: string; env: Record<string, string>; stop(): Promise<number | null> }> {
  const emulator = startCli(['emulator', '--port', '0', '--speed', '0', '--jobs', '4', ...args]);
  await until(() => emulator.stdout().includes('Stop with Ctrl-C') || emulator.exited(), 10_000, 'the emulator banner');
  const banner = emulator.stdout();
  const endpoint = /listening on (http:\S+)/.exec(banner)?.[1];
  if (endpoint === undefined) throw new Error(`no endpoint in ${JSON.stringify(banner)} ${emulator.stderr()}`);
  const env = {
    IPS_JOBS_ENDPOINT: endpoint,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
  };
  return {
    banner,
    env,
    stop: async () => {
      emulator.kill('SIGINT');
      return (await emulator.result).code;
    },
  };
}

describe('ips-jobs emulator starts at the real now, or at --start-time', () => {
  it('by default: its clock, its jobs and their names are of now', async () => {
    const before = Date.now();
    const emulator = await startEmulatorCommand([]);
    const after = Date.now();
    try {
      const clock = /^clock: +(\S+)/m.exec(emulator.banner)?.[1] ?? '';
      expectWithin(`the banner's clock ${clock}`, serverDateMs(clock), before, after);
      const result = await runMain(['list', '-o', 'json'], { env: emulator.env });
      expect(result.code).toBe(0);
      expectActiveJobsAt(JSON.parse(result.stdout).jobs, before, after);
    } finally {
      expect(await emulator.stop()).toBe(130);
    }
  });

  it('--start-time with another offset: that instant, still spoken in the server offset', async () => {
    // 18:00 at +01:00 is 09:00 at the server's -08:00: the names carry the server's local time.
    const emulator = await startEmulatorCommand(['--start-time', '2026-11-28T18:00+01:00']);
    try {
      expect(emulator.banner).toMatch(/^clock: +2026-11-28T09:00:00\.000-08:00 /m);
      const result = await runMain(['list', '-o', 'json'], { env: emulator.env });
      expect(result.code).toBe(0);
      const start = Date.parse('2026-11-28T17:00:00Z');
      expectActiveJobsAt(JSON.parse(result.stdout).jobs, start, start);
    } finally {
      expect(await emulator.stop()).toBe(130);
    }
  });

  it('--start-time that is not a time: exit 2 naming the forms, before anything listens', async () => {
    const result = await runMain(['emulator', '--port', '0', '--start-time', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ips-jobs: .*--start-time.*invalid time "yesterday": expected a duration/);
  });
});
