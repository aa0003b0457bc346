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
  /** Every log read so far, by identity, in the order first seen. */
  readonly logs: Map<string, JobLog>;
  /** The longest answer so far: a server that capped an answer at n never answers more than n. */
  largestAnswer: number;
  /** Instants whose logs may not all have been read: IPS gave a whole maximal answer of logs starting then. */
  readonly crowdedInstants: number[];
  next?: LogPageRequest;
}

/** What identifies a log: its job, its type and its start (a job's log keeps its handle). */
export function logIdentity(log: JobLog): string {
  return `${log.companyHandle ?? ''}\u0000${log.jobHandle ?? ''}\u0000${log.logType ?? ''}\u0000${log.startDate ?? ''}\u0000${log.jobName ?? ''}`;
}

function startMs(log: JobLog): number | undefined {
  return parseIso(log.startDate);
}

export function startLogPaging(window: { fromMs: number; toMs?: number }, pageSize = LOG_PAGE_SIZE): LogPagingState {
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) throw new RangeError(`page size ${pageSize}: a whole number from 1`);
  return {
    pageSize,
    logs: new Map(),
    largestAnswer: 0,
    crowdedInstants: [],
    next: { fromMs: window.fromMs, ...(window.toMs === undefined ? {} : { toMs: window.toMs }), numRows: pageSize },
  };
}

/**
 * Takes the answer to `state.next` and sets the request after it (undefined: every log of the window is read).
 * - New logs: ask again from the last start in the answer (inclusive: logs of that instant may have been cut off).
 * - Nothing new: the answer holds only logs of the instant asked from. All of them fitted (shorter than the longest
 *   answer so far and than numRows): done. A full answer: numRows grows, up to MAX_GROWTH × the page size, then the
 *   plan moves 1 ms on and notes the instant as crowded. An answer as long as the longest yet: perhaps a server cap,
 *   so 1 ms on as well (an honest server then answers nothing and the read ends).
 * Terminates: each step adds a log, grows numRows (bounded) or moves the start on (past the last log: an empty answer).
 */
export function takeLogPage(state: LogPagingState, answer: readonly JobLog[]): LogPagingState {
  const asked = state.next;
  if (asked === undefined) throw new Error('takeLogPage: no request is pending');
  let added = 0;
  let lastStart: number | undefined;
  for (const log of answer) {
    const key = logIdentity(log);
    if (!state.logs.has(key)) {
      state.logs.set(key, log);
      added++;
    }
    const start = startMs(log);
    if (start !== undefined && (lastStart === undefined || start > lastStart)) lastStart = start;
  }
  const largestBefore = state.largestAnswer;
  state.largestAnswer = Math.max(state.largestAnswer, answer.length);
  const window = asked.toMs === undefined ? {} : { toMs: asked.toMs };
  const onFrom = (fromMs: number, numRows: number): LogPagingState => {
    state.next = fromMs === Infinity || (asked.toMs !== undefined && fromMs > asked.toMs) ? undefined : { fromMs, ...window, numRows };
    return state;
  };
  const done = () => onFrom(Infinity, 0);
  if (answer.length === 0) return done();
  if (added > 0) {
    const from = lastStart === undefined || lastStart <= asked.fromMs ? asked.fromMs : lastStart;
    // The same start again keeps a grown numRows; a later one goes back to the page size.
    return onFrom(from, from === asked.fromMs ? asked.numRows : state.pageSize);
  }
  if (answer.length === asked.numRows) {
    if (asked.numRows < state.pageSize * MAX_GROWTH) return onFrom(asked.fromMs, Math.min(asked.numRows * 2, state.pageSize * MAX_GROWTH));
    state.crowdedInstants.push(asked.fromMs);
    return onFrom(asked.fromMs + 1, state.pageSize);
  }
  if (answer.length < largestBefore) return done();
  return onFrom(asked.fromMs + 1, state.pageSize);
}
