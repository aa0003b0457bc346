import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupStats, LogStats } from '../../src/jobs/log-stats.js';
import { createPalette } from '../../src/render/palette.js';
import { bucketSeries, sparkGlyphs, SPARK_MARK } from '../../src/render/sparkline.js';
import { renderStatsTable, sparkCells, statsDelimitedColumns, statsDocument } from '../../src/render/stats.js';
import { renderRecordDelimited } from '../../src/render/records.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';

const DAYS = ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];

function group(key: string, jobsPerDay: number[], failedPerDay: number[] = jobsPerDay.map(() => 0)): GroupStats {
  const jobs = jobsPerDay.reduce((a, b) => a + b, 0);
  const failed = failedPerDay.reduce((a, b) => a + b, 0);
  return {
    key,
    jobs,
    succeeded: jobs - failed,
    succeededWithWarnings: 0,
    failed,
    running: 0,
    failureRate: jobs === 0 ? null : failed / jobs,
    durationSeconds: { p50: 600, p95: 3000, max: 7260 },
    files: { total: 1200, errors: 3, warnings: 14 },
    jobsPerDay,
    failedPerDay,
  };
}

const STATS: LogStats = {
  days: DAYS,
  groups: [group('ImageServingPublish', [4, 0, 2, 8, 1, 3, 5], [0, 0, 1, 0, 0, 0, 2]), group('UploadUrls', [1, 1, 1, 1, 1, 1, 1]), group('Upload', [0, 0, 0, 0, 0, 0, 9])],
};

const USERS: LogStats = {
  days: DAYS,
  groups: [group('ana@example.com', [4, 0, 2, 8, 1, 3, 5]), group('anastasia.lima-vasconcelos@ips-jobs.example', [1, 1, 1, 1, 1, 1, 1])],
};

const plain = createPalette(false);
const colour = createPalette(true);

