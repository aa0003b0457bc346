// `timeline`'s jobs: one row a job, from its finished log or from the active list, in the order they started.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';
import { jobMatcher } from './filter.js';
import { filterLogs, type LogCriteria } from './log-filter.js';
import { logStatus } from './log-status.js';
import { jobTypeFromLogType, jobTypeName } from './log-type.js';
import { isFinishedLog, outcomeFromLog, type FailOn, type LogOutcome } from './outcome.js';
import { stateClass } from './state-class.js';

/** How a row's job went: a finished log's outcome, `running` (started, not ended), or `waiting` (queued, not started). */
export type TimelineOutcome = LogOutcome | 'running' | 'waiting';

export interface TimelineJob {
  jobName: string;
  jobHandle?: string;
  /** The one type name (the log-type stem). */
  type?: string;
  submitUserEmail?: string;
  outcome: TimelineOutcome;
  /** The server's ISO strings, for JSON. */
  triggerTime?: string;
  startDate?: string;
  endDate?: string;
  /** Epoch ms: queued since (the trigger), when IPS says so. */
  queuedMs?: number;
  /** Epoch ms: started; absent while waiting. */
  startMs?: number;
  /** Epoch ms: ended; absent while running or waiting (drawn to now). */
  endMs?: number;
}

/** What the rows are made of: the window's logs, the active list, the filters and the server's now. */
export interface TimelineSources {
  logs: readonly JobLog[];
  active: readonly ActiveJob[];
  criteria: Pick<LogCriteria, 'types' | 'name' | 'user'>;
  failOn: FailOn;
  /** The window's end (--until) or now. Active jobs that started (or were queued) by then are shown. */
  toMs: number;
}

function fromLog(log: JobLog, failOn: FailOn): TimelineJob {
  const finished = isFinishedLog(log);
  const startMs = parseIso(log.startDate);
  const endMs = finished ? parseIso(log.endDate) : undefined;
  // A log without its end is a job still being written: running, unless it has failed already (logStatus's rule).
  const outcome: TimelineOutcome = logStatus(log, failOn) === 'running' ? 'running' : outcomeFromLog(log, failOn).outcome;
  return {
    jobName: log.jobName ?? log.originalJobName ?? log.jobHandle ?? '',
    jobHandle: log.jobHandle,
    type: jobTypeFromLogType(log.logType),
    submitUserEmail: log.submitUserEmail,
    outcome,
    startDate: log.startDate,
    endDate: finished ? log.endDate : undefined,
    startMs,
    endMs,
  };
}

function fromActive(job: ActiveJob): TimelineJob {
  const waiting = stateClass(job.state) === 'waiting';
  const queuedMs = parseIso(job.triggerTime);
  const startMs = waiting ? undefined : parseIso(job.startDate);
  return {
    jobName: job.name ?? job.originalName ?? job.jobHandle ?? '',
    jobHandle: job.jobHandle,
    type: jobTypeName(job.type),
    submitUserEmail: job.submitUserEmail,
    outcome: waiting ? 'waiting' : 'running',
    triggerTime: job.triggerTime,
    startDate: waiting ? undefined : job.startDate,
    // A trigger after the start (clocks apart) is no queue.
    queuedMs: queuedMs !== undefined && (startMs === undefined || queuedMs <= startMs) ? queuedMs : undefined,
    startMs,
  };
}

/** When a row begins on the time axis: its start, or for a waiting job its trigger. */
export function rowBeginMs(job: TimelineJob): number {
  return job.startMs ?? job.queuedMs ?? Number.POSITIVE_INFINITY;
}

/**
 * The rows, ordered by start (a waiting job by its trigger), ties by name. A job in the active list is never finished:
 * its log (the log so far, or a final log written while it lingers as Done) gives way to it, matched by jobHandle.
 * Active jobs are those that began by `toMs`, also those that began before the window (they ran in it).
 */
export function timelineJobs(sources: TimelineSources): TimelineJob[] {
  // A type named either way finds the job (jobMatcher knows both names).
  const matches = jobMatcher<ActiveJob>({ types: sources.criteria.types, name: sources.criteria.name, user: sources.criteria.user }, () => undefined);
  const active = sources.active
    .filter(matches)
    .map(fromActive)
    // A job whose times IPS wrote unreadably stays, last and without a bar: what is known of it is shown.
    .filter((job) => rowBeginMs(job) <= sources.toMs || rowBeginMs(job) === Number.POSITIVE_INFINITY);
  const listed = new Set(sources.active.map((job) => job.jobHandle).filter((handle) => handle !== undefined));
  const logged = filterLogs(sources.logs, { ...sources.criteria, failOn: sources.failOn })
    .filter((log) => log.jobHandle === undefined || !listed.has(log.jobHandle))
    .map((log) => fromLog(log, sources.failOn));
  const rows = [...logged, ...active];
  return rows.sort((a, b) => rowBeginMs(a) - rowBeginMs(b) || (a.jobName < b.jobName ? -1 : a.jobName > b.jobName ? 1 : 0));
}

/** The rows drawn when only `room` fit: the latest by start, and how many earlier ones are left out. */
export function latestRows<T>(rows: readonly T[], room: number): { shown: T[]; hidden: number } {
  if (room <= 0 || rows.length <= room) return { shown: [...rows], hidden: 0 };
  return { shown: rows.slice(rows.length - room), hidden: rows.length - room };
}

/** Seconds queued: trigger → start (→ now for a waiting job); null when IPS gave no trigger. */
export function queuedSeconds(job: TimelineJob, nowMs: number): number | null {
  if (job.queuedMs === undefined) return null;
  return Math.max(0, Math.round(((job.startMs ?? nowMs) - job.queuedMs) / 1000));
}
