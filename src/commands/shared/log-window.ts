// The job logs of a time window, read for `stats` and `timeline`.
import type { JobLog } from '../../ips/types.js';
import type { Session } from './session.js';

/**
 * Every job log of jobs started in [fromMs, toMs] (to now without toMs). A placeholder of one getJobLogs call, as
 * `logs` makes: the `stats` branch brings the version that reads the window page by page (calling `onPage` with the
 * logs read so far).
 */
export async function readLogWindow(session: Session, window: { fromMs: number; toMs?: number }, onPage?: (logsSoFar: number) => void): Promise<JobLog[]> {
  const logs = await session.client.getJobLogs({
    companyHandle: session.company?.companyHandle,
    startDate: new Date(window.fromMs).toISOString(),
    ...(window.toMs === undefined ? {} : { endDate: new Date(window.toMs).toISOString() }),
  });
  onPage?.(logs.length);
  return logs;
}
