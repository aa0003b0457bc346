// What a finished job's log says about it: succeeded, succeeded with warnings, or failed.
import type { JobLog } from '../ips/types.js';
import { plural } from '../text/plural.js';

/** Which findings fail a job: only a fatal error, also file errors (default), or warnings too. */
export type FailOn = 'fatal' | 'error' | 'warning';
export const FAIL_ON: readonly FailOn[] = ['fatal', 'error', 'warning'];

export type LogOutcome = 'succeeded' | 'succeeded_with_warnings' | 'failed';

interface LogCounts {
  total: number;
  success: number;
  error: number;
  warning: number;
  duplicate: number;
}

export interface JobResult {
  outcome: LogOutcome;
  /** A few words for people, e.g. `42 file errors`, `fatal error`, `120 files`. */
  reason: string;
  counts: LogCounts;
  startDate?: string;
  endDate?: string;
}

/** A log describes a finished job once it has an end date (a running job's log has none yet). */
export function isFinishedLog(log: JobLog): boolean {
  return log.endDate !== undefined && log.endDate !== '';
}

function countsOf(log: JobLog): LogCounts {
  return {
    total: log.totalFileCount ?? 0,
    success: log.fileSuccessCount ?? 0,
    error: log.fileErrorCount ?? 0,
    warning: log.fileWarningCount ?? 0,
    duplicate: log.fileDuplicateCount ?? 0,
  };
}

export function outcomeFromLog(log: JobLog, failOn: FailOn): JobResult {
  const counts = countsOf(log);
  const dates = { startDate: log.startDate, endDate: log.endDate };
  const failed = (reason: string): JobResult => ({ outcome: 'failed', reason, counts, ...dates });
  if (log.fatalError === true) return failed(counts.error > 0 ? `fatal error, ${plural(counts.error, 'file error')}` : 'fatal error');
  // A stopped or otherwise failed job logs a …Failure type even without a fatal error.
  if (/failure$/i.test(log.logType ?? '')) return failed(`ended as ${log.logType}`);
  if (failOn !== 'fatal' && counts.error > 0) return failed(plural(counts.error, 'file error'));
  if (failOn === 'warning' && counts.warning > 0) return failed(plural(counts.warning, 'file warning'));
  if (counts.error > 0 || counts.warning > 0) {
    const findings = [counts.error > 0 ? plural(counts.error, 'file error') : '', counts.warning > 0 ? plural(counts.warning, 'warning') : '']
      .filter(Boolean)
      .join(', ');
    return { outcome: 'succeeded_with_warnings', reason: `${findings} in ${plural(counts.total, 'file')}`, counts, ...dates };
  }
  return { outcome: 'succeeded', reason: plural(counts.total, 'file'), counts, ...dates };
}
