// `ips-jobs stats` as users and scripts run it: the CLI against the emulator over loopback, on job logs whose dates,
// durations and outcomes the test writes (frozen clock). In-process (runMain) but for the runs on a terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type LogSeed } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';

const START = '2031-01-15T09:00:00.000-08:00';
const MINUTE = 60_000;
const RAJ = 'raj.patel@ips-jobs.example';
/** A week up to 4 hours ago: the emulator's own history (the last 3 hours) is left out. */
const WINDOW = ['--since', '7d', '--until', '4h'];

let emulator: Emulator;

const at = (local: string) => `${local}:00.000-08:00`;

const SEEDS: LogSeed[] = [
  { originalName: 'Catalog-Publish', type: 'ImageServingPublish', start: at('2031-01-10T10:00'), durationMs: 10 * MINUTE, files: 100 },
  { originalName: 'Catalog-Publish', type: 'ImageServingPublish', start: at('2031-01-11T10:00'), durationMs: 20 * MINUTE, files: 100, outcome: 'warnings', warningFiles: 2 },
  { originalName: 'Catalog-Publish', type: 'ImageServingPublish', start: at('2031-01-12T10:00'), durationMs: 30 * MINUTE, files: 50, outcome: 'failure', errorFiles: 3 },
  { originalName: 'Catalog-Publish', type: 'ImageServingPublish', start: at('2031-01-12T11:00'), durationMs: 40 * MINUTE, files: 100 },
  { originalName: 'Catalog-Publish', type: 'ImageServingPublish', start: at('2031-01-14T10:00'), durationMs: 50 * MINUTE, files: 100 },
  { originalName: 'Feed-Urls', type: 'UrlUpload', start: at('2031-01-13T09:00'), durationMs: 5 * MINUTE, files: 20, outcome: 'failure', fatal: false, errorFiles: 4, submitUserEmail: RAJ },
  { originalName: 'Feed-Urls', type: 'UrlUpload', start: at('2031-01-14T09:00'), durationMs: 15 * MINUTE, files: 20, submitUserEmail: RAJ },
];

function stats(args: string[]) {
  return runMain(['stats', ...args], { env: demoEnv(emulator, { company: 'name' }) });
}

interface Doc {
  schemaVersion: number;
  days: string[];
  groups: Array<Record<string, unknown> & { jobs: number; failed: number; durationSeconds: { p50: number; p95: number; max: number } | null }>;
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  emulator.ips.addJobLogs(SEEDS);
});

afterAll(async () => {
  await emulator.close();
});

