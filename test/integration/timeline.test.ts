// `ips-jobs timeline` against the emulator: job logs with known starts, ends and outcomes, an active job, and the chart
// they make in a pipe, as JSON and on terminals of several widths (frozen clock, far from this machine's).
// Runs are in-process (runMain) but for those on a terminal: a pseudo-terminal needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIso, startEmulator, type Emulator, type LogSeed } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';

const START = '2031-01-15T09:00:00.000-08:00';
const NOW_MS = Date.parse(START);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** A day in the minutes seededLog counts in. */
const DAY_MIN = 24 * 60;
/** The user of the jobs the chart tests draw (the emulator's own history is by others). */
const USER = 'timeline@ips-jobs.example';
const OFFSET = -480;

let emulator: Emulator;
/** The active job: queued 50 minutes ago, running for the last 40. */
let runningName = '';
/** A job that has just ended: Done in the active list and its final log written. */
let lingeringHandle = '';

type Outcome = 'succeeded' | 'warnings' | 'failed';

/** A finished job's log as IPS lists it: started and ended at these minutes from now (negative: before). */
function seededLog(jobName: string, fromMin: number, toMin: number, outcome: Outcome = 'succeeded'): LogSeed {
  return {
    originalName: jobName,
    jobName,
    type: 'ImageServingPublish',
    start: NOW_MS + fromMin * MIN,
    durationMs: (toMin - fromMin) * MIN,
    outcome: outcome === 'succeeded' ? 'success' : outcome === 'warnings' ? 'warnings' : 'failure',
    warningFiles: outcome === 'warnings' ? 2 : 0,
    submitUserEmail: USER,
  };
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'name' }, { TZ: 'UTC', ...extra });
}

const timeline = (args: string[], extra: Record<string, string> = {}) => runMain(['timeline', ...args], { env: env(extra) });

/** The screen's lines as they stand: colours gone, each line as the last carriage return left it. */
function screenLines(screen: string): string[] {
  // What a return or a move to column 1 (the spinner's last clear) leaves of a line is what comes after it.
  return screen.split('\n').map((line) => stripAnsi(line.replace(/\r$/, '').split(/\r|\u001b\[1?G/).at(-1) ?? ''));
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  // The last 80 minutes: three finished jobs, then one still running (each name 8 wide).
  emulator.ips.addJobLogs([
    seededLog('publish1', -80, -60),
    seededLog('upload-2', -70, -50, 'warnings'),
    seededLog('render-3', -60, -54.5, 'failed'),
  ]);
  runningName = emulator.ips.addJob({
    originalName: 'video',
    type: 'VideoPublish',
    triggerAt: formatIso(NOW_MS - 50 * MIN, OFFSET),
    waitMs: 10 * MIN,
    durationMs: 3 * 60 * MIN,
    files: 10,
    submitUserEmail: USER,
  }).name;
  // Three days ago: Done a second ago, so listed (Done) and logged at once.
  const lingering = emulator.ips.addJob({ originalName: 'just-done', type: 'ImageServingPublish', triggerAt: formatIso(NOW_MS - 3 * DAY, OFFSET), waitMs: 0, durationMs: 3 * DAY - 1000, files: 3 });
  lingeringHandle = lingering.jobHandle;
  // Five days ago: two names that differ only at their end.
  const long = 'Outlet-Incremental-Publish-of-the-whole-spring-catalogue-with-every-variant-in-every-colour-in-stock-2031-01-10-08:59:1';
  emulator.ips.addJobLogs([seededLog(`${long}1`, -5 * DAY_MIN, -5 * DAY_MIN + 30), seededLog(`${long}2`, -5 * DAY_MIN + 10, -5 * DAY_MIN + 50, 'warnings')]);
  // Twelve days ago: eight jobs started at one instant (a server that caps answers below that loses some).
  emulator.ips.addJobLogs(Array.from({ length: 8 }, (_, i) => seededLog(`burst-${i}`, -12 * DAY_MIN, -12 * DAY_MIN + 5)));
  // … and three after it, by which a cap shows.
  emulator.ips.addJobLogs(Array.from({ length: 3 }, (_, i) => seededLog(`after-burst-${i}`, -11.5 * DAY_MIN + i, -11.5 * DAY_MIN + i + 5)));
  // Ten to nine days ago: 10,000 jobs, a minute apart, each 5 minutes long.
  emulator.ips.addJobLogs(Array.from({ length: 10_000 }, (_, i) => seededLog(`bulk-${i}`, -10 * DAY_MIN + i * 0.1, -10 * DAY_MIN + i * 0.1 + 5, (['succeeded', 'warnings', 'failed'] as const)[i % 3])));
});

afterAll(async () => {
  await emulator?.close();
});

