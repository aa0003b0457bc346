// Job logs derived from a job's plan at a virtual time: summary counts plus one detail row per event/file.
import type { JobLog, JobLogDetail } from '../ips/types.js';
import { formatIso } from './clock.js';
import { endedByFailure, fileDoneAt, filesDone, jobEndAt, stoppedEarly, type EmulatedJob, type PlannedFile } from './lifecycle.js';

/** Log-type prefix per job type (Adobe's Job Log Types: BeginUpload, UploadSuccess, ImageServingPublishSuccess…). */
export function logPrefix(type: string | undefined): string {
  switch (type) {
    case 'UploadFromServerDirectory':
      return 'Upload';
    case 'UrlUpload':
      return 'UploadUrls';
    case 'MetadataUpload':
      return 'Metadata';
    case 'ImageOptimization':
      return 'Reoptimize';
    default:
      return type ?? 'Job';
  }
}

const SUB_TYPES: Record<string, string> = { Full: 'full', Incremental: 'increment', FullWithSearch: 'fullwithsearch' };

function fileRow(prefix: string, file: PlannedFile, at: string): JobLogDetail {
  const asset = { assetName: file.name, assetType: file.assetType, assetHandle: file.assetHandle };
  const aux = (logType: string) => [{ logMessage: file.note ?? '', logType, dateCreated: at }];
  switch (file.result) {
    case 'warning':
      return { logMessage: `${file.name} was processed with warnings`, logType: `${prefix}Warning`, dateCreated: at, ...asset, auxArray: aux('IPSJobLog.gcUploadWarning') };
    case 'error':
      return { logMessage: `${file.name} could not be processed`, logType: `${prefix}Error`, dateCreated: at, ...asset, auxArray: aux('IPSJobLog.gcUploadError') };
    case 'duplicate':
      return { logMessage: `${file.name} is a duplicate of an existing asset and was skipped`, logType: 'DuplicateSkipped', dateCreated: at, ...asset, auxArray: [] };
    case 'update':
      return { logMessage: `${file.name} was processed into IPS (existing asset updated)`, logType: 'FileUpdated', dateCreated: at, ...asset, auxArray: [] };
    default:
      return { logMessage: `${file.name} was processed into IPS`, logType: `${prefix}Success`, dateCreated: at, ...asset, auxArray: [] };
  }
}

/** Where the job stands at virtual time t, as its log tells it. */
interface LogMoment {
  iso: (ms: number) => string;
  prefix: string;
  endAt: number;
  /** Done: the log is final. */
  finished: boolean;
  /** Started running (before any stop request). */
  ran: boolean;
  /** The files done so far. */
  files: PlannedFile[];
  /** Ended by its fatal error. */
  failed: boolean;
  /** Ended by a stop request. */
  stopped: boolean;
}

function logMoment(rec: EmulatedJob, t: number, offsetMinutes: number, endWritten: boolean): LogMoment {
  const { job, plan } = rec;
  const endAt = jobEndAt(plan);
  const finished = endWritten && t >= endAt;
  const failed = finished && endedByFailure(plan);
  return {
    iso: (ms) => formatIso(ms, offsetMinutes),
    prefix: logPrefix(job.type),
    endAt,
    finished,
    ran: plan.runAt <= Math.min(t, plan.stop?.requestedAt ?? Infinity),
    files: plan.files.slice(0, filesDone(plan, t)),
    failed,
    stopped: finished && !failed && stoppedEarly(plan),
  };
}

/** The detail rows: the job's facts, its begin and file count once it ran, a row per file done, then how it ended. */
function detailRows({ job, plan }: EmulatedJob, at: LogMoment): JobLogDetail[] {
  const { iso, prefix, endAt } = at;
  const rows: JobLogDetail[] = [
    { logMessage: job.originalName ?? '', logType: 'OriginalJobName', dateCreated: iso(plan.triggerAt), auxArray: [] },
    { logMessage: job.serverName ?? '', logType: 'JobClient', dateCreated: iso(plan.triggerAt), auxArray: [] },
    { logMessage: job.type ?? '', logType: 'JobType', dateCreated: iso(plan.triggerAt), auxArray: [] },
  ];
  if (at.ran) {
    rows.push({ logMessage: `${job.type} job has begun`, logType: `Begin${prefix}`, dateCreated: iso(plan.runAt), auxArray: [] });
    rows.push({ logMessage: String(plan.files.length), logType: 'TotalFileCount', dateCreated: iso(plan.runAt), auxArray: [] });
  }
  at.files.forEach((file, i) => rows.push(fileRow(prefix, file, iso(fileDoneAt(plan, i)))));
  if (at.failed) rows.push({ logMessage: plan.fatalMessage ?? 'Fatal error', logType: 'FatalError', dateCreated: iso(endAt), auxArray: [] });
  if (at.stopped && plan.stop) rows.push({ logMessage: `Job stopped by ${plan.stop.by}`, logType: 'FileCancel', dateCreated: iso(plan.stop.requestedAt), auxArray: [] });
  if (at.finished) rows.push({ logMessage: `${job.type} job has ended`, logType: `End${prefix}`, dateCreated: iso(endAt), auxArray: [] });
  return rows;
}

/**
 * The job's log as it stands at virtual time t (in progress: `Begin…` and no endDate). `endWritten: false`: a job that
 * is over but whose end is not in its log yet (logEndDelayMs): every file it got through, and still no end.
 */
export function buildJobLog(rec: EmulatedJob, t: number, offsetMinutes: number, endWritten = true): JobLog {
  const { job, plan } = rec;
  const at = logMoment(rec, t, offsetMinutes, endWritten);
  const { iso, prefix, finished } = at;
  const rows = detailRows(rec, at);
  const count = (result: PlannedFile['result']): number => at.files.filter((f) => f.result === result).length;
  const [success, warnings, errors, duplicates, updates] = (['success', 'warning', 'error', 'duplicate', 'update'] as const).map(count) as [number, number, number, number, number];
  const logType = !finished
    ? `Begin${prefix}`
    : at.failed || at.stopped
      ? `${prefix}Failure`
      : warnings + errors > 0
        ? `${prefix}Warning`
        : `${prefix}Success`;
  return {
    companyHandle: job.companyHandle,
    jobHandle: job.jobHandle,
    jobName: job.name,
    originalJobName: job.originalName,
    submitUserEmail: job.submitUserEmail,
    logType,
    jobSubType: SUB_TYPES[job.imageServingPublishJob?.publishType ?? ''] ?? '',
    startDate: iso(at.ran ? plan.runAt : plan.triggerAt),
    ...(finished ? { endDate: iso(at.endAt) } : {}),
    description: job.description ?? `${job.type} job ${job.originalName}`,
    fileSuccessCount: success,
    fileErrorCount: errors,
    fileWarningCount: warnings,
    fileDuplicateCount: duplicates,
    fileUpdateCount: updates,
    totalFileCount: plan.files.length,
    transferSuccessCount: success + updates + warnings,
    transferErrorCount: errors,
    transferWarningCount: warnings,
    fatalError: at.failed,
    detailTotalRows: rows.length,
    detailArray: rows,
  };
}
