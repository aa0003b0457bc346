// Job logs derived from a job's plan at a virtual time: summary counts plus one detail row per event/file.
import type { JobLog, JobLogDetail } from '../ips/types.js';
import { formatIso } from './clock.js';
import { endedByFailure, fileDoneAt, filesDone, jobEndAt, type EmulatedJob, type PlannedFile } from './lifecycle.js';

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

/** The job's log as it stands at virtual time t (in progress: `Begin…` and no endDate). */
export function buildJobLog(rec: EmulatedJob, t: number, offsetMinutes: number): JobLog {
  const { job, plan } = rec;
  const iso = (ms: number): string => formatIso(ms, offsetMinutes);
  const prefix = logPrefix(job.type);
  const endAt = jobEndAt(plan);
  const finished = t >= endAt;
  const ran = plan.runAt <= Math.min(t, plan.stop?.requestedAt ?? Infinity);
  const done = filesDone(plan, t);
  const files = plan.files.slice(0, done);
  const rows: JobLogDetail[] = [
    { logMessage: job.originalName ?? '', logType: 'OriginalJobName', dateCreated: iso(plan.triggerAt), auxArray: [] },
    { logMessage: job.serverName ?? '', logType: 'JobClient', dateCreated: iso(plan.triggerAt), auxArray: [] },
    { logMessage: job.type ?? '', logType: 'JobType', dateCreated: iso(plan.triggerAt), auxArray: [] },
  ];
  if (ran) {
    rows.push({ logMessage: `${job.type} job has begun`, logType: `Begin${prefix}`, dateCreated: iso(plan.runAt), auxArray: [] });
    rows.push({ logMessage: String(plan.files.length), logType: 'TotalFileCount', dateCreated: iso(plan.runAt), auxArray: [] });
  }
  files.forEach((file, i) => rows.push(fileRow(prefix, file, iso(fileDoneAt(plan, i)))));
  const failed = finished && endedByFailure(plan);
  const stopped = finished && !failed && plan.stop !== undefined && plan.stop.requestedAt < endAt;
  if (failed) rows.push({ logMessage: plan.fatalMessage ?? 'Fatal error', logType: 'FatalError', dateCreated: iso(endAt), auxArray: [] });
  if (stopped && plan.stop) rows.push({ logMessage: `Job stopped by ${plan.stop.by}`, logType: 'FileCancel', dateCreated: iso(plan.stop.requestedAt), auxArray: [] });
  if (finished) rows.push({ logMessage: `${job.type} job has ended`, logType: `End${prefix}`, dateCreated: iso(endAt), auxArray: [] });

  const count = (result: PlannedFile['result']): number => files.filter((f) => f.result === result).length;
  const [success, warnings, errors, duplicates, updates] = (['success', 'warning', 'error', 'duplicate', 'update'] as const).map(count) as [number, number, number, number, number];
  const logType = !finished
    ? `Begin${prefix}`
    : failed || stopped
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
    startDate: iso(ran ? plan.runAt : plan.triggerAt),
    ...(finished ? { endDate: iso(endAt) } : {}),
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
    fatalError: failed,
    detailTotalRows: rows.length,
    detailArray: rows,
  };
}
