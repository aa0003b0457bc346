// Ordering job logs for `logs --sort`: by the words of the table's headers or by IPS field names.
import type { JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';
import { logStatus, statusRank } from './log-status.js';
import { jobTypeFromLogType } from './log-type.js';
import type { FailOn } from './outcome.js';
import { fieldSortParser, sortByKey, type FieldSort, type SortKey } from './stable-sort.js';

/** JobLog fields by IPS name, plus three derived values: `duration`, `jobType` and `status`. */
type LogSortField =
  | 'jobName'
  | 'originalJobName'
  | 'submitUserEmail'
  | 'logType'
  | 'jobSubType'
  | 'startDate'
  | 'endDate'
  | 'description'
  | 'jobHandle'
  | 'companyHandle'
  | 'fileSuccessCount'
  | 'fileErrorCount'
  | 'fileWarningCount'
  | 'fileDuplicateCount'
  | 'fileUpdateCount'
  | 'totalFileCount'
  | 'transferSuccessCount'
  | 'transferErrorCount'
  | 'transferWarningCount'
  | 'detailTotalRows'
  | 'duration'
  | 'jobType'
  | 'status';

export type LogSortSpec = FieldSort<LogSortField>;

/** `logs` with no --sort: newest first. */
export const DEFAULT_LOG_SORT: LogSortSpec = { field: 'startDate', descending: true };

const IPS_FIELDS: readonly LogSortField[] = [
  'jobName',
  'originalJobName',
  'submitUserEmail',
  'logType',
  'jobSubType',
  'startDate',
  'endDate',
  'description',
  'jobHandle',
  'companyHandle',
  'fileSuccessCount',
  'fileErrorCount',
  'fileWarningCount',
  'fileDuplicateCount',
  'fileUpdateCount',
  'totalFileCount',
  'transferSuccessCount',
  'transferErrorCount',
  'transferWarningCount',
  'detailTotalRows',
  'jobType',
];

// The words users see in the table (its column ids), for `--sort`; IPS field names are taken too.
const FIELD_BY_WORD: ReadonlyArray<readonly [string, LogSortField]> = [
  ['started', 'startDate'],
  ['ended', 'endDate'],
  ['duration', 'duration'],
  ['name', 'jobName'],
  ['type', 'jobType'],
  ['user', 'submitUserEmail'],
  ['errors', 'fileErrorCount'],
  ['warnings', 'fileWarningCount'],
  ['files', 'totalFileCount'],
  ['successes', 'fileSuccessCount'],
  ['duplicates', 'fileDuplicateCount'],
  ['updates', 'fileUpdateCount'],
  ['status', 'status'],
  ['handle', 'jobHandle'],
  ['logtype', 'logType'],
  ['subtype', 'jobSubType'],
];

/** The words `logs --sort` takes besides IPS field names (docs/usage.md lists them all). */
export const LOG_SORT_WORDS: readonly string[] = FIELD_BY_WORD.map(([word]) => word);

const FIELD_BY_NAME: ReadonlyMap<string, LogSortField> = new Map<string, LogSortField>([
  ...FIELD_BY_WORD,
  ...IPS_FIELDS.map((field): [string, LogSortField] => [field, field]),
]);

/** Every word `logs --sort` takes: the table's words, then IPS field names. */
export const LOG_SORT_FIELDS: readonly string[] = [...FIELD_BY_NAME.keys()];

export { SortFieldError as LogSortSpecError } from './stable-sort.js';

/** Reads `field` or `-field` (descending), case-insensitively. */
export const parseLogSortSpec: (text: string) => LogSortSpec = fieldSortParser(FIELD_BY_NAME);

// getJobLogs' own sortBy values (Adobe's IPS API reference lists JobName, LogType, StartDate, CompanyName, UserId,
// Email, FileErrorCount, FileWarningCount and FileSuccessCount) for the fields IPS orders as we do: instants and counts. IPS can also
// order by JobName, LogType and Email, but text its own way (batch-10 before batch-9, Bea before abe), not ours
// (natural and case-insensitive): a numRows cap would keep IPS's first rows, not the first rows we show. Text is
// sorted here over the whole window, then cut.
const SERVER_SORT_BY: Partial<Record<LogSortField, string>> = {
  startDate: 'StartDate',
  fileErrorCount: 'FileErrorCount',
  fileWarningCount: 'FileWarningCount',
  fileSuccessCount: 'FileSuccessCount',
};

/** The getJobLogs sortBy/sortDirection doing the same order, when IPS does it as we do (so a numRows cap keeps the right rows). */
export function serverLogSort(spec: LogSortSpec): { sortBy: string; sortDirection: 'Ascending' | 'Descending' } | undefined {
  const sortBy = SERVER_SORT_BY[spec.field];
  return sortBy === undefined ? undefined : { sortBy, sortDirection: spec.descending ? 'Descending' : 'Ascending' };
}

function sortKey(log: JobLog, field: LogSortField, failOn: FailOn): SortKey {
  switch (field) {
    case 'startDate':
    case 'endDate':
      return parseIso(log[field]);
    case 'duration': {
      const start = parseIso(log.startDate);
      const end = parseIso(log.endDate);
      return start === undefined || end === undefined ? undefined : end - start;
    }
    case 'jobType':
      return jobTypeFromLogType(log.logType);
    case 'status':
      return statusRank(logStatus(log, failOn));
    default: {
      const raw = log[field];
      if (typeof raw === 'number') return Number.isNaN(raw) ? undefined : raw;
      return raw === '' ? undefined : raw;
    }
  }
}

/** A new, stably sorted array; logs lacking the field go last whichever the direction. */
export function sortLogs(logs: readonly JobLog[], spec: LogSortSpec, failOn: FailOn): JobLog[] {
  return sortByKey(logs, (log) => sortKey(log, spec.field, failOn), spec.descending);
}
