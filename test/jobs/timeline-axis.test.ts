// timeline's geometry: the axis, its local-time ticks and each bar in eighths; known values and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisSpan, axisTicks, barLayout, localZone, tickStep, type TimeAxis } from '../../src/jobs/timeline-axis.js';
import { rowBeginMs, timelineJobs } from '../../src/jobs/timeline.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS } from '../fuzz/arbitraries.js';
import { makeJob } from './job-fixtures.js';
import { makeLog } from './log-fixtures.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-28T09:00:00Z');
/** 10 cells over 80 minutes: a cell is 8 minutes, an eighth one minute. */
const AXIS: TimeAxis = { fromMs: T0, toMs: T0 + 80 * MIN, cells: 10 };
const at = (minutes: number) => T0 + minutes * MIN;
const UTC = () => 0;

describe('barLayout', () => {
  it('draws a job in eighths of a cell from the edge of the cell its start is in', () => {
    expect(barLayout({ startMs: at(0), endMs: at(8) }, AXIS, at(80))).toEqual({ bar: { start: 0, length: 8 } });
    expect(barLayout({ startMs: at(12), endMs: at(15) }, AXIS, at(80))).toEqual({ bar: { start: 8, length: 3 } });
    expect(barLayout({ startMs: at(40), endMs: at(61) }, AXIS, at(80))).toEqual({ bar: { start: 40, length: 21 } });
  });

  it('gives a job shorter than an eighth one eighth (▏)', () => {
    expect(barLayout({ startMs: at(30), endMs: at(30) + 1000 }, AXIS, at(80))).toEqual({ bar: { start: 24, length: 1 } });
  });

  it('draws a running job to now, and a queue before its start in whole cells', () => {
    expect(barLayout({ queuedMs: at(0), startMs: at(16) }, AXIS, at(20))).toEqual({ queued: { from: 0, to: 2 }, bar: { start: 16, length: 4 } });
  });

  it('draws a waiting job as its queue only, at least a cell', () => {
    expect(barLayout({ queuedMs: at(60) }, AXIS, at(80))).toEqual({ queued: { from: 7, to: 10 } });
    expect(barLayout({ queuedMs: at(80) }, AXIS, at(80))).toEqual({ queued: { from: 9, to: 10 } });
  });

  it('clips a job that began before the axis at its start, and keeps one ending at its end inside', () => {
    expect(barLayout({ startMs: at(-30), endMs: at(8) }, AXIS, at(80))).toEqual({ bar: { start: 0, length: 8 } });
    expect(barLayout({ startMs: at(79) + 30_000, endMs: at(80) }, AXIS, at(80))).toEqual({ bar: { start: 72, length: 1 } });
  });
});

describe('axisSpan', () => {
  it('spans the rows shown, within the window, at least a minute', () => {
    const window = { fromMs: at(-600), toMs: at(600) };
    expect(axisSpan([{ startMs: at(10), endMs: at(20) }, { queuedMs: at(5), startMs: at(30) }], window, at(40))).toEqual({ fromMs: at(5), toMs: at(40) });
    expect(axisSpan([{ startMs: at(-900), endMs: at(20) }], window, at(40))).toEqual({ fromMs: at(-600), toMs: at(20) });
    expect(axisSpan([{ startMs: at(10), endMs: at(10) }], window, at(40))).toEqual({ fromMs: at(10), toMs: at(11) });
    expect(axisSpan([], window, at(40))).toEqual(window);
  });
});