describe('stats of a week', () => {
  it('-o json: counts, outcomes, nearest-rank durations, files and jobs per day, per type (the log-type stem)', async () => {
    const result = await stats([...WINDOW, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout) as Doc;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.days).toEqual(['2031-01-08', '2031-01-09', '2031-01-10', '2031-01-11', '2031-01-12', '2031-01-13', '2031-01-14', '2031-01-15']);
    expect(doc.groups).toEqual([
      {
        type: 'ImageServingPublish',
        jobs: 5,
        succeeded: 3,
        succeededWithWarnings: 1,
        failed: 1,
        running: 0,
        failureRate: 0.2,
        durationSeconds: { p50: 1800, p95: 3000, max: 3000 },
        files: { total: 450, errors: 3, warnings: 2 },
        jobsPerDay: [0, 0, 1, 1, 2, 0, 1, 0],
        failedPerDay: [0, 0, 0, 0, 1, 0, 0, 0],
      },
      {
        type: 'UploadUrls',
        jobs: 2,
        succeeded: 1,
        succeededWithWarnings: 0,
        failed: 1,
        running: 0,
        failureRate: 0.5,
        durationSeconds: { p50: 300, p95: 900, max: 900 },
        files: { total: 40, errors: 4, warnings: 0 },
        jobsPerDay: [0, 0, 0, 0, 0, 1, 1, 0],
        failedPerDay: [0, 0, 0, 0, 0, 1, 0, 0],
      },
    ]);
  });

  it('--by user, --by day, --fail-on warning and the filters of logs', async () => {
    const byUser = JSON.parse((await stats([...WINDOW, '-o', 'json', '--by', 'user'])).stdout) as Doc;
    expect(byUser.groups.map((g) => [g.user, g.jobs])).toEqual([
      ['demo@ips-jobs.example', 5],
      [RAJ, 2],
    ]);
    const byDay = JSON.parse((await stats([...WINDOW, '-o', 'json', '--by', 'day', '--type', 'UrlUpload'])).stdout) as Doc;
    expect(byDay.groups.map((g) => [g.day, g.jobs, g.failed])).toEqual([
      ['2031-01-13', 1, 1],
      ['2031-01-14', 1, 0],
    ]);
    const strict = JSON.parse((await stats([...WINDOW, '-o', 'json', '--fail-on', 'warning', '--user', 'demo@ips-jobs.example', '--name', 'Catalog-*'])).stdout) as Doc;
    expect(strict.groups).toHaveLength(1);
    expect(strict.groups[0]).toMatchObject({ type: 'ImageServingPublish', failed: 2, succeededWithWarnings: 0, failureRate: 0.4 });
  });

  it('csv and tsv: one row per group, the key under its --by name', async () => {
    const csv = await stats([...WINDOW, '-o', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      'type,jobs,succeeded,succeededWithWarnings,failed,running,failureRate,durationP50Seconds,durationP95Seconds,durationMaxSeconds,files,fileErrors,fileWarnings',
      'ImageServingPublish,5,3,1,1,0,0.2,1800,3000,3000,450,3,2',
      'UploadUrls,2,1,0,1,0,0.5,300,900,900,40,4,0',
    ]);
    const tsv = await stats([...WINDOW, '-o', 'tsv', '--no-headers']);
    expect(tsv.stdout.split('\n')[0]).toBe('ImageServingPublish\t5\t3\t1\t1\t0\t0.2\t1800\t3000\t3000\t450\t3\t2');
  });

  it('in a pipe: the plain table, nothing cut, × for a day with failures', async () => {
    const result = await stats(WINDOW);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+JOBS\s+OK\s+WARN\s+FAILED\s+FAIL%\s+P50\s+P95\s+MAX\s+FILES\s+FILE ERR\s+FILE WARN\s+DAILY$/);
    expect(lines[1]).toMatch(/^ImageServingPublish\s+5\s+3\s+1\s+1\s+20%\s+30m\s+50m\s+50m\s+450\s+3\s+2\s+··▄▄×·▄·$/);
    expect(lines[2]).toMatch(/^UploadUrls\s+2\s+1\s+0\s+1\s+50%\s+5m\s+15m\s+15m\s+40\s+4\s+0\s+·····×█·$/);
    expect(result.stdout).toContain('DAILY: jobs started, a day a cell, 2031-01-08 to 2031-01-15');
  });

  it('an empty window says so on stderr and exits 0', async () => {
    const table = await stats(['--since', '30d', '--until', '20d']);
    expect(table).toMatchObject({ code: 0, stdout: '' });
    // The window as asked: --until given, so both ends.
    expect(table.stderr).toBe('No job logs in Demo Company for jobs started between 2030-12-16T17:00:00Z and 2030-12-26T17:00:00Z (look further back with --since, e.g. --since 30d).\n');
    const json = await stats(['--since', '30d', '--until', '20d', '-o', 'json']);
    expect((JSON.parse(json.stdout) as Doc).groups).toEqual([]);
    const filtered = await stats([...WINDOW, '--type', 'VideoPublish']);
    expect(filtered.stderr).toBe('No job logs match the filters (7 logs in the window in all).\n');
  });

  it('an --until after the server\'s now ends the window now: no days to come', async () => {
    const now = await stats([...WINDOW.slice(0, 2), '-o', 'json']);
    const later = await stats([...WINDOW.slice(0, 2), '--until', '2031-06-01T00:00:00Z', '-o', 'json']);
    expect(later.code).toBe(0);
    type Window = Doc & { window: { to: string }; days: string[] };
    const [a, b] = [JSON.parse(now.stdout) as Window, JSON.parse(later.stdout) as Window];
    expect(b.window.to).toBe(a.window.to);
    expect(b.days).toEqual(a.days);
  });

  it('bad input: one line and exit 2', async () => {
    const result = await stats(['--by', 'company']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--by");
    expect((await stats(['-o', 'wide'])).code).toBe(2);
    for (const window of [
      ['--since', '7d', '--until', '14d'],
      ['--since', '2031-01-14T00:00:00Z', '--until', '2031-01-13T00:00:00Z'],
    ]) {
      const backwards = await stats(window);
      expect(backwards).toMatchObject({ code: 2, stdout: '' });
      expect(backwards.stderr).toBe('ips-jobs: --until must be later than --since (e.g. --since 14d --until 7d)\n');
    }
  });
});

