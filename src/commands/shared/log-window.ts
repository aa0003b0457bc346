// Every job log whose start is in a window, read page by page (getJobLogs has no paging of its own: the plan is
// src/jobs/log-paging.ts). Shared by `stats` and `timeline`.
import type { JobLog } from '../../ips/types.js';
import { startLogPaging, takeLogPage } from '../../jobs/log-paging.js';
import { boundsInOrder, formatInstant, timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import { type IO, write } from './io.js';
import { serverNow, windowStartMs } from './server-clock.js';
import type { Session } from './session.js';
import { startSpinner } from './spinner.js';
import { UsageError } from './usage-error.js';

/** --until before --since, with an example of a good pair. */
function untilFirst(example: string): UsageError {
  return new UsageError(`--until must be later than --since (e.g. ${example})`);
}

/** Refuses an --until before --since before any request, where both are durations or both dates (exit 2). */
export function checkWindowFlags(since: TimeBound, until: TimeBound | undefined, example: string): void {
  if (until !== undefined && boundsInOrder(since, until) === false) throw untilFirst(example);
}

/** A window of --since/--until by the server's clock: its start and its end (--until, never past the server's now). */
export interface ResolvedWindow {
  fromMs: number;
  toMs: number;
  /** Whether --until set the end (else it is the server's now). */
  until: boolean;
}

/** Where logs of a window may be missing: see LogWindow.onGaps. */
interface LogGaps {
  crowded: readonly number[];
  unreadFrom?: number;
}

/** --since and --until by the server's clock (asked for when no answer has told it): exit 2 for a window after now or an --until before --since. */
export async function resolveLogWindow(session: Session, since: TimeBound, until: TimeBound | undefined, example: string): Promise<ResolvedWindow> {
  const nowMs = (await serverNow(session)).getTime();
  const fromMs = windowStartMs('--since', since, nowMs);
  const untilMs = until === undefined ? undefined : timeBoundMs(until, nowMs);
  if (untilMs !== undefined && untilMs <= fromMs) throw untilFirst(example);
  return { fromMs, toMs: Math.min(untilMs ?? nowMs, nowMs), until: untilMs !== undefined };
}

/** The window as json documents give it: `{ from, to }`, UTC instants to the second. */
export function windowJson(window: Pick<ResolvedWindow, 'fromMs' | 'toMs'>): { from: string; to: string } {
  return { from: formatInstant(window.fromMs), to: formatInstant(window.toMs) };
}

/** "since …" or "between … and …", as the window was asked for. */
export function windowText(window: Pick<ResolvedWindow, 'fromMs' | 'toMs' | 'until'>): string {
  return window.until ? `between ${formatInstant(window.fromMs)} and ${formatInstant(window.toMs)}` : `since ${formatInstant(window.fromMs)}`;
}

/**
 * readLogWindow with a spinner counting the logs on a terminal, and a line on stderr for each instant whose logs may
 * not all have come (more started then than IPS answers at once): logs left out are never left out in silence.
 */
export async function readLogWindowSaying(session: Session, io: IO, window: Pick<ResolvedWindow, 'fromMs' | 'toMs'>, colorStderr: boolean): Promise<JobLog[]> {
  const spinner = await startSpinner(io, 'Reading job logs…', colorStderr);
  let gaps: LogGaps = { crowded: [] };
  let logs: JobLog[];
  try {
    // Always up to the window's end (the server's now without --until): a job that starts during the read is not
    // the window's, and would look like a page IPS had cut.
    const asked = { fromMs: window.fromMs, toMs: window.toMs, onGaps: (found: LogGaps) => (gaps = found) };
    logs = await readLogWindow(session, asked, (count) => spinner.update(`Reading job logs… ${count.toLocaleString('en-US')}`));
  } finally {
    spinner.stop();
  }
  for (const instant of gaps.crowded) {
    await write(io.stderr, `More job logs started at ${formatInstant(instant)} than IPS answers at once: some of them may be missing.\n`);
  }
  if (gaps.unreadFrom !== undefined) {
    await write(io.stderr, `IPS answered no job log from ${formatInstant(gaps.unreadFrom)} on when asked: job logs that started from then on may be missing.\n`);
  }
  return logs;
}

export interface LogWindow {
  /** Logs that started at or after this instant (epoch ms). */
  fromMs: number;
  /** … and at or before this one; absent: up to the server's now. */
  toMs?: number;
  /** Rows asked for per request; default LOG_PAGE_SIZE. */
  pageSize?: number;
  /**
   * Where logs may be missing, said once the read is over: instants with more logs than IPS gave at once, and the
   * instant from which IPS gave nothing when asked (it answered older logs, or starts that cannot be read).
   */
  onGaps?: (gaps: LogGaps) => void;
}

/**
 * The job logs of the session's company that started in [fromMs, toMs], each once, oldest first. `onPage` hears how
 * many logs are read after each answer (a spinner's count).
 */
export async function readLogWindow(session: Session, window: LogWindow, onPage?: (logsSoFar: number) => void): Promise<JobLog[]> {
  let state = startLogPaging({ fromMs: window.fromMs, ...(window.toMs === undefined ? {} : { toMs: window.toMs }) }, window.pageSize);
  const companyHandle = session.company?.companyHandle;
  while (state.next) {
    const { fromMs, toMs, numRows } = state.next;
    const answer = await session.client.getJobLogs({
      ...(companyHandle === undefined ? {} : { companyHandle }),
      sortBy: 'StartDate',
      sortDirection: 'Ascending',
      startDate: new Date(fromMs).toISOString(),
      ...(toMs === undefined ? {} : { endDate: new Date(toMs).toISOString() }),
      numRows,
    });
    state = takeLogPage(state, answer);
    onPage?.(state.logs.size);
  }
  if (state.crowdedInstants.length > 0 || state.unreadFromMs !== undefined) {
    window.onGaps?.({ crowded: state.crowdedInstants, ...(state.unreadFromMs === undefined ? {} : { unreadFrom: state.unreadFromMs }) });
  }
  return [...state.logs.values()];
}