describe('axisTicks', () => {
  it('puts ticks at round local times a label apart', () => {
    const axis = { fromMs: at(0), toMs: at(120), cells: 40 };
    expect(axisTicks(axis, UTC).map((tick) => [tick.cell, tick.label])).toEqual([
      [0, '09:00'],
      [10, '09:30'],
      [20, '10:00'],
      [30, '10:30'],
      [39, '11:00'],
    ]);
  });

  it('labels in the zone given: 09:00Z is 01:00 in Los Angeles and 10:00 in Berlin in November', () => {
    const axis = { fromMs: at(0), toMs: at(120), cells: 40 };
    expect(axisTicks(axis, localZone('America/Los_Angeles').offsetAt)[0]?.label).toBe('01:00');
    expect(axisTicks(axis, localZone(':Europe/Berlin').offsetAt)[0]?.label).toBe('10:00');
  });

  it('names the day at local midnight and on day steps', () => {
    const day = { fromMs: Date.parse('2026-11-28T12:00:00Z'), toMs: Date.parse('2026-11-29T12:00:00Z'), cells: 40 };
    expect(axisTicks(day, UTC).map((tick) => tick.label)).toEqual(['12:00', '18:00', '11-29', '06:00', '12:00']);
    const week = { fromMs: Date.parse('2026-11-28T00:00:00Z'), toMs: Date.parse('2026-12-05T00:00:00Z'), cells: 40 };
    expect(axisTicks(week, UTC).map((tick) => tick.label)).toEqual(['11-28', '11-30', '12-02', '12-04']);
  });

  it('chooses the smallest round step that fits', () => {
    expect(tickStep(60 * MIN, 13)).toBe(5 * MIN);
    expect(tickStep(24 * 60 * MIN, 5)).toBe(6 * 60 * MIN);
    expect(tickStep(365 * 24 * 60 * MIN, 5)).toBe(14 * 7 * 24 * 60 * MIN);
  });

  it('keeps hourly ticks in order across a daylight-saving change', () => {
    const axis = { fromMs: Date.parse('2026-10-24T22:00:00Z'), toMs: Date.parse('2026-10-25T04:00:00Z'), cells: 56 };
    const ticks = axisTicks(axis, localZone('Europe/Berlin').offsetAt);
    expect(ticks.map((tick) => tick.label)).toEqual(['10-25', '01:00', '02:00', '03:00', '04:00', '05:00']);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.ms).toBeGreaterThan(ticks[i - 1]!.ms);
  });

  it('never labels a local time the clocks skip, and keeps ticks in order when they go forward', () => {
    // Berlin, 2026-03-29: 02:00 local becomes 03:00. Six hours from local midnight, 30-minute ticks.
    const axis = { fromMs: Date.parse('2026-03-28T23:00:00Z'), toMs: Date.parse('2026-03-29T04:00:00Z'), cells: 80 };
    const ticks = axisTicks(axis, localZone('Europe/Berlin').offsetAt);
    const labels = ticks.map((tick) => tick.label);
    expect(labels).not.toContain('02:00');
    expect(labels).not.toContain('02:30');
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]!.ms).toBeGreaterThan(ticks[i - 1]!.ms);
      expect(ticks[i]!.cell).toBeGreaterThan(ticks[i - 1]!.cell);
    }
  });

  it(
    'property: every label is the local time of its tick, around the days the clocks change',
    () => {
      const changes = ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T10:00:00Z', '2026-11-01T09:00:00Z', '2026-04-05T15:00:00Z'];
      fc.assert(
        fc.property(
          fc.constantFrom(...changes),
          fc.integer({ min: -12 * 60, max: 12 * 60 }),
          fc.integer({ min: 10, max: 48 * 60 }),
          fc.integer({ min: 8, max: 200 }),
          fc.constantFrom('Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe'),
          (change, startMin, spanMin, cells, zoneName) => {
            const fromMs = Date.parse(change) + startMin * MIN;
            const axis = { fromMs, toMs: fromMs + spanMin * MIN, cells };
            const ticks = axisTicks(axis, localZone(zoneName).offsetAt);
            const local = new Intl.DateTimeFormat('en-GB', { timeZone: zoneName, hourCycle: 'h23', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
            ticks.forEach((tick, i) => {
              const parts = Object.fromEntries(local.formatToParts(tick.ms).map((part) => [part.type, part.value]));
              expect([`${parts.hour}:${parts.minute}`, `${parts.month}-${parts.day}`]).toContain(tick.label);
              if (i > 0) expect(tick.ms).toBeGreaterThan(ticks[i - 1]!.ms);
            });
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('falls back to this machine\'s zone for a TZ Intl does not know', () => {
    expect(localZone('UTC+3').name).toBe(localZone(undefined).name);
  });
});

const axisArb = fc
  .record({ cells: fc.integer({ min: 1, max: 300 }), spanMs: fc.integer({ min: MIN, max: 30 * 24 * 60 * MIN }) })
  .map(({ cells, spanMs }): TimeAxis => ({ fromMs: T0, toMs: T0 + spanMs, cells }));

/** A job within the axis: start and end as fractions of it. */
const inside = (axis: TimeAxis, a: number, b: number) => {
  const span = axis.toMs - axis.fromMs;
  const [s, e] = [Math.min(a, b), Math.max(a, b)];
  return { startMs: axis.fromMs + Math.floor(s * span), endMs: axis.fromMs + Math.floor(e * span) };
};
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('bar properties', () => {
  it(
    'bars never leave the axis',
    () => {
      fc.assert(
        fc.property(axisArb, fc.integer({ min: -1e9, max: 4e9 }), fc.integer({ min: 0, max: 4e9 }), fc.option(fc.integer({ min: 0, max: 1e9 })), (axis, from, length, queue) => {
          const startMs = axis.fromMs + from;
          const job = { startMs, endMs: startMs + length, ...(queue === null ? {} : { queuedMs: startMs - queue }) };
          const { bar, queued } = barLayout(job, axis, axis.toMs);
          expect(bar).toBeDefined();
          expect(bar!.start % 8).toBe(0);
          expect(bar!.start).toBeGreaterThanOrEqual(0);
          expect(bar!.length).toBeGreaterThanOrEqual(1);
          expect(bar!.start + bar!.length).toBeLessThanOrEqual(axis.cells * 8);
          if (queued) {
            expect(queued.from).toBeGreaterThanOrEqual(0);
            expect(queued.from).toBeLessThan(queued.to);
            expect(queued.to * 8).toBeLessThanOrEqual(bar!.start);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a longer job never has a shorter bar',
    () => {
      fc.assert(
        fc.property(axisArb, fraction, fraction, fraction, fraction, (axis, a, b, c, d) => {
          const one = inside(axis, a, b);
          const two = inside(axis, c, d);
          const [short, long] = one.endMs - one.startMs <= two.endMs - two.startMs ? [one, two] : [two, one];
          expect(barLayout(short, axis, axis.toMs).bar!.length).toBeLessThanOrEqual(barLayout(long, axis, axis.toMs).bar!.length);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'jobs that overlap for two cells\' time or more share a cell',
    () => {
      fc.assert(
        fc.property(axisArb, fraction, fraction, fraction, fraction, (axis, a, b, c, d) => {
          const one = inside(axis, a, b);
          const two = inside(axis, c, d);
          const cellMs = (axis.toMs - axis.fromMs) / axis.cells;
          fc.pre(Math.min(one.endMs, two.endMs) - Math.max(one.startMs, two.startMs) >= 2 * cellMs);
          const cells = (job: typeof one) => {
            const { bar } = barLayout(job, axis, axis.toMs);
            return new Set(Array.from({ length: Math.ceil((bar!.start + bar!.length) / 8) - bar!.start / 8 }, (_, i) => bar!.start / 8 + i));
          };
          const shared = [...cells(one)].filter((cell) => cells(two).has(cell));
          expect(shared.length).toBeGreaterThan(0);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'ticks stay on the axis, in order, at most one a label apart',
    () => {
      fc.assert(
        fc.property(axisArb, fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe'), (axis, zone) => {
          const ticks = axisTicks(axis, localZone(zone).offsetAt);
          expect(ticks.length).toBeLessThanOrEqual(Math.max(1, Math.floor(axis.cells / 8)) + 1);
          ticks.forEach((tick, i) => {
            expect(tick.cell).toBeGreaterThanOrEqual(0);
            expect(tick.cell).toBeLessThan(axis.cells);
            if (i > 0) expect(tick.cell).toBeGreaterThan(ticks[i - 1]!.cell);
          });
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('row order property', () => {
  it(
    'rows come ordered by start, one per job handle',
    () => {
      const minutes = fc.integer({ min: 0, max: 24 * 60 });
      const stamp = (m: number) => new Date(T0 + m * MIN).toISOString();
      fc.assert(
        fc.property(
          fc.array(fc.record({ handle: fc.integer({ min: 0, max: 30 }), start: minutes, length: minutes }), { maxLength: 40 }),
          fc.array(fc.record({ handle: fc.integer({ min: 0, max: 30 }), start: minutes, waiting: fc.boolean() }), { maxLength: 10 }),
          (logs, active) => {
            const rows = timelineJobs({
              logs: logs.map((log) => makeLog({ jobHandle: `j${log.handle}`, startDate: stamp(log.start), endDate: stamp(log.start + log.length) })),
              active: active.map((job) =>
                makeJob({ jobHandle: `j${job.handle}`, state: job.waiting ? 'New' : 'Running', triggerTime: stamp(job.start), startDate: stamp(job.start) }),
              ),
              criteria: {},
              failOn: 'error',
              toMs: T0 + 3 * 24 * 60 * MIN,
            });
            for (let i = 1; i < rows.length; i++) expect(rowBeginMs(rows[i]!)).toBeGreaterThanOrEqual(rowBeginMs(rows[i - 1]!));
            const activeHandles = new Set(active.map((job) => `j${job.handle}`));
            for (const handle of activeHandles) expect(rows.filter((row) => row.jobHandle === handle).map((row) => row.outcome)).not.toContain('succeeded');
          },
        ),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
