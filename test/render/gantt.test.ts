// timeline's chart: rows, bars at known cells, the axis, the legend, colour and the glyphs without it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineJob } from '../../src/jobs/timeline.js';
import { chartLayout, ganttFooterHeight, MIN_CHART_CELLS, renderGantt, type GanttInput } from '../../src/render/gantt.js';
import { createPalette } from '../../src/render/palette.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { FUZZ_RUNS } from '../fuzz/arbitraries.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-28T09:00:00Z');
const at = (minutes: number) => T0 + minutes * MIN;
const UTC = { name: 'UTC', offsetAt: () => 0 };

function job(jobName: string, outcome: TimelineJob['outcome'], from: number, to?: number, queuedFrom?: number): TimelineJob {
  return { jobName, outcome, startMs: at(from), ...(to === undefined ? {} : { endMs: at(to) }), ...(queuedFrom === undefined ? {} : { queuedMs: at(queuedFrom) }) };
}

/** Four jobs over 80 minutes: with names 8 wide at width 92 the chart is 80 cells, a minute a cell. */
const ROWS: TimelineJob[] = [
  job('publish1', 'succeeded', 0, 20),
  job('upload-2', 'succeeded_with_warnings', 10, 30),
  job('render-3', 'failed', 20, 25.5),
  job('video--4', 'running', 40, undefined, 30),
];

function input(overrides: Partial<GanttInput> = {}): GanttInput {
  return { rows: ROWS, span: { fromMs: at(0), toMs: at(80) }, nowMs: at(80), width: 92, palette: createPalette(false), zone: UTC, ...overrides };
}

describe('renderGantt', () => {
  it('draws each job at its cells, with the outcome mark, fill and legend, without colour', () => {
    const lines = renderGantt(input());
    expect(lines.slice(0, 4)).toEqual([
      `✓ publish1 │${'█'.repeat(20)}`,
      `! upload-2 │${' '.repeat(10)}${'▓'.repeat(20)}`,
      `✗ render-3 │${' '.repeat(20)}${'╳'.repeat(5)}▌`,
      `▶ video--4 │${' '.repeat(30)}${'░'.repeat(10)}${'═'.repeat(40)}`,
    ]);
    expect(lines[4]).toBe(`           └${`┬${'─'.repeat(9)}`.repeat(8)}`.slice(0, -1) + '┬');
    expect(lines[5]).toBe(`            09:00     09:10     09:20     09:30     09:40     09:50     10:00     10:10`);
    expect(lines.slice(6).join('\n')).toBe('✓█ succeeded  !▓ with warnings  ✗╳ failed  ▶═ running  … waiting  ░ queued  times in UTC');
  });

  it('colours bars by outcome on a terminal, every fill █, queued dim', () => {
    const lines = renderGantt(input({ palette: createPalette(true) }));
    expect(lines[0]).toBe(`\u001b[32m✓\u001b[39m publish1 │\u001b[32m${'█'.repeat(20)}\u001b[39m`);
    expect(lines[1]).toContain(`\u001b[33m${'█'.repeat(20)}\u001b[39m`);
    expect(lines[2]).toContain(`\u001b[31m${'█'.repeat(5)}▌\u001b[39m`);
    expect(lines[3]).toContain(`\u001b[2m${'░'.repeat(10)}\u001b[22m\u001b[36m${'█'.repeat(40)}\u001b[39m`);
    expect(stripAnsi(lines.at(-1)!)).toContain('✓█ succeeded  !█ with warnings  ✗█ failed  ▶█ running');
  });

  it('keeps every line within the width at 40, 80 and 200 columns, the legend wrapped', () => {
    for (const width of [40, 80, 200]) {
      const lines = renderGantt(input({ width, zone: { name: 'America/Los_Angeles', offsetAt: () => -480 } }));
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      expect(lines.length).toBe(ROWS.length + ganttFooterHeight(width, 'America/Los_Angeles'));
    }
    expect(ganttFooterHeight(40, 'America/Los_Angeles')).toBe(5);
    expect(ganttFooterHeight(200, 'UTC')).toBe(3);
  });

  it('cuts a legend item wider than the terminal (a long zone name), so no line is wider', () => {
    const zone = { name: 'America/Argentina/ComodRivadavia', offsetAt: () => -180 };
    for (const width of [11, 16, 30]) {
      const lines = renderGantt(input({ width, zone }));
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      expect(lines.length).toBe(ROWS.length + ganttFooterHeight(width, zone.name));
    }
    expect(stripAnsi(renderGantt(input({ width: 16, zone })).at(-1)!)).toBe('times in Americ…');
  });

  it('cuts names last, in the middle, so names that differ only at the end stay apart', () => {
    const long = (n: number) => `Outlet-Incremental-Publish-for-the-whole-catalogue-of-the-season-2026-11-28-08:59:1${n}`;
    const rows = [job(long(1), 'succeeded', 0, 10), job(long(2), 'succeeded', 5, 20)];
    for (const width of [40, 80, 100, 130]) {
      const lines = renderGantt(input({ rows, width }));
      const labels = lines.slice(0, 2).map((line) => line.slice(2, line.indexOf(' │')));
      expect(labels[0]).not.toBe(labels[1]);
      expect(labels[0]!.trimEnd().endsWith('08:59:11')).toBe(true);
      if (width - 4 - long(1).length >= MIN_CHART_CELLS) {
        expect(labels[0]).toBe(long(1));
      } else {
        // Cut in the middle, only once the chart is down to its least.
        expect(labels[0]).toMatch(/^Outlet-.*….*08:59:11$/);
        expect(lines[0]!.length - lines[0]!.indexOf('│') - 1).toBeLessThanOrEqual(MIN_CHART_CELLS);
        expect(lines[0]!.indexOf('│')).toBe(width - MIN_CHART_CELLS - 1);
      }
    }
  });
});

describe('chartLayout', () => {
  it('keeps names whole while the chart has its least, then cuts names to six columns, then narrows the chart', () => {
    expect(chartLayout(30, 80)).toEqual({ label: 30, cells: 46 });
    expect(chartLayout(70, 80)).toEqual({ label: 56, cells: 20 });
    expect(chartLayout(70, 20)).toEqual({ label: 6, cells: 10 });
    expect(chartLayout(70, 5)).toEqual({ label: 6, cells: 1 });
  });

  it('fills the width exactly from 11 columns on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 11, max: 400 }), (longest, width) => {
        const { label, cells } = chartLayout(longest, width);
        expect(label + cells + 4).toBeLessThanOrEqual(width);
        expect(cells).toBeGreaterThanOrEqual(1);
        if (label < longest) expect(cells).toBeLessThanOrEqual(MIN_CHART_CELLS);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
