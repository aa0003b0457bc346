// Which job logs `logs` shows: the filters IPS cannot apply (getJobLogs takes only dates, a user handle and a cap).
import type { JobLog } from '../ips/types.js';
import { globToRegExp } from './glob.js';
import { hasFindings, logStatus } from './log-status.js';
import { jobTypeFromLogType, jobTypeName } from './log-type.js';
import type { FailOn } from './outcome.js';

export interface LogCriteria {
  /** Derived job types, raw log types or `list` job types; case-insensitive; empty or absent = any. */
  types?: string[];
  /** Glob (`*`, `?`) matched against `jobName` or `originalJobName`. */
  name?: string;
  /** Case-insensitive equality with `submitUserEmail`. */
  user?: string;
  /** Only logs that failed by the `failOn` rule. */
  failed?: boolean;
  /** Only logs with warnings, errors or a failure. */
  withWarnings?: boolean;
  failOn: FailOn;
}

/** Whether any criterion narrows the list on our side (then IPS's numRows cap would cut before we filter). */
export function hasClientSideFilter(criteria: LogCriteria): boolean {
  return (criteria.types?.length ?? 0) > 0 || criteria.name !== undefined || criteria.user !== undefined || criteria.failed === true || criteria.withWarnings === true;
}

/** `--type` values: each names a type, a raw log type, or a job type of `list` that logs under another stem. */
function typeMatcher(types: readonly string[]): (log: JobLog) => boolean {
  const wanted = new Set<string>();
  for (const type of types) {
    wanted.add(type.toLowerCase());
    wanted.add((jobTypeName(type) ?? type).toLowerCase());
  }
  return (log) => {
    const derived = jobTypeFromLogType(log.logType);
    return (derived !== undefined && wanted.has(derived.toLowerCase())) || (log.logType !== undefined && wanted.has(log.logType.toLowerCase()));
  };
}

/** The logs meeting every given criterion, in their original order. */
export function filterLogs(logs: readonly JobLog[], criteria: LogCriteria): JobLog[] {
  const typeOk = criteria.types?.length ? typeMatcher(criteria.types) : undefined;
  const namePattern = criteria.name === undefined ? undefined : globToRegExp(criteria.name);
  const user = criteria.user?.toLowerCase();
  return logs.filter((log) => {
    if (typeOk && !typeOk(log)) return false;
    if (namePattern && ![log.jobName, log.originalJobName].some((name) => name !== undefined && namePattern.test(name))) return false;
    if (user !== undefined && log.submitUserEmail?.toLowerCase() !== user) return false;
    if (criteria.failed && logStatus(log, criteria.failOn) !== 'failed') return false;
    if (criteria.withWarnings && !hasFindings(log, criteria.failOn)) return false;
    return true;
  });
}
