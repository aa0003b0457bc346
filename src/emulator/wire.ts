// Typed IPS objects → objects node-soap serialises. node-soap writes keys in object order and does not reorder
// by schema, so every builder lists fields in the 2014-04-03 sequence order; arrays become `{ items: [...] }`.
import {
  JOB_DETAIL_ELEMENTS,
  type ActiveJob,
  type Company,
  type CompanyMembership,
  type JobLog,
  type JobLogDetail,
  type ScheduledJob,
  type TaskProgress,
} from '../ips/types.js';

type Wire = Record<string, unknown>;

/** Copies `keys` of `source` in that order, skipping undefined (absent optional elements). */
function ordered(source: object, keys: readonly string[]): Wire {
  const out: Wire = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const items = (list: readonly unknown[]): Wire => (list.length === 0 ? {} : { items: list });

/** The job-detail elements in schema order; an upload's urlArray (a plain array in the model) as its `items`. */
function details(job: object): Wire {
  const out = ordered(job, JOB_DETAIL_ELEMENTS);
  const upload = out.uploadUrlsJob as Wire | undefined;
  if (upload && Array.isArray(upload.urlArray)) out.uploadUrlsJob = { ...upload, urlArray: items(upload.urlArray) };
  return out;
}

function taskProgress(task: TaskProgress): Wire {
  return {
    ...ordered(task, ['taskType', 'taskState', 'numProcessed', 'numProcessing', 'numPending', 'progress', 'progressMessage', 'lastProgressUpdate']),
    taskItemProgressArray: items(task.taskItemProgressArray.map((item) => ordered(item, ['itemName', 'progress', 'progressMessage', 'lastProgressUpdate']))),
  };
}

export function wireActiveJob(job: ActiveJob): Wire {
  return {
    ...ordered(job, [
      'companyHandle', 'jobHandle', 'name', 'originalName', 'type', 'state', 'submitUserEmail', 'locale', 'description',
      'serverName', 'startDate', 'triggerTime', 'totalSize', 'progress', 'progressMessage', 'lastProgressUpdate',
    ]),
    taskProgressArray: items(job.taskProgressArray.map(taskProgress)),
    ...details(job),
  };
}

export function wireScheduledJob(job: ScheduledJob): Wire {
  return {
    ...ordered(job, [
      'companyHandle', 'jobHandle', 'name', 'originalName', 'type', 'submitUserEmail', 'locale', 'description',
      'execSchedule', 'nextFireTime', 'timeZone', 'triggerState',
    ]),
    ...details(job),
  };
}

function wireDetail(detail: JobLogDetail): Wire {
  const aux = detail.auxArray.map((a) => ordered(a, ['logMessage', 'logType', 'dateCreated']));
  return {
    ...ordered(detail, ['logMessage', 'logType', 'dateCreated', 'assetName', 'assetType', 'assetHandle']),
    ...(aux.length > 0 ? { auxArray: { items: aux } } : {}),
  };
}

/** withDetails: getJobLogDetails (detailTotalRows + detailArray); getJobLogs sends summaries only. */
export function wireJobLog(log: JobLog, withDetails: boolean): Wire {
  const summary = ordered(log, [
    'companyHandle', 'jobHandle', 'jobName', 'originalJobName', 'submitUserEmail', 'logType', 'jobSubType', 'startDate', 'endDate',
    'description', 'fileSuccessCount', 'fileErrorCount', 'fileWarningCount', 'fileDuplicateCount', 'fileUpdateCount', 'totalFileCount',
    'transferSuccessCount', 'transferErrorCount', 'transferWarningCount', 'fatalError',
  ]);
  if (!withDetails) return summary;
  return { ...summary, detailTotalRows: log.detailTotalRows ?? log.detailArray.length, detailArray: items(log.detailArray.map(wireDetail)) };
}

export function wireCompany(company: Company): Wire {
  return ordered(company, ['companyHandle', 'name', 'rootPath', 'expires', 'imsOrgId']);
}

export function wireMembership(membership: CompanyMembership): Wire {
  return { company: wireCompany(membership.company ?? {}), role: membership.role, isActive: membership.isActive };
}

export { items as wireArray };
