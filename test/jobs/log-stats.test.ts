import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { logStats, nearestRank, windowDays } from '../../src/jobs/log-stats.js';
import { makeLog } from './log-fixtures.js';

const FROM = Date.parse('2026-11-22T00:00:00.000-08:00');
const TO = Date.parse('2026-11-28T12:00:00.000-08:00');

/** A finished log that started at `start` (Pacific) and took `minutes`. */
function run(start: string, minutes: number, overrides: Partial<JobLog> = {}): JobLog {
  const startMs = Date.parse(`${start}-08:00`);
  const pacific = (ms: number) => `${new Date(ms - 8 * 3_600_000).toISOString().slice(0, 23)}-08:00`;
  return makeLog({ jobHandle: `j|42||${start}|${minutes}`, startDate: pacific(startMs), endDate: pacific(startMs + minutes * 60_000), ...overrides });
}

describe('nearest-rank percentiles', () => {
  it('is the ⌈p/100 × n⌉-th smallest value', () => {
    expect(nearestRank([15, 20, 35, 40, 50], 50)).toBe(35);
    expect(nearestRank([15, 20, 35, 40, 50], 95)).toBe(50);
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 95)).toBe(19);
    expect(nearestRank([7], 50)).toBe(7);
  });
});

describe('days as the server writes them', () => {
  it('lists every day of the window in the server offset, days without logs included', () => {
    expect(windowDays([run('2026-11-25T10:00:00', 5)], FROM, TO)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
  });
});

describe('stats of a window of job logs', () => {
  const logs = [
    run('2026-11-27T09:00:00', 10),
    run('2026-11-27T10:00:00', 20),
    run('2026-11-28T09:00:00', 30, { logType: 'ImageServingPublishWarning', fileWarningCount: 2, fileSuccessCount: 118 }),
    run('2026-11-28T10:00:00', 40, { logType: 'ImageServingPublishFailure', fatalError: true, fileErrorCount: 3, totalFileCount: 50 }),
    run('2026-11-28T11:00:00', 50, { logType: 'UploadUrlsSuccess', submitUserEmail: 'raj@example.com' }),
    makeLog({ jobHandle: 'running', logType: 'BeginImageServingPublish', startDate: '2026-11-28T11:30:00.000-08:00', endDate: undefined }),
  ];

  it('by type: counts, outcomes, failure rate, nearest-rank durations, files and jobs per day', () => {
    const stats = logStats(logs, { by: 'type', failOn: 'error', fromMs: FROM, toMs: TO });
    expect(stats.days).toHaveLength(7);
    expect(stats.groups.map((g) => g.key)).toEqual(['ImageServingPublish', 'UploadUrls']);
    const [publish, urls] = stats.groups;
    expect(publish).toMatchObject({
      jobs: 5,
      succeeded: 2,
      succeededWithWarnings: 1,
      failed: 1,
      running: 1,
      failureRate: 0.25,
      durationSeconds: { p50: 1200, p95: 2400, max: 2400 },
      files: { total: 120 * 4 + 50, errors: 3, warnings: 2 },
      jobsPerDay: [0, 0, 0, 0, 0, 2, 3],
      failedPerDay: [0, 0, 0, 0, 0, 0, 1],
    });
    expect(urls).toMatchObject({ jobs: 1, succeeded: 1, failed: 0, failureRate: 0, durationSeconds: { p50: 3000, p95: 3000, max: 3000 } });
  });

  it('--fail-on warning makes the job with warnings a failure', () => {
    const [publish] = logStats(logs, { by: 'type', failOn: 'warning', fromMs: FROM, toMs: TO }).groups;
    expect(publish).toMatchObject({ failed: 2, succeededWithWarnings: 0, failureRate: 0.5 });
  });

  it('by user and by day', () => {
    expect(logStats(logs, { by: 'user', failOn: 'error', fromMs: FROM, toMs: TO }).groups.map((g) => [g.key, g.jobs])).toEqual([
      ['ana@example.com', 5],
      ['raj@example.com', 1],
    ]);
    expect(logStats(logs, { by: 'day', failOn: 'error', fromMs: FROM, toMs: TO }).groups.map((g) => [g.key, g.jobs])).toEqual([
      ['2026-11-27', 2],
      ['2026-11-28', 4],
    ]);
  });

  it('a group with nothing finished has no failure rate and no durations', () => {
    const [only] = logStats([logs[5]!], { by: 'type', failOn: 'error', fromMs: FROM, toMs: TO }).groups;
    expect(only).toMatchObject({ jobs: 1, running: 1, failureRate: null, durationSeconds: null });
  });

  it('a log without its end that has failed already (fatal, or a …Failure type) is failed, as the History tab says', () => {
    const fatal = makeLog({ jobHandle: 'f', logType: 'BeginImageServingPublish', fatalError: true, startDate: '2026-11-28T11:00:00.000-08:00', endDate: undefined });
    const [only] = logStats([fatal], { by: 'type', failOn: 'error', fromMs: FROM, toMs: TO }).groups;
    expect(only).toMatchObject({ jobs: 1, running: 0, failed: 1, failureRate: 1, durationSeconds: null });
  });

  it('an empty window: no groups', () => {
    expect(logStats([], { by: 'type', failOn: 'error', fromMs: FROM, toMs: TO }).groups).toEqual([]);
  });
});

describe('properties', () => {
  const TYPES = ['ImageServingPublishSuccess', 'ImageServingPublishFailure', 'UploadWarning', 'UploadUrlsSuccess', 'BeginUpload', undefined];
  const arbitraryLog = fc
    .record({
      startMinute: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }),
      minutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      type: fc.constantFrom(...TYPES),
      user: fc.constantFrom('ana@example.com', 'raj@example.com', undefined),
      errors: fc.nat(5),
      warnings: fc.nat(5),
      files: fc.nat(200),
      fatal: fc.boolean(),
    })
    .map(({ startMinute, minutes, type, user, errors, warnings, files, fatal }) => {
      const start = FROM + startMinute * 60_000;
      const pacific = (ms: number) => `${new Date(ms - 8 * 3_600_000).toISOString().slice(0, 23)}-08:00`;
      return makeLog({
        jobHandle: `j|${startMinute}|${minutes}`,
        logType: type,
        submitUserEmail: user,
        startDate: pacific(start),
        endDate: minutes === undefined ? undefined : pacific(start + minutes * 60_000),
        fileErrorCount: errors,
        fileWarningCount: warnings,
        totalFileCount: files,
        fatalError: fatal,
      });
    });

  it('every log in exactly one group, counts add up, p50 ≤ p95 ≤ max, per-day counts sum to the jobs', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLog, { maxLength: 60 }), fc.constantFrom('type' as const, 'user' as const, 'day' as const), fc.constantFrom('fatal' as const, 'error' as const, 'warning' as const), (list, by, failOn) => {
        const stats = logStats(list, { by, failOn, fromMs: FROM, toMs: FROM + 7 * 86_400_000 - 1 });
        expect(new Set(stats.groups.map((g) => g.key)).size).toBe(stats.groups.length);
        expect(stats.groups.reduce((sum, g) => sum + g.jobs, 0)).toBe(list.length);
        expect(stats.days).toHaveLength(list.length === 0 ? 0 : 7);
        for (const g of stats.groups) {
          expect(g.succeeded + g.succeededWithWarnings + g.failed + g.running).toBe(g.jobs);
          expect(g.jobsPerDay.reduce((a, b) => a + b, 0)).toBe(g.jobs);
          expect(g.failedPerDay.reduce((a, b) => a + b, 0)).toBe(g.failed);
          g.failedPerDay.forEach((failed, i) => expect(failed).toBeLessThanOrEqual(g.jobsPerDay[i]!));
          if (g.durationSeconds) {
            expect(g.durationSeconds.p50).toBeLessThanOrEqual(g.durationSeconds.p95);
            expect(g.durationSeconds.p95).toBeLessThanOrEqual(g.durationSeconds.max);
          }
          expect(g.failureRate === null || (g.failureRate >= 0 && g.failureRate <= 1)).toBe(true);
        }
      }),
    );
  });
});
