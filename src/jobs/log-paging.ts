// Reading every job log of a window although getJobLogs has no paging: only numRows caps an answer, and IPS documents
// no maximum. The plan asks by start date, ascending, and each next request starts at the last start seen.
import type { JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';

/** Rows asked for per request (the bench's measure: docs/performance.md). */
const LOG_PAGE_SIZE = 2000;

/** How far numRows grows while one instant's logs fill whole answers (× the page size). */
const MAX_GROWTH = 16;

/** One getJobLogs request: start dates in [fromMs, toMs], ascending by StartDate, at most numRows. */
export interface LogPageRequest {
  fromMs: number;
  toMs?: number;
  numRows: number;
}

export interface LogPagingState {
  readonly pageSize: number;
  /** The window's start: logs that started before it are not the window's, whatever the server answers. */
  readonly windowFromMs: number;
  /** Every log read so far, by identity, in the order first seen. */
  readonly logs: Map<string, JobLog>;
  /** The longest answer so far: a server that capped an answer at n never answers more than n. */
  largestAnswer: number;
  /** Instants whose logs may not all have been read: IPS gave a whole maximal answer of logs starting then. */
  readonly crowdedInstants: number[];
  next?: LogPageRequest;
}

/**
 * What identifies a job's log: its company, its job and its start. Not its log type, which changes while the job
 * runs (`BeginImageServingPublish`, then `ImageServingPublishSuccess`): a job that ends during a read is one job.
 * A log without a handle is told apart by its name.
 */
export function logIdentity(log: JobLog): string {
  return `${log.companyHandle ?? ''}\u0000${log.jobHandle ?? ''}\u0000${log.startDate ?? ''}\u0000${log.jobHandle === undefined ? (log.jobName ?? '') : ''}`;
}

function startMs(log: JobLog): number | undefined {
  return parseIso(log.startDate);
}

export function startLogPaging(window: { fromMs: number; toMs?: number }, pageSize = LOG_PAGE_SIZE): LogPagingState {
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) throw new RangeError(`page size ${pageSize}: a whole number from 1`);
  return {
    pageSize,
    windowFromMs: window.fromMs,
    logs: new Map(),
    largestAnswer: 0,
    crowdedInstants: [],
    next: { fromMs: window.fromMs, ...(window.toMs === undefined ? {} : { toMs: window.toMs }), numRows: pageSize },
  };
}

/**
 * Takes the answer to `state.next` and sets the request after it (undefined: every log of the window is read).
 * Only logs that start in the window are kept, and those whose start cannot be read (a later answer of a log replaces
 * an earlier one: the job may have ended since); only those from the start asked for on move the plan:
 * - None: nothing is left to read (an honest server answers nothing; one that ignores the start asked for gives
 *   older logs, which end the read rather than loop).
 * - New ones: ask again from the last start in the answer (inclusive: logs of that instant may have been cut off).
 * - Nothing new, and the answer shorter than numRows and than the longest answer so far: all of them fitted, done.
 * - Nothing new in an answer that may have been cut (as long as numRows, or as the longest so far: perhaps a server
 *   cap): if it reaches past the start asked for, everything before its last start has come, so ask from there; if
 *   every log in it starts at that one instant, numRows grows (a whole answer, up to MAX_GROWTH × the page size),
 *   else the instant is noted as crowded (logs of it may be missing, never in silence) and the plan moves 1 ms on.
 * Terminates: each step adds a log, grows numRows (bounded), or moves the start on to a later instant.
 */
export function takeLogPage(state: LogPagingState, answer: readonly JobLog[]): LogPagingState {
  const asked = state.next;
  if (asked === undefined) throw new Error('takeLogPage: no request is pending');
  const inWindow = (start: number) => start >= state.windowFromMs && (asked.toMs === undefined || start <= asked.toMs);
  let added = 0;
  let moving = 0;
  let lastStart: number | undefined;
  for (const log of answer) {
    const start = startMs(log);
    // A start IPS wrote unreadably is the server's to place: kept (the server gave it for the window), never a step.
    if (start !== undefined && !inWindow(start)) continue;
    const key = logIdentity(log);
    if (!state.logs.has(key)) added++;
    state.logs.set(key, log);
    if (start === undefined || start < asked.fromMs) continue;
    moving++;
    if (lastStart === undefined || start > lastStart) lastStart = start;
  }
  const largestBefore = state.largestAnswer;
  state.largestAnswer = Math.max(state.largestAnswer, answer.length);
  const onFrom = (fromMs: number, numRows: number): LogPagingState => {
    state.next = asked.toMs !== undefined && fromMs > asked.toMs ? undefined : { fromMs, ...(asked.toMs === undefined ? {} : { toMs: asked.toMs }), numRows };
    return state;
  };
  const done = (): LogPagingState => {
    state.next = undefined;
    return state;
  };
  if (moving === 0 || lastStart === undefined) return done();
  if (added > 0) {
    // The same start again keeps a grown numRows; a later one goes back to the page size.
    return onFrom(lastStart, lastStart === asked.fromMs ? asked.numRows : state.pageSize);
  }
  const full = answer.length >= asked.numRows;
  if (!full && answer.length < largestBefore) return done();
  if (lastStart > asked.fromMs) return onFrom(lastStart, state.pageSize);
  if (full && asked.numRows < state.pageSize * MAX_GROWTH) return onFrom(asked.fromMs, Math.min(asked.numRows * 2, state.pageSize * MAX_GROWTH));
  state.crowdedInstants.push(asked.fromMs);
  return onFrom(asked.fromMs + 1, state.pageSize);
}