describe('timeline in a pipe', () => {
  it('draws each job at its cells, the running one to now after its queue, without colour', async () => {
    // Names as wide as the running job's, and 80 cells: a minute a cell.
    const width = 4 + runningName.length + 80;
    const { code, stdout, stderr } = await timeline(['--since', '2h', '--user', USER], { COLUMNS: String(width) });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const pad = (name: string) => name.padEnd(runningName.length);
    expect(lines.slice(0, 4)).toEqual([
      `✓ ${pad('publish1')} │${'█'.repeat(20)}`,
      `! ${pad('upload-2')} │${' '.repeat(10)}${'▓'.repeat(20)}`,
      `✗ ${pad('render-3')} │${' '.repeat(20)}${'╳'.repeat(5)}▌`,
      `▶ ${runningName} │${' '.repeat(30)}${'░'.repeat(10)}${'═'.repeat(40)}`,
    ]);
    // Local time (TZ=UTC): 09:00 at the server is 17:00 UTC; the axis starts 80 minutes before.
    expect(lines[5]?.trim()).toBe('15:40     15:50     16:00     16:10     16:20     16:30     16:40     16:50');
    expect(lines.slice(6).join(' ')).toContain('times in UTC');
    for (const line of lines) expect(line).not.toMatch(/\u001b/);
  });

  it('labels the axis in the zone of TZ', async () => {
    const { stdout } = await timeline(['--since', '2h', '--user', USER], { TZ: 'Asia/Kolkata', COLUMNS: '120' });
    expect(stdout).toMatch(/21:30/);
    expect(stdout).toContain('times in Asia/Kolkata');
  });

  it('says an empty window on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await timeline(['--since', '30d', '--until', '20d']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^No jobs in Demo Company started between .* and .* \(look further back with --since, e\.g\. --since 7d\)\.\n$/);
  });

  it('reads a window of 10,000 logs and draws every job in a pipe', async () => {
    // Its speed is a bench figure (npm run bench), not a timed assertion.
    const { code, stdout, stderr } = await timeline(['--since', '11d', '--until', '9d'], { COLUMNS: '100' });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.includes(' bulk-'))).toHaveLength(10_000);
    expect(lines[0]).toMatch(/^✓ bulk-0 +│[▏▎▍▌▋▊▉█]/);
    expect(lines[9_999]).toMatch(/^✓ bulk-9999 +│ +█*[▏▎▍▌▋▊▉]?$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('a server that caps its answers below the jobs of one instant: says on stderr that some may be missing', async () => {
    const window = ['--since', '13d', '--until', '11d'];
    // Without a cap: every job, nothing said.
    const whole = await timeline(window);
    expect(whole.stdout.split('\n').filter((line) => line.includes(' burst-'))).toHaveLength(8);
    expect(whole.stderr).toBe('');
    emulator.ips.jobLogsRowCap = 5;
    try {
      const { code, stdout, stderr } = await timeline(window);
      expect(code).toBe(0);
      expect(stdout.split('\n').filter((line) => line.includes(' burst-'))).toHaveLength(5);
      expect(stdout.split('\n').filter((line) => line.includes(' after-burst-'))).toHaveLength(3);
      expect(stderr).toBe(`More job logs started at ${new Date(NOW_MS - 12 * DAY).toISOString().replace('.000Z', 'Z')} than IPS answers at once: some of them may be missing.\n`);
    } finally {
      emulator.ips.jobLogsRowCap = undefined;
    }
  });

  it('cuts to --limit, the latest by start, and says so on stderr', async () => {
    const { stdout, stderr } = await timeline(['--since', '11d', '--until', '9d', '--limit', '3'], { COLUMNS: '100' });
    expect(stdout.split('\n').filter((line) => line.includes(' bulk-')).map((line) => line.split(/\s+/)[1])).toEqual(['bulk-9997', 'bulk-9998', 'bulk-9999']);
    expect(stderr).toBe('showing the latest 3 of 10000 jobs (--limit); --limit 0 shows them all\n');
  });
});