describe('sparklines', () => {
  it('scales each series to its own maximum; none is ·, a marked cell × without colour', () => {
    expect(sparkGlyphs(bucketSeries([4, 0, 2, 8, 1, 3, 5], [0, 0, 0, 0, 0, 0, 0], 7), true)).toBe('▄·▂█▁▃▅');
    expect(sparkGlyphs(bucketSeries([4, 0, 2, 8], [0, 0, 1, 0], 7), false)).toBe(`▄·${SPARK_MARK}█`);
  });

  it('merges days into fewer cells, the last cell ending on the last day', () => {
    expect(bucketSeries([1, 2, 3, 4, 5], [0, 1, 0, 0, 1], 2)).toEqual([
      { value: 3, marked: 1 },
      { value: 12, marked: 1 },
    ]);
    expect(bucketSeries([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 3).map((c) => c.value)).toEqual([1, 5, 9]);
  });

  it('property: never more cells than asked, and no day lost', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 100 }), (values, cells) => {
        const out = bucketSeries(values, values.map(() => 0), cells);
        expect(out.length).toBeLessThanOrEqual(cells);
        expect(out.reduce((sum, c) => sum + c.value, 0)).toBe(values.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('a terminal gets a day a cell while a third of its width has room', () => {
    expect(sparkCells(7, 40)).toBe(7);
    expect(sparkCells(30, 80)).toBe(26);
    expect(sparkCells(30, 200)).toBe(30);
    expect(sparkCells(365, undefined)).toBe(90);
  });
});

describe('the stats table', () => {
  it.each([40, 80, 200])('at %i columns no line is wider, and the type is never cut', (width) => {
    for (const palette of [plain, colour]) {
      const lines = renderStatsTable(STATS, { by: 'type', headers: true, palette, width });
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      const text = lines.map(stripAnsi);
      expect(text.some((line) => line.startsWith('ImageServingPublish  '))).toBe(true);
    }
  });

  it('at 200 columns: every column and a sparkline of a day a cell, with its legend', () => {
    const lines = renderStatsTable(STATS, { by: 'type', headers: true, palette: plain, width: 200 });
    expect(lines[0]).toMatch(/^TYPE\s+JOBS\s+OK\s+WARN\s+FAILED\s+FAIL%\s+P50\s+P95\s+MAX\s+FILES\s+FILE ERR\s+FILE WARN\s+DAILY$/);
    expect(lines[1]).toMatch(/^ImageServingPublish\s+23\s+20\s+0\s+3\s+13%\s+10m\s+50m\s+2h 1m\s+1200\s+3\s+14\s+▄·×█▁▃×$/);
    expect(lines.join('\n')).toContain('P50, P95: durations (end − start) by nearest rank.');
    expect(lines.join('\n')).toContain('DAILY: jobs started, a day a cell, 2026-11-22 to 2026-11-28');
    expect(lines.join('\n')).toContain('×: with failures');
  });

  it('in colour, a day with failures is a red block instead of ×', () => {
    const lines = renderStatsTable(STATS, { by: 'type', headers: true, palette: colour, width: 200 });
    const row = lines.find((line) => stripAnsi(line).startsWith('ImageServingPublish'))!;
    expect(row).toContain('\u001b[31m▂\u001b[39m');
    expect(stripAnsi(row)).not.toContain(SPARK_MARK);
  });

  it('at 40 columns the sparkline and the lesser columns leave; a key too long for JOBS beside it loses its middle', () => {
    const lines = renderStatsTable(USERS, { by: 'user', headers: true, palette: plain, width: 40 });
    expect(lines[0]).toMatch(/^USER +JOBS$/);
    expect(lines[1]).toMatch(/^ana@example\.com +23$/);
    expect(lines[2]).toBe('anastasia.lima-v…@ips-jobs.example     7');
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    const wider = renderStatsTable(USERS, { by: 'user', headers: true, palette: plain, width: 80 });
    expect(wider[2]).toMatch(/^anastasia\.lima-vasconcelos@ips-jobs\.example\s+7\s/);
    const narrow = renderStatsTable(STATS, { by: 'type', headers: true, palette: plain, width: 40 });
    expect(narrow[0]).toMatch(/^TYPE\s+JOBS\s+FAILED\s+FAIL%$/);
  });

  it.each([80, 100, 130])('at %i columns keeps apart keys that differ only at the end (cut last, in the middle)', (width) => {
    const teams = ['north', 'south', 'east', 'west'].map((side) => `publishing-automation-service-account-of-the-catalogue-team-europe-${side}@ips-jobs.example`);
    const lines = renderStatsTable({ days: DAYS, groups: teams.map((team, i) => group(team, [i + 1, 0, 2, 8, 1, 3, 5])) }, { by: 'user', headers: true, palette: plain, width });
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    const keys = lines.slice(1, 1 + teams.length).map((line) => line.split('  ')[0]!);
    expect(new Set(keys).size).toBe(teams.length);
    keys.forEach((key, i) => expect(key.endsWith(teams[i]!.slice(-18)) || key === teams[i]).toBe(true));
    // At 80 columns the keys (86 wide) must be cut: in the middle, so each keeps its own end.
    if (width === 80) expect(keys.every((key) => key.includes('…'))).toBe(true);
    // JOBS always beside the key.
    expect(lines[0]).toMatch(/^USER +JOBS/);
  });

  it('with --no-headers: rows only, no notes', () => {
    const lines = renderStatsTable(STATS, { by: 'type', headers: false, palette: plain, width: 200 });
    expect(lines).toHaveLength(3);
  });

  it('by day: no sparkline', () => {
    const lines = renderStatsTable({ days: DAYS, groups: [group('2026-11-27', [0, 0, 0, 0, 0, 3, 0])] }, { by: 'day', headers: true, palette: plain, width: 200 });
    expect(lines[0]).toMatch(/^DAY\s+JOBS/);
    expect(lines[0]).not.toContain('DAILY');
  });

  it('property: no line wider than the terminal, whatever the width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 240 }), fc.constantFrom('type' as const, 'user' as const), (width, by) => {
        for (const line of renderStatsTable(by === 'user' ? USERS : STATS, { by, headers: true, palette: colour, width })) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });
});

describe('json, csv and tsv', () => {
  it('json: the key under the --by name', () => {
    const doc = statsDocument(STATS, { by: 'type', company: null, window: { from: 'a', to: 'b' }, failOn: 'error' }) as { schemaVersion: number; groups: Record<string, unknown>[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.groups[0]).toMatchObject({ type: 'ImageServingPublish', jobs: 23, durationSeconds: { p50: 600, p95: 3000, max: 7260 }, files: { total: 1200, errors: 3, warnings: 14 } });
    expect(doc.groups[0]).not.toHaveProperty('key');
  });

  it('csv: one row per group, the key column named by --by', () => {
    const text = [...renderRecordDelimited(USERS.groups, statsDelimitedColumns('user'), { format: 'csv', headers: true })].join('');
    expect(text.split('\n')[0]).toBe('user,jobs,succeeded,succeededWithWarnings,failed,running,failureRate,durationP50Seconds,durationP95Seconds,durationMaxSeconds,files,fileErrors,fileWarnings');
    expect(text.split('\n')[2]).toBe('anastasia.lima-vasconcelos@ips-jobs.example,7,7,0,0,0,0,600,3000,7260,1200,3,14');
  });
});