describe('on a terminal', () => {
  it.each([40, 80, 200])('at %i columns: no line wider, the type whole', async (columns) => {
    const { code, screen } = await onTerminal(['stats', ...WINDOW], demoEnv(emulator), { columns });
    expect(code).toBe(0);
    // What is left once the spinner has cleared its line and shown the cursor again.
    const lines = stripAnsi(screen.slice(screen.indexOf('\u001b[?25h'))).split(/\r?\n/).filter((line) => line !== '');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines.some((line) => /^ImageServingPublish\s+5\b/.test(line))).toBe(true);
    expect(lines.some((line) => /^UploadUrls\s+2\b/.test(line))).toBe(true);
    if (columns >= 80) {
      // A day with failures in red; the others plain.
      expect(screen).toContain('\u001b[31m█\u001b[39m');
      expect(lines.find((line) => line.startsWith('ImageServingPublish'))).toContain('··▄▄█·▄·');
      expect(lines).toContain('P50, P95: durations (end − start) by nearest rank.');
    } else {
      expect(lines[0]).not.toContain('DAILY');
    }
  });

  it('NO_COLOR: no colour, × marks a day with failures', async () => {
    const { code, screen } = await onTerminal(['stats', ...WINDOW], demoEnv(emulator, {}, { NO_COLOR: '1' }), { columns: 120 });
    expect(code).toBe(0);
    expect(screen).not.toMatch(/\u001b\[3\dm/);
    expect(stripAnsi(screen)).toContain('··▄▄×·▄·');
    expect(stripAnsi(screen)).toContain('×: with failures');
  });
});

describe('10,000 job logs through an IPS that answers at most 500 at once', () => {
  const FROM = Date.parse('2030-06-01T00:00:00.000-07:00');
  const COUNT = 10_000;
  const SAME_INSTANT = 40;

  beforeAll(() => {
    const seeds: LogSeed[] = [];
    for (let i = 0; i < COUNT - SAME_INSTANT; i++) {
      seeds.push({
        originalName: `Bulk-${i % 3 === 0 ? 'Upload' : 'Publish'}`,
        type: i % 3 === 0 ? 'UploadFromServerDirectory' : 'ImageServingPublish',
        start: FROM + i * MINUTE,
        durationMs: ((i % 100) + 1) * 1000,
        files: 5,
        ...(i % 10 === 0 ? { outcome: 'failure' as const } : {}),
      });
    }
    // Many jobs started at one instant, across a page boundary.
    for (let i = 0; i < SAME_INSTANT; i++) seeds.push({ originalName: 'Burst', type: 'ImageServingPublish', start: FROM + 498 * MINUTE, durationMs: 1000, files: 1 });
    emulator.ips.addJobLogs(seeds);
    emulator.ips.jobLogsRowCap = 500;
  });

  afterAll(() => {
    emulator.ips.jobLogsRowCap = undefined;
  });

  it('reads every page: each log once, the known figures', async () => {
    const before = emulator.stats.byOperation.getJobLogs ?? 0;
    const result = await runMain(['stats', '--since', '2030-06-01T00:00:00-07:00', '--until', '2030-06-10T00:00:00-07:00', '-o', 'json'], { env: demoEnv(emulator), killAfterMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout) as Doc;
    const total = doc.groups.reduce((sum, g) => sum + g.jobs, 0);
    expect(total).toBe(COUNT);
    const uploads = doc.groups.find((g) => g.type === 'Upload')!;
    const publishes = doc.groups.find((g) => g.type === 'ImageServingPublish')!;
    // i % 3 === 0 are uploads (3,320 of 9,960); i % 10 === 0 fail, of which i % 30 === 0 are uploads.
    expect(uploads).toMatchObject({ jobs: 3320, failed: 332 });
    expect(publishes).toMatchObject({ jobs: 6640 + SAME_INSTANT, failed: 996 - 332 });
    // Nearest rank over the uploads' durations, worked out here from what was seeded.
    const durations = Array.from({ length: COUNT - SAME_INSTANT }, (_, i) => i)
      .filter((i) => i % 3 === 0)
      .map((i) => (i % 100) + 1)
      .sort((a, b) => a - b);
    const rank = (p: number) => durations[Math.ceil((p / 100) * durations.length) - 1];
    expect(uploads.durationSeconds).toEqual({ p50: rank(50), p95: rank(95), max: 100 });
    // At least 20 pages of 500.
    expect((emulator.stats.byOperation.getJobLogs ?? 0) - before).toBeGreaterThanOrEqual(20);
  });
});
