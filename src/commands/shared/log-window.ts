// Every job log whose start is in a window, read page by page (getJobLogs has no paging of its own: the plan is
// src/jobs/log-paging.ts). Shared by `stats` and `timeline`.
import type { JobLog } from '../../ips/types.js';
import { startLogPaging, takeLogPage } from '../../jobs/log-paging.js';
import type { Session } from './session.js';

export interface LogWindow {
  /** Logs that started at or after this instant (epoch ms). */
  fromMs: number;
  /** … and at or before this one; absent: up to the server's now. */
  toMs?: number;
  /** Rows asked for per request; default LOG_PAGE_SIZE. */
  pageSize?: number;
  /** Instants so crowded with logs that IPS may not have given them all (more than its largest answer). */
  onCrowded?: (instants: readonly number[]) => void;
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
  if (state.crowdedInstants.length > 0) window.onCrowded?.(state.crowdedInstants);
  return [...state.logs.values()];
}