describe('bad input: one line naming the problem and exit 2, before any chart', () => {
  it.each<{ args: string[]; says: RegExp }>([
    { args: ['--since', '24h', '--until', '48h'], says: /^ips-jobs: --until must be later than --since \(e\.g\. --since 48h --until 24h\)/ },
    { args: ['--since', '2031-01-14T00:00:00Z', '--until', '2031-01-13T00:00:00Z'], says: /--until must be later than --since/ },
    { args: ['--since', '2031-02-01T00:00:00Z'], says: /--since 2031-02-01T00:00:00Z is after the server's now/ },
    { args: ['-o', 'wide'], says: /-o, --output <format>.*wide/ },
    { args: ['--limit', '-1'], says: /--limit/ },
  ])('timeline $args', async ({ args, says }) => {
    const { code, stdout, stderr } = await timeline(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(says);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('timeline -o json', () => {
  it('gives each job its dates, outcome and queue; a job in both lists is one, running', async () => {
    const { code, stdout } = await timeline(['--since', '4d', '-o', 'json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { schemaVersion: number; window: unknown; jobs: Array<Record<string, unknown>>; truncated: boolean };
    expect(doc.schemaVersion).toBe(1);
    // The window as stats gives it: four days to the server's now (09:00 -08:00 on the 15th).
    expect(doc.window).toEqual({ from: '2031-01-11T17:00:00Z', to: '2031-01-15T17:00:00Z' });
    expect(doc.truncated).toBe(false);
    const byName = new Map(doc.jobs.map((job) => [job.jobName, job]));
    expect(byName.get('upload-2')).toEqual({
      jobName: 'upload-2',
      jobHandle: expect.stringMatching(/^j\|1001\|\|upload-2\|/),
      type: 'ImageServingPublish',
      submitUserEmail: USER,
      outcome: 'succeeded_with_warnings',
      triggerTime: null,
      startDate: '2031-01-15T07:50:00.000-08:00',
      endDate: '2031-01-15T08:10:00.000-08:00',
      queuedSeconds: null,
    });
    expect(byName.get('render-3')).toMatchObject({ outcome: 'failed', endDate: '2031-01-15T08:05:30.000-08:00' });
    expect(byName.get(runningName)).toMatchObject({
      outcome: 'running',
      type: 'VideoPublish',
      triggerTime: '2031-01-15T08:10:00.000-08:00',
      startDate: '2031-01-15T08:20:00.000-08:00',
      endDate: null,
      queuedSeconds: 600,
    });
    const lingering = doc.jobs.filter((job) => job.jobHandle === lingeringHandle);
    expect(lingering).toHaveLength(1);
    expect(lingering[0]).toMatchObject({ outcome: 'running', endDate: null });
    expect(doc.jobs.map((job) => job.startDate ?? job.triggerTime)).toEqual([...doc.jobs.map((job) => job.startDate ?? job.triggerTime)].sort());
  });
});

describe('timeline on a terminal', () => {
  const run = (columns: number, extra: Record<string, string> = {}, args = ['--since', '2h', '--user', USER]) => onTerminal(['timeline', ...args], env(extra), { columns });

  it('colours the bars by outcome, and fits 40, 80 and 200 columns', async () => {
    for (const columns of [40, 80, 200]) {
      const { code, screen } = await run(columns);
      expect(code).toBe(0);
      expect(screen).toContain('\u001b[32m');
      expect(screen).toContain('\u001b[31m');
      const lines = screenLines(screen).filter((line) => line.trim() !== '');
      expect(lines.some((line) => line.startsWith('▶ '))).toBe(true);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });

  it('with NO_COLOR, tells outcomes apart by glyph', async () => {
    const { screen } = await run(100, { NO_COLOR: '1' });
    expect(screen).not.toMatch(/\u001b\[3\dm/);
    const text = screenLines(screen).join('\n');
    expect(text).toMatch(/^✓ publish1 +│█+[▏▎▍▌▋▊▉]?$/m);
    expect(text).toMatch(/^! upload-2 +│ +▓+[▏▎▍▌▋▊▉]?$/m);
    expect(text).toMatch(/^✗ render-3 +│ +╳+[▏▎▍▌▋▊▉]?$/m);
    expect(text).toMatch(/^▶ video-\S+ │ +░+═+[▏▎▍▌▋▊▉]?$/m);
    expect(text).toContain('✓█ succeeded  !▓ with warnings');
  });

  it('shows the latest jobs that fit the height and says how many are not', async () => {
    const { screen } = await run(100, {}, ['--since', '11d', '--until', '9d']);
    const lines = screenLines(screen);
    const rows = lines.filter((line) => line.includes(' bulk-'));
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(40);
    expect(rows.at(-1)).toMatch(/bulk-9999 /);
    expect(lines.join('\n')).toContain(`showing the latest ${rows.length} of 10000 jobs: ${10_000 - rows.length} earlier not shown`);
  });

  it('keeps names that differ only at their end apart at 80, 100 and 130 columns', async () => {
    for (const columns of [80, 100, 130]) {
      const { screen } = await run(columns, {}, ['--since', '6d', '--until', '4d']);
      const rows = screenLines(screen).filter((line) => line.startsWith('✓ Outlet') || line.startsWith('! Outlet'));
      expect(rows).toHaveLength(2);
      const labels = rows.map((line) => line.slice(2, line.indexOf(' │')));
      expect(labels[0]).toMatch(/^Outlet-Incr.*….*-08:59:11$/);
      expect(labels[1]).toMatch(/^Outlet-Incr.*….*-08:59:12$/);
      for (const line of rows) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });
});
