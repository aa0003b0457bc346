// One word for how a logged job went, as the History tab shows it: succeeded, with warnings, failed — or running
// while its log has no end date yet.
import type { JobLog } from '../ips/types.js';
import { isFinishedLog, outcomeFromLog, type FailOn } from './outcome.js';

export type LogStatus = 'succeeded' | 'with warnings' | 'failed' | 'running';

/** `--fail-on` decides between failed and with warnings; a fatal or …Failure log has failed even before its end date. */
export function logStatus(log: JobLog, failOn: FailOn): LogStatus {
  const { outcome } = outcomeFromLog(log, failOn);
  const definitelyFailed = log.fatalError === true || /failure$/i.test(log.logType ?? '');
  if (!isFinishedLog(log) && !definitelyFailed) return 'running';
  if (outcome === 'failed') return 'failed';
  return outcome === 'succeeded_with_warnings' ? 'with warnings' : 'succeeded';
}

/** Whether the log reports anything to look at: a warning, a file error, a fatal error, or a failure. */
export function hasFindings(log: JobLog, failOn: FailOn): boolean {
  return (log.fileWarningCount ?? 0) > 0 || (log.fileErrorCount ?? 0) > 0 || log.fatalError === true || logStatus(log, failOn) === 'failed';
}

/** Sort rank, best first: succeeded, running, with warnings, failed. */
export function statusRank(status: LogStatus): number {
  return ['succeeded', 'running', 'with warnings', 'failed'].indexOf(status);
}
