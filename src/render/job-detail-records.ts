// `ips-jobs show -o csv|tsv`: an active job as one row per task (or per task item with --items), a
// finished job as one row of its log summary. Header row of IPS field names; values raw.
import type { ActiveJob, JobLog, TaskItemProgress, TaskProgress } from '../ips/types.js';
import { isFinishedLog, outcomeFromLog } from '../jobs/outcome.js';
import type { RecordColumn } from './records.js';

export interface TaskRecord {
  job: ActiveJob;
  task: TaskProgress;
}

export interface TaskItemRecord extends TaskRecord {
  item: TaskItemProgress;
}

function raw(value: string | number | boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

function column<T>(field: string, value: (row: T) => string | number | boolean | undefined): RecordColumn<T> {
  return { id: field, header: field, field, text: (row) => raw(value(row)) };
}

// Each row names its job, so rows of several `show` runs can be concatenated.
function jobColumns<T extends TaskRecord>(): RecordColumn<T>[] {
  return [column<T>('jobHandle', (r) => r.job.jobHandle), column<T>('name', (r) => r.job.name), column<T>('taskType', (r) => r.task.taskType)];
}

export const TASK_RECORD_COLUMNS: readonly RecordColumn<TaskRecord>[] = [
  ...jobColumns<TaskRecord>(),
  column('taskState', (r) => r.task.taskState),
  column('numProcessed', (r) => r.task.numProcessed),
  column('numProcessing', (r) => r.task.numProcessing),
  column('numPending', (r) => r.task.numPending),
  column('progress', (r) => r.task.progress),
  column('progressMessage', (r) => r.task.progressMessage),
  column('lastProgressUpdate', (r) => r.task.lastProgressUpdate),
];

export const TASK_ITEM_RECORD_COLUMNS: readonly RecordColumn<TaskItemRecord>[] = [
  ...jobColumns<TaskItemRecord>(),
  column('taskState', (r) => r.task.taskState),
  column('itemName', (r) => r.item.itemName),
  column('progress', (r) => r.item.progress),
  column('progressMessage', (r) => r.item.progressMessage),
  column('lastProgressUpdate', (r) => r.item.lastProgressUpdate),
];

export const JOB_LOG_SUMMARY_COLUMNS: readonly RecordColumn<JobLog>[] = [
  column('jobHandle', (log) => log.jobHandle),
  column('jobName', (log) => log.jobName),
  column('originalJobName', (log) => log.originalJobName),
  column('logType', (log) => log.logType),
  column('jobSubType', (log) => log.jobSubType),
  column('submitUserEmail', (log) => log.submitUserEmail),
  column('companyHandle', (log) => log.companyHandle),
  column('startDate', (log) => log.startDate),
  column('endDate', (log) => log.endDate),
  column('totalFileCount', (log) => log.totalFileCount),
  column('fileSuccessCount', (log) => log.fileSuccessCount),
  column('fileErrorCount', (log) => log.fileErrorCount),
  column('fileWarningCount', (log) => log.fileWarningCount),
  column('fileDuplicateCount', (log) => log.fileDuplicateCount),
  column('fileUpdateCount', (log) => log.fileUpdateCount),
  column('transferSuccessCount', (log) => log.transferSuccessCount),
  column('transferErrorCount', (log) => log.transferErrorCount),
  column('transferWarningCount', (log) => log.transferWarningCount),
  column('fatalError', (log) => log.fatalError),
  column('description', (log) => log.description),
  // The verdict `wait` would reach (default --fail-on error); empty while the log has no end date.
  column('outcome', (log) => (isFinishedLog(log) ? outcomeFromLog(log, 'error').outcome : undefined)),
];

export function taskRecords(job: ActiveJob): TaskRecord[] {
  return job.taskProgressArray.map((task) => ({ job, task }));
}

export function taskItemRecords(job: ActiveJob): TaskItemRecord[] {
  return job.taskProgressArray.flatMap((task) => task.taskItemProgressArray.map((item) => ({ job, task, item })));
}
