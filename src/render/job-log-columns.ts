// The columns of `logs`: job logs as the web UI's History tab shows them (table, wide) and by IPS field name (csv/tsv).
import type { JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { formatDuration } from '../text/duration.js';
import { logStatus, type LogStatus } from '../jobs/log-status.js';
import { jobTypeFromLogType } from '../jobs/log-type.js';
import type { FailOn } from '../jobs/outcome.js';
import type { Palette, Style } from './palette.js';
import type { RecordColumn } from './records.js';
import { formatTimestamp } from './relative-time.js';

export interface JobLogColumns {
  /** Every table column, for --columns. */
  all: readonly RecordColumn<JobLog>[];
  table: readonly RecordColumn<JobLog>[];
  wide: readonly RecordColumn<JobLog>[];
  /** csv/tsv: IPS field names, plus the derived jobType and status. */
  delimited: readonly RecordColumn<JobLog>[];
  rowStyle(log: JobLog, palette: Palette): Style | undefined;
}

function count(value: number | undefined): string {
  return value === undefined ? '-' : String(value);
}

function raw(value: string | number | boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

function durationMs(log: JobLog): number | undefined {
  const start = parseIso(log.startDate);
  const end = parseIso(log.endDate);
  return start === undefined || end === undefined ? undefined : end - start;
}

export function statusStyle(status: LogStatus, palette: Palette): Style | undefined {
  if (status === 'failed') return palette.error;
  if (status === 'with warnings') return palette.warn;
  return undefined;
}

type Numeric = 'totalFileCount' | 'fileSuccessCount' | 'fileWarningCount' | 'fileErrorCount' | 'fileDuplicateCount' | 'fileUpdateCount' | 'transferSuccessCount' | 'transferWarningCount' | 'transferErrorCount';

function countColumn(id: string, header: string, field: Numeric, dropOrder?: number): RecordColumn<JobLog> {
  return { id, header, field, align: 'right', minWidth: header.length, dropOrder, text: (log) => count(log[field]), value: (log) => raw(log[field]) };
}

function textColumn(
  id: string,
  header: string,
  field: 'jobName' | 'originalJobName' | 'submitUserEmail' | 'jobHandle' | 'logType' | 'jobSubType' | 'description' | 'companyHandle',
  layout: Pick<RecordColumn<JobLog>, 'shrinkOrder' | 'dropOrder' | 'minWidth' | 'identifies' | 'cutOrder'> = {},
): RecordColumn<JobLog> {
  return { id, header, field, ...layout, text: (log) => log[field] || '-', value: (log) => raw(log[field]) };
}

function dateColumn(id: string, header: string, field: 'startDate' | 'endDate', dropOrder?: number): RecordColumn<JobLog> {
  return { id, header, field, minWidth: 16, dropOrder, text: (log) => formatTimestamp(log[field]), value: (log) => raw(log[field]) };
}

/** The column registry for one --fail-on rule (it decides the status). */
export function jobLogColumns(failOn: FailOn): JobLogColumns {
  const status = (log: JobLog) => logStatus(log, failOn);
  const type: RecordColumn<JobLog> = {
    id: 'type',
    header: 'TYPE',
    field: 'jobType',
    dropOrder: 8,
    text: (log) => jobTypeFromLogType(log.logType) ?? '-',
    value: (log) => jobTypeFromLogType(log.logType) ?? '',
  };
  const statusColumn: RecordColumn<JobLog> = {
    id: 'status',
    header: 'STATUS',
    field: 'status',
    text: status,
    style: (log, palette) => statusStyle(status(log), palette),
  };
  const duration: RecordColumn<JobLog> = {
    id: 'duration',
    header: 'DURATION',
    field: 'duration',
    align: 'right',
    dropOrder: 7,
    text: (log) => {
      const ms = durationMs(log);
      return ms === undefined ? '-' : formatDuration(ms);
    },
    value: (log) => raw(durationMs(log)),
  };
  const startedDropOrder = 9;
  // The name tells runs apart: columns leave before it is cut (but STARTED), and it is cut in the middle.
  const name = textColumn('name', 'NAME', 'jobName', { shrinkOrder: 2, minWidth: 12, identifies: true, cutOrder: startedDropOrder });
  const original = textColumn('original', 'ORIGINAL NAME', 'originalJobName', { shrinkOrder: 3, minWidth: 12, dropOrder: 3 });
  const started = dateColumn('started', 'STARTED', 'startDate', startedDropOrder);
  const ended = dateColumn('ended', 'ENDED', 'endDate', 4);
  const files = countColumn('files', 'FILES', 'totalFileCount');
  const successes = countColumn('successes', 'OK', 'fileSuccessCount', 6);
  const warnings = countColumn('warnings', 'W', 'fileWarningCount');
  const errors = countColumn('errors', 'E', 'fileErrorCount');
  const user = textColumn('user', 'USER', 'submitUserEmail', { shrinkOrder: 4, minWidth: 10, dropOrder: 6 });
  const handle = textColumn('handle', 'HANDLE', 'jobHandle', { shrinkOrder: 5, minWidth: 12, dropOrder: 2 });
  const logType = textColumn('logtype', 'LOG TYPE', 'logType', { dropOrder: 4 });
  const subtype = textColumn('subtype', 'SUBTYPE', 'jobSubType', { dropOrder: 3 });
  const description = textColumn('description', 'DESCRIPTION', 'description', { shrinkOrder: 1, minWidth: 12, dropOrder: 1 });
  const duplicates = countColumn('duplicates', 'DUP', 'fileDuplicateCount', 5);
  const updates = countColumn('updates', 'UPD', 'fileUpdateCount', 5);
  const transferred = countColumn('transferred', 'XFER', 'transferSuccessCount', 5);
  const transferWarnings = countColumn('transfer-warnings', 'XFER W', 'transferWarningCount', 5);
  const transferErrors = countColumn('transfer-errors', 'XFER E', 'transferErrorCount', 5);

  const table = [type, name, started, duration, files, successes, warnings, errors, statusColumn, user];
  const wide = [...table, handle, logType, subtype, description, duplicates, updates, transferred, transferWarnings, transferErrors];

  const ipsText = (field: Parameters<typeof textColumn>[2], id: string = field) => ({ ...textColumn(id, field, field), text: (log: JobLog) => raw(log[field]) });
  const ipsCount = (field: Numeric, id: string = field) => countColumn(id, field, field);
  const delimited: RecordColumn<JobLog>[] = [
    ipsText('companyHandle'),
    ipsText('jobHandle', 'handle'),
    ipsText('jobName', 'name'),
    ipsText('originalJobName', 'original'),
    ipsText('submitUserEmail', 'user'),
    ipsText('logType', 'logtype'),
    { ...type, id: 'type', header: 'jobType', text: type.value! },
    ipsText('jobSubType', 'subtype'),
    { ...started, header: 'startDate', text: started.value! },
    { ...ended, header: 'endDate', text: ended.value! },
    ipsText('description'),
    ipsCount('fileSuccessCount', 'successes'),
    ipsCount('fileErrorCount', 'errors'),
    ipsCount('fileWarningCount', 'warnings'),
    ipsCount('fileDuplicateCount', 'duplicates'),
    ipsCount('fileUpdateCount', 'updates'),
    ipsCount('totalFileCount', 'files'),
    ipsCount('transferSuccessCount', 'transferred'),
    ipsCount('transferErrorCount', 'transfer-errors'),
    ipsCount('transferWarningCount', 'transfer-warnings'),
    { id: 'fatalError', header: 'fatalError', field: 'fatalError', text: (log) => raw(log.fatalError) },
    { ...statusColumn, header: 'status' },
  ];

  return {
    all: [...wide, original, ended],
    table,
    wide,
    delimited,
    rowStyle: (log, palette) => statusStyle(status(log), palette),
  };
}
