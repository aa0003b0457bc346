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
  /**
   * The server's cap, once it shows: an answer shorter than its numRows that a later answer proved incomplete (an
   * honest answer shorter than asked holds everything from its start). Undefined while none has shown.
   */
  provenCap?: number;
  /** The previous answer's length when it was shorter than its numRows (for provenCap). */
  previousShort?: number;
  /** An answer held logs older than the start asked for: this server's short answers prove nothing. */
  startIgnored?: boolean;
  /** Instants the plan moved past with a short answer of only their logs, and how many: crowded if a cap shows. */
  readonly passedInstants: Array<{ instantMs: number; logs: number }>;
  /**
   * Instants whose logs may not all have been read: IPS filled answers of MAX_GROWTH pages with logs of that instant,
   * or answered as many as its proven cap. Final once `next` is undefined.
   */
  crowdedInstants: number[];
  /**
   * IPS answered nothing from this instant on (only older logs, or starts that cannot be read) in an answer that may
   * have been cut: logs that started from then on may be missing. Final once `next` is undefined.
   */
  unreadFromMs?: number;
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

export function startLogPaging(window: { fromMs: number; toMs?: number }, pageSize = LOG_PAGE_SIZE): LogPagingState {
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) throw new RangeError(`page size ${pageSize}: a whole number from 1`);
  return {
    pageSize,
    windowFromMs: window.fromMs,
    logs: new Map(),
    passedInstants: [],
    crowdedInstants: [],
    next: { fromMs: window.fromMs, ...(window.toMs === undefined ? {} : { toMs: window.toMs }), numRows: pageSize },
  };
}

/** What one answer holds, against the request it answers. */
interface Reading {
  /** Logs not read before. */
  added: number;
  /** Logs that start from the start asked for on (within the window's end): the only ones that move the plan. */
  moving: number;
  /** The latest start among them. */
  lastStart?: number;
  /** A log after the window's end: the answer (ascending) reached it, whatever the server did with endDate. */
  pastEnd: boolean;
  /** A log older than the start asked for: the server did not keep to it. */
  older: boolean;
}

/** Keeps the answer's logs of the window (and those whose start cannot be read: the server placed them there). */
function read(state: LogPagingState, asked: LogPageRequest, answer: readonly JobLog[]): Reading {
  const reading: Reading = { added: 0, moving: 0, pastEnd: false, older: false };
  for (const log of answer) {
    const start = parseIso(log.startDate);
    if (start !== undefined && asked.toMs !== undefined && start > asked.toMs) {
      reading.pastEnd = true;
      continue;
    }
    if (start !== undefined && start < asked.fromMs) [state.startIgnored, reading.older] = [true, true];
    if (start !== undefined && start < state.windowFromMs) continue;
    const key = logIdentity(log);
    if (!state.logs.has(key)) reading.added++;
    // A later answer replaces an earlier one: the job may have ended since.
    state.logs.set(key, log);
    if (start === undefined || start < asked.fromMs) continue;
    reading.moving++;
    if (reading.lastStart === undefined || start > reading.lastStart) reading.lastStart = start;
  }
  return reading;
}

/** The read is over: which instants may have lost logs is decided now that the cap, if any, has shown. */
function finish(state: LogPagingState): LogPagingState {
  state.next = undefined;
  // A server that does not keep to the start asked for may have cut any short answer.
  const cap = state.startIgnored ? 1 : state.provenCap;
  const passed = cap === undefined ? [] : state.passedInstants.filter((p) => p.logs >= cap).map((p) => p.instantMs);
  state.crowdedInstants = [...new Set([...state.crowdedInstants, ...passed])].sort((a, b) => a - b);
  return state;
}

/**
 * Takes the answer to `state.next` and sets the request after it (undefined: the read is over). Only logs of the
 * window are kept; only those from the start asked for on move the plan:
 * - An answer that reaches past the window's end, or holds none from the start asked for: over. If it held none from
 *   there but older logs (a server that ignores the start asked for), or was full (or capped) of starts that cannot
 *   be read, logs from that start on may be missing (`unreadFromMs`).
 * - New logs: ask again from the last start in the answer (inclusive: logs of that instant may have been cut off).
 *   New logs after an answer shorter than its numRows prove a cap: that answer's length (`provenCap`).
 * - Nothing new, all of one instant (the start asked for): a full answer grows numRows (up to MAX_GROWTH × the
 *   page size; past that the instant is crowded); a short one is noted with its count and the plan moves 1 ms on.
 *   An honest server's short answer held all of that instant; with a cap proven by the end of the read, an instant
 *   noted with as many logs as the cap is crowded (every noted instant, if the server gave logs older than a start
 *   asked for). A cap that never shows cannot be told from an honest answer.
 * - Nothing new past the start asked for (a server repeating itself): ask from the last start.
 * Terminates: each step adds a log, grows numRows (bounded), or moves the start on to a later instant.
 */
export function takeLogPage(state: LogPagingState, answer: readonly JobLog[]): LogPagingState {
  const asked = state.next;
  if (asked === undefined) throw new Error('takeLogPage: no request is pending');
  const { added, moving, lastStart, pastEnd, older } = read(state, asked, answer);
  const full = answer.length >= asked.numRows;
  if (added > 0 && state.previousShort !== undefined) state.provenCap = Math.min(state.provenCap ?? Infinity, state.previousShort);
  state.previousShort = full ? undefined : answer.length;
  const onFrom = (fromMs: number, numRows: number): LogPagingState => {
    if (asked.toMs !== undefined && fromMs > asked.toMs) return finish(state);
    state.next = { fromMs, ...(asked.toMs === undefined ? {} : { toMs: asked.toMs }), numRows };
    return state;
  };
  if (pastEnd) return finish(state);
  if (moving === 0 || lastStart === undefined) {
    // Older logs instead of an answer from the start asked for, or a full (or capped) answer of starts that cannot be
    // read: whatever started from there on is out of reach.
    if (answer.length > 0 && (older || full || (state.provenCap !== undefined && answer.length >= state.provenCap))) state.unreadFromMs = asked.fromMs;
    return finish(state);
  }
  // The same start again keeps a grown numRows; a later one goes back to the page size.
  if (added > 0) return onFrom(lastStart, lastStart === asked.fromMs ? asked.numRows : state.pageSize);
  if (lastStart > asked.fromMs) return onFrom(lastStart, state.pageSize);
  if (full) {
    if (asked.numRows < state.pageSize * MAX_GROWTH) return onFrom(asked.fromMs, Math.min(asked.numRows * 2, state.pageSize * MAX_GROWTH));
    state.crowdedInstants.push(asked.fromMs);
  } else {
    state.passedInstants.push({ instantMs: asked.fromMs, logs: moving });
  }
  return onFrom(asked.fromMs + 1, state.pageSize);
}
