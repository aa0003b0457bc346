// `stats`: what a window of job logs says, per job type, user or day: how many, how they ended, how long they took,
// how many files, and how many jobs (and failures) each day of the window.
import type { JobLog } from '../ips/types.js';
import { isoDay, isoOffsetMinutes, parseIso } from './dates.js';
import { jobTypeFromLogType } from './log-type.js';
import { logStatus } from './log-status.js';
import type { FailOn } from './outcome.js';

export type StatsGroupBy = 'type' | 'user' | 'day';

/** A group's key when its logs do not say (no log type, no user, no start date). */
const UNKNOWN_KEY = '-';

interface DurationStats {
  /** Seconds, by the nearest-rank definition (the smallest duration with at least p% of the durations at or below it). */
  p50: number;
  p95: number;
  max: number;
}

export interface GroupStats {
  /** The job type (the log-type stem), the submitting user's email or the day (YYYY-MM-DD, as the server writes it). */
  key: string;
  jobs: number;
  succeeded: number;
  succeededWithWarnings: number;
  failed: number;
  /** Logs without an end date that have not failed already: jobs still running (no outcome, no duration yet). */
  running: number;
  /** failed ÷ finished jobs; null when none finished. */
  failureRate: number | null;
  /** Over the finished jobs with both dates; null when there are none. */
  durationSeconds: DurationStats | null;
  files: { total: number; errors: number; warnings: number };
  /** Jobs started each day of LogStats.days, and how many of them failed. */
  jobsPerDay: number[];
  failedPerDay: number[];
}

export interface LogStats {
  /** Every day of the window (YYYY-MM-DD in the server's offset), oldest first. */
  days: string[];
  groups: GroupStats[];
}

export interface StatsOptions {
  by: StatsGroupBy;
  failOn: FailOn;
  /** The window: its days are the sparkline's, logs or not. */
  fromMs: number;
  toMs: number;
}

function dayAt(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Calendar days from `first` to `last` (YYYY-MM-DD), both included. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
}

/**
 * The days of a window in the server's offset (the one its dates are written in; DST may change it within the
 * window, so each end takes the offset of the log nearest it), plus any day a log names outside them.
 */
export function windowDays(logs: readonly JobLog[], fromMs: number, toMs: number): string[] {
  const offsets = logs.map((log) => ({ at: parseIso(log.startDate), offset: isoOffsetMinutes(log.startDate) })).filter((o) => o.at !== undefined && o.offset !== undefined);
  if (offsets.length === 0 || !(toMs >= fromMs)) return [...new Set(logs.map((log) => isoDay(log.startDate)).filter((d) => d !== undefined))].sort();
  const first = offsets.reduce((a, b) => (b.at! < a.at! ? b : a)).offset!;
  const last = offsets.reduce((a, b) => (b.at! > a.at! ? b : a)).offset!;
  const days = new Set(daysBetween(dayAt(fromMs, first), dayAt(toMs, last)));
  for (const log of logs) {
    const day = isoDay(log.startDate);
    if (day !== undefined) days.add(day);
  }
  return [...days].sort();
}

/** The nearest-rank p-th percentile (0 < p ≤ 100) of values sorted ascending: the ⌈p/100 × n⌉-th smallest. */
export function nearestRank(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) throw new RangeError('no values');
  const rank = Math.max(1, Math.ceil((p / 100) * sortedValues.length));
  return sortedValues[Math.min(rank, sortedValues.length) - 1]!;
}

/** A log's duration in seconds (end − start); undefined without both dates or when the end is before the start. */
function durationSeconds(log: JobLog): number | undefined {
  const start = parseIso(log.startDate);
  const end = parseIso(log.endDate);
  if (start === undefined || end === undefined || end < start) return undefined;
  return (end - start) / 1000;
}

function groupKey(log: JobLog, by: StatsGroupBy): string {
  switch (by) {
    case 'type':
      return jobTypeFromLogType(log.logType) ?? UNKNOWN_KEY;
    case 'user':
      return log.submitUserEmail || UNKNOWN_KEY;
    case 'day':
      return isoDay(log.startDate) ?? UNKNOWN_KEY;
  }
}

interface Tally {
  group: GroupStats;
  durations: number[];
}

function emptyGroup(key: string, days: number): GroupStats {
  return {
    key,
    jobs: 0,
    succeeded: 0,
    succeededWithWarnings: 0,
    failed: 0,
    running: 0,
    failureRate: null,
    durationSeconds: null,
    files: { total: 0, errors: 0, warnings: 0 },
    jobsPerDay: new Array<number>(days).fill(0),
    failedPerDay: new Array<number>(days).fill(0),
  };
}

/** Groups by --by: type and user busiest first (then by name), days oldest first. */
function compareGroups(by: StatsGroupBy): (a: GroupStats, b: GroupStats) => number {
  const byKey = (a: GroupStats, b: GroupStats) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return by === 'day' ? byKey : (a, b) => b.jobs - a.jobs || byKey(a, b);
}

/** Every log in exactly one group; outcomes by outcomeFromLog with `failOn`. */
export function logStats(logs: readonly JobLog[], options: StatsOptions): LogStats {
  const days = windowDays(logs, options.fromMs, options.toMs);
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const tallies = new Map<string, Tally>();
  for (const log of logs) {
    const key = groupKey(log, options.by);
    let tally = tallies.get(key);
    if (!tally) {
      tally = { group: emptyGroup(key, days.length), durations: [] };
      tallies.set(key, tally);
    }
    const { group } = tally;
    group.jobs++;
    group.files.total += log.totalFileCount ?? 0;
    group.files.errors += log.fileErrorCount ?? 0;
    group.files.warnings += log.fileWarningCount ?? 0;
    const day = dayIndex.get(isoDay(log.startDate) ?? '');
    if (day !== undefined) group.jobsPerDay[day]!++;
    // The History tab's word (logStatus): a fatal or …Failure log has failed even before its end date.
    const status = logStatus(log, options.failOn);
    if (status === 'running') {
      group.running++;
      continue;
    }
    if (status === 'failed') {
      group.failed++;
      if (day !== undefined) group.failedPerDay[day]!++;
    } else if (status === 'with warnings') group.succeededWithWarnings++;
    else group.succeeded++;
    const seconds = durationSeconds(log);
    if (seconds !== undefined) tally.durations.push(seconds);
  }
  const groups = [...tallies.values()].map(({ group, durations }) => {
    const finished = group.jobs - group.running;
    const sorted = durations.sort((a, b) => a - b);
    return {
      ...group,
      failureRate: finished === 0 ? null : group.failed / finished,
      durationSeconds: sorted.length === 0 ? null : { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), max: sorted[sorted.length - 1]! },
    };
  });
  return { days, groups: groups.sort(compareGroups(options.by)) };
}
