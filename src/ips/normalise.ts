// Raw node-soap objects → typed IPS objects. Every field is treated as optional, whatever the
// schema says; arrays are always arrays; dates stay the server's strings; unknown values are kept.
import {
  JOB_DETAIL_ELEMENTS,
  type ActiveJob,
  type Company,
  type CompanyMembership,
  type JobLog,
  type JobLogDetail,
  type JobLogDetailAux,
  type ScheduledJob,
  type TaskItemProgress,
  type TaskProgress,
} from './types.js';

type Raw = Record<string, unknown>;

function record(value: unknown): Raw | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** node-soap puts text next to attributes under `$value`. */
function scalar(value: unknown): unknown {
  const obj = record(value);
  return obj && '$value' in obj ? obj.$value : value;
}

export function text(value: unknown): string | undefined {
  const v = scalar(value);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

export function number(value: unknown): number | undefined {
  const v = scalar(value);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  const v = scalar(value);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** An IPS `…Array` wrapper (`{ items: [...] }`, `{ items: {...} }`, null, '') → a plain array. */
export function items<T>(wrapper: unknown, each: (raw: Raw) => T): T[] {
  const list = record(wrapper)?.items;
  if (list === undefined || list === null) return [];
  const array = Array.isArray(list) ? list : [list];
  const out: T[] = [];
  for (const item of array) {
    const obj = record(item);
    if (obj) out.push(each(obj));
  }
  return out;
}

/** Drops undefined fields so JSON output and equality checks see only what the server sent. */
function compact<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as Array<keyof T>) {
    if (obj[key] === undefined) delete obj[key];
  }
  return obj;
}

/** Job-detail blocks: kept as plain data (strings, numbers, booleans, nested objects and arrays). */
function plain(value: unknown): unknown {
  const v = scalar(value);
  if (Array.isArray(v)) return v.map(plain);
  const obj = record(v);
  if (obj) {
    const out: Raw = {};
    for (const [key, inner] of Object.entries(obj)) {
      if (key === 'attributes' || key === '$attributes') continue;
      out[key] = plain(inner);
    }
    return out;
  }
  if (v === null || v === undefined) return {};
  return v;
}

function jobDetails(raw: Raw, target: Raw): void {
  for (const name of JOB_DETAIL_ELEMENTS) {
    if (raw[name] !== undefined && raw[name] !== null) target[name] = plain(raw[name]);
  }
}

export function taskItemProgress(raw: Raw): TaskItemProgress {
  return compact({
    itemName: text(raw.itemName),
    progress: number(raw.progress),
    progressMessage: text(raw.progressMessage),
    lastProgressUpdate: text(raw.lastProgressUpdate),
  });
}

export function taskProgress(raw: Raw): TaskProgress {
  return compact({
    taskType: text(raw.taskType),
    taskState: text(raw.taskState),
    numProcessed: number(raw.numProcessed),
    numProcessing: number(raw.numProcessing),
    numPending: number(raw.numPending),
    progress: number(raw.progress),
    progressMessage: text(raw.progressMessage),
    lastProgressUpdate: text(raw.lastProgressUpdate),
    taskItemProgressArray: items(raw.taskItemProgressArray, taskItemProgress),
  });
}

export function activeJob(raw: Raw): ActiveJob {
  const job: ActiveJob = compact({
    companyHandle: text(raw.companyHandle),
    jobHandle: text(raw.jobHandle),
    name: text(raw.name),
    originalName: text(raw.originalName),
    type: text(raw.type),
    state: text(raw.state),
    submitUserEmail: text(raw.submitUserEmail),
    locale: text(raw.locale),
    description: text(raw.description),
    serverName: text(raw.serverName),
    startDate: text(raw.startDate),
    triggerTime: text(raw.triggerTime),
    totalSize: number(raw.totalSize),
    progress: number(raw.progress),
    progressMessage: text(raw.progressMessage),
    lastProgressUpdate: text(raw.lastProgressUpdate),
    taskProgressArray: items(raw.taskProgressArray, taskProgress),
  });
  jobDetails(raw, job as unknown as Raw);
  return job;
}

export function scheduledJob(raw: Raw): ScheduledJob {
  const job: ScheduledJob = compact({
    companyHandle: text(raw.companyHandle),
    jobHandle: text(raw.jobHandle),
    name: text(raw.name),
    originalName: text(raw.originalName),
    type: text(raw.type),
    submitUserEmail: text(raw.submitUserEmail),
    locale: text(raw.locale),
    description: text(raw.description),
    execSchedule: text(raw.execSchedule),
    nextFireTime: text(raw.nextFireTime),
    timeZone: text(raw.timeZone),
    triggerState: text(raw.triggerState),
  });
  jobDetails(raw, job as unknown as Raw);
  delete (job as Raw).uploadPostJob;
  return job;
}

export function jobLogDetailAux(raw: Raw): JobLogDetailAux {
  return compact({
    logMessage: text(raw.logMessage),
    logType: text(raw.logType),
    dateCreated: text(raw.dateCreated),
  });
}

export function jobLogDetail(raw: Raw): JobLogDetail {
  return compact({
    logMessage: text(raw.logMessage),
    logType: text(raw.logType),
    dateCreated: text(raw.dateCreated),
    assetName: text(raw.assetName),
    assetType: text(raw.assetType),
    assetHandle: text(raw.assetHandle),
    auxArray: items(raw.auxArray, jobLogDetailAux),
  });
}

export function jobLog(raw: Raw): JobLog {
  return compact({
    companyHandle: text(raw.companyHandle),
    jobHandle: text(raw.jobHandle),
    jobName: text(raw.jobName),
    originalJobName: text(raw.originalJobName),
    submitUserEmail: text(raw.submitUserEmail),
    logType: text(raw.logType),
    jobSubType: text(raw.jobSubType),
    startDate: text(raw.startDate),
    endDate: text(raw.endDate),
    description: text(raw.description),
    fileSuccessCount: number(raw.fileSuccessCount),
    fileErrorCount: number(raw.fileErrorCount),
    fileWarningCount: number(raw.fileWarningCount),
    fileDuplicateCount: number(raw.fileDuplicateCount),
    fileUpdateCount: number(raw.fileUpdateCount),
    totalFileCount: number(raw.totalFileCount),
    transferSuccessCount: number(raw.transferSuccessCount),
    transferErrorCount: number(raw.transferErrorCount),
    transferWarningCount: number(raw.transferWarningCount),
    fatalError: bool(raw.fatalError),
    detailTotalRows: number(raw.detailTotalRows),
    detailArray: items(raw.detailArray, jobLogDetail),
  });
}

export function company(raw: Raw): Company {
  return compact({
    companyHandle: text(raw.companyHandle),
    name: text(raw.name),
    rootPath: text(raw.rootPath),
    expires: text(raw.expires),
    imsOrgId: text(raw.imsOrgId),
  });
}

export function companyMembership(raw: Raw): CompanyMembership {
  const inner = record(raw.company);
  return compact({
    company: inner ? company(inner) : undefined,
    role: text(raw.role),
    isActive: bool(raw.isActive),
  });
}

export { record };
