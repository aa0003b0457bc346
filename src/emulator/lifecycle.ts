// Job lifecycle as a pure function of (plan, virtual time): New → Waiting… → Running → (Stopping →) Done.
// Nothing runs on timers; the model re-evaluates jobs whenever the clock is read, so a frozen clock freezes jobs
// and results never depend on when requests happen to arrive.
import type { ActiveJob, TaskItemProgress, TaskProgress } from '../ips/types.js';
import { formatIso } from './clock.js';

/**
 * How a job ends: `success`; `warnings` (files with warnings); `failure` (a fatal error at `failAt`, or with
 * `fatal: false` a completed job with file errors); `stall` (progress freezes at `stallAt`, forever unless `resumeAt`);
 * `vanish` (runs, then drops off the active list while still Running and never gets a job log).
 */
export type JobOutcome = 'success' | 'warnings' | 'failure' | 'stall' | 'vanish';
export type FileResult = 'success' | 'warning' | 'error' | 'duplicate' | 'update';

export interface PlannedFile {
  /** Path as shown in logs, e.g. `DemoCompany/spring26/SKU-10432_main.tif`. */
  name: string;
  assetType: string;
  assetHandle: string;
  /** Bytes. */
  size: number;
  result: FileResult;
  /** Extra message for warnings/errors (goes to the detail's auxArray). */
  note?: string;
}

/** A task of the job, active over a window [from, to] of the job's file progress (0–1). */
export interface PlannedTask {
  taskType: string;
  from: number;
  to: number;
}

export interface JobPlan {
  outcome: JobOutcome;
  /** Queued / trigger fired (ActiveJob.triggerTime); epoch ms. */
  triggerAt: number;
  /** State is `New` until then, `waitState` until runAt. */
  newUntil: number;
  waitState: 'WaitingCoordinator' | 'WaitingClient';
  runAt: number;
  /** Running time for 100 % of the files. */
  durationMs: number;
  /** Fraction of files after which the job dies (outcome failure, unless fatal is false). */
  failAt?: number;
  /** Outcome failure only: false = no fatal error, the job runs to the end with file errors. Default true. */
  fatal?: boolean;
  /** Fraction of the running time after which progress freezes (outcome stall): forever, or until resumeAt. */
  stallAt?: number;
  /** Outcome stall only: epoch ms at which progress continues (the stall lasts resumeAt − stall start). */
  resumeAt?: number;
  /**
   * Undefined: the log is readable while the job runs and final once it is Done. Set: no log at all (not even the
   * log so far) until this many ms after the job left the active list.
   */
  logDelayMs?: number;
  /**
   * Set: the log so far is readable while the job runs, as without it, but its end (endDate, the End row, the final
   * log type) is written only this many ms after the job left the active list; until then the log stays as it was
   * being written (no end date), and getJobLogs lists it too once the job is gone. Never with logDelayMs.
   */
  logEndDelayMs?: number;
  fatalMessage?: string;
  files: PlannedFile[];
  tasks: PlannedTask[];
  /** Set by stopJob. */
  stop?: { requestedAt: number; by: string };
}

export interface EmulatedJob {
  /** The job as getActiveJobs returns it; updated in place by applyLifecycle (while it is in the active list). */
  readonly job: ActiveJob;
  readonly plan: JobPlan;
  /** `j|<company number>||<name>|<id>`, e.g. `j|1001||Test-Upload-2026-11-28-09:00:00|48213`: what getActiveJobs / getJobLogDetails take. */
  readonly jobHandle: string;
  /** The unique job name: originalName + `-` + trigger time stamp (+ `_2`, `_3`… when taken), e.g. `Test-Upload-2026-11-28-09:00:00`. */
  readonly name: string;
  /** The name the job was submitted with (AddJobOptions.originalName); logs call it originalJobName. */
  readonly originalName: string;
  readonly companyHandle: string;
}

/** A stopped job shows `Stopping` this long before it is Done. */
export const STOP_MS = 3_000;
/** A finished job stays listed as `Done` this long, then leaves the active list. */
export const DONE_LINGER_MS = 5_000;

export const WAITING_STATES: readonly string[] = ['New', 'WaitingClient', 'WaitingCoordinator'];

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** When a stall freezes progress: `stallAt` of the running time after runAt (wall time, as nothing paused before it). */
function stallStart(plan: JobPlan): number {
  return plan.runAt + Math.round((plan.stallAt ?? 1) * plan.durationMs);
}

/** The pause of a stall that resumes, in wall time [from, to); undefined for any other plan. */
function pauseOf(plan: JobPlan): { from: number; to: number } | undefined {
  if (plan.outcome !== 'stall' || plan.resumeAt === undefined) return undefined;
  const from = stallStart(plan);
  return { from, to: Math.max(from, plan.resumeAt) };
}

/** Wall time → work time: the clock of the job's progress, which stands still during a resumed stall's pause. */
function workTime(plan: JobPlan, t: number): number {
  const pause = pauseOf(plan);
  if (!pause || t <= pause.from) return t;
  return t < pause.to ? pause.from : t - (pause.to - pause.from);
}

/** Work time → wall time (inverse of workTime outside the pause). */
function wallTime(plan: JobPlan, w: number): number {
  const pause = pauseOf(plan);
  return !pause || w <= pause.from ? w : w + (pause.to - pause.from);
}

/** When file i (0-based) is finished, in work time. */
function fileDoneWork(plan: JobPlan, i: number): number {
  return plan.runAt + Math.ceil(((i + 1) * plan.durationMs) / Math.max(1, plan.files.length));
}

/** When file i (0-based) is finished. */
export function fileDoneAt(plan: JobPlan, i: number): number {
  return wallTime(plan, fileDoneWork(plan, i));
}

/** A failure that ends in a fatal error (the default for outcome failure). */
function isFatal(plan: JobPlan): boolean {
  return plan.outcome === 'failure' && plan.fatal !== false;
}

/** Work time at which progress stops for good (fatal error / endless stall / stop request); the end otherwise. */
function progressCapWork(plan: JobPlan): number {
  const cap = isFatal(plan) ? (plan.failAt ?? 1) : plan.outcome === 'stall' && plan.resumeAt === undefined ? (plan.stallAt ?? 1) : 1;
  const capAt = plan.runAt + Math.round(cap * plan.durationMs);
  return plan.stop ? Math.min(capAt, Math.max(workTime(plan, plan.stop.requestedAt), plan.runAt)) : capAt;
}

/** When the job would be Done without a stop request (Infinity for a stall that never resumes). */
function naturalEndAt(plan: JobPlan): number {
  return plan.outcome === 'stall' && plan.resumeAt === undefined ? Infinity : wallTime(plan, progressCapWork({ ...plan, stop: undefined }));
}

/** True when a stop request came before the job's natural end (so the stop ends it). */
export function stoppedEarly(plan: JobPlan): boolean {
  return plan.stop !== undefined && plan.stop.requestedAt < naturalEndAt(plan);
}

/** When the job is Done (Infinity for a stall that neither resumes nor is stopped); a vanishing job disappears then. */
export function jobEndAt(plan: JobPlan): number {
  const natural = naturalEndAt(plan);
  if (plan.stop && plan.stop.requestedAt < natural) return plan.stop.requestedAt + STOP_MS;
  return natural;
}

/** When the job leaves the active list: DONE_LINGER_MS after Done; a vanishing job at its end, never seen Done. */
export function jobLeftAt(plan: JobPlan): number {
  const end = jobEndAt(plan);
  return plan.outcome === 'vanish' ? end : end + DONE_LINGER_MS;
}

/** When the final log is written, i.e. readable by getJobLogs / getJobLogDetails (Infinity: never). */
export function jobLogAt(plan: JobPlan): number {
  if (plan.outcome === 'vanish') return Infinity;
  if (plan.logEndDelayMs !== undefined) return jobLeftAt(plan) + plan.logEndDelayMs;
  return plan.logDelayMs === undefined ? jobEndAt(plan) : jobLeftAt(plan) + plan.logDelayMs;
}

/** From when getJobLogDetails knows the job at all (the log so far while it runs), Infinity: never. */
export function jobLogVisibleFrom(plan: JobPlan): number {
  if (plan.outcome === 'vanish') return Infinity;
  return plan.logDelayMs === undefined ? plan.triggerAt : jobLogAt(plan);
}

/** The moments of a job's life as the plan stands (a stop request changes them); epoch ms, Infinity = never. */
export interface JobTimes {
  /** Listed by getActiveJobs (state `New`; without includeWaitingJobs only from runAt) and known by handle from here. */
  triggerAt: number;
  /** State `Running`. */
  runAt: number;
  /** Outcome stall: progress and lastProgressUpdate freeze here (state stays Running). */
  stallAt?: number;
  /** Outcome stall with resumeAt: progress continues here. */
  resumeAt?: number;
  /** State `Done` (a vanishing job disappears here instead). */
  endAt: number;
  /** No longer listed by getActiveJobs. */
  leftAt: number;
  /** The final log is readable (getJobLogs, getJobLogDetails). */
  logAt: number;
}

export function jobTimes(plan: JobPlan): JobTimes {
  const pause = pauseOf(plan);
  const stallAt = plan.outcome === 'stall' ? stallStart(plan) : undefined;
  return {
    triggerAt: plan.triggerAt,
    runAt: plan.runAt,
    ...(stallAt === undefined ? {} : { stallAt }),
    ...(pause ? { resumeAt: pause.to } : {}),
    endAt: jobEndAt(plan),
    leftAt: jobLeftAt(plan),
    logAt: jobLogAt(plan),
  };
}

/** True when the job ended by its fatal error (not stopped before it). */
export function endedByFailure(plan: JobPlan): boolean {
  return isFatal(plan) && !stoppedEarly(plan);
}

/** Files finished at time t. */
export function filesDone(plan: JobPlan, t: number): number {
  const n = plan.files.length;
  const effective = Math.min(workTime(plan, t), progressCapWork(plan));
  if (n === 0 || effective < plan.runAt) return 0;
  let done = Math.min(n, Math.max(0, Math.floor(((effective - plan.runAt) * n) / plan.durationMs)));
  while (done < n && fileDoneWork(plan, done) <= effective) done++;
  while (done > 0 && fileDoneWork(plan, done - 1) > effective) done--;
  return done;
}

/** Continuous running fraction (for in-flight item progress), frozen like the file count. */
function continuousFraction(plan: JobPlan, t: number): number {
  return clamp01((Math.min(workTime(plan, t), progressCapWork(plan)) - plan.runAt) / plan.durationMs);
}

function stateAt(plan: JobPlan, t: number): string {
  if (t >= jobEndAt(plan)) return 'Done';
  if (plan.stop && t >= plan.stop.requestedAt) return 'Stopping';
  if (t < plan.runAt) return t < plan.newUntil ? 'New' : plan.waitState;
  return 'Running';
}

function verbFor(type: string | undefined): [string, string] {
  switch (type) {
    case 'ImageServingPublish':
    case 'ImageRenderingPublish':
    case 'ServerDirectoryPublish':
      return ['Publishing', 'assets'];
    case 'VideoPublish':
      return ['Publishing', 'videos'];
    case 'UrlUpload':
      return ['Downloading', 'URLs'];
    case 'MetadataUpload':
      return ['Updating metadata of', 'assets'];
    case 'ImageOptimization':
      return ['Optimizing', 'images'];
    default:
      return ['Uploading', 'files'];
  }
}

function progressMessage(job: ActiveJob, plan: JobPlan, state: string, done: number): string {
  const n = plan.files.length;
  switch (state) {
    case 'New':
      return 'Job submitted';
    case 'WaitingCoordinator':
      return 'Waiting for an available job server';
    case 'WaitingClient':
      return 'Waiting for client to upload files';
    case 'Stopping':
      return `Stopping job (requested by ${plan.stop?.by ?? 'user'})`;
    case 'Done':
      if (stoppedEarly(plan)) return `Job stopped after ${done} of ${n} files`;
      if (endedByFailure(plan)) return `Job failed: ${plan.fatalMessage ?? 'fatal error'}`;
      return `Job completed: ${done} of ${n} files processed`;
    default: {
      const [verb, noun] = verbFor(job.type);
      return `${verb} ${done} of ${n} ${noun}`;
    }
  }
}

function taskProgress(plan: JobPlan, task: PlannedTask, state: string, t: number, lastUpdate: string, offset: number): TaskProgress {
  const n = plan.files.length;
  const jobFraction = n === 0 ? (state === 'Done' ? 1 : 0) : filesDone(plan, t) / n;
  const fraction = clamp01((jobFraction - task.from) / Math.max(1e-9, task.to - task.from));
  const processed = Math.min(n, Math.floor(fraction * n + 1e-9));
  const active = (state === 'Running' || state === 'Stopping') && jobFraction >= task.from && fraction < 1;
  const processing = active && state === 'Running' ? Math.min(3, n - processed) : 0;
  const failed = state === 'Done' && endedByFailure(plan) && fraction < 1;
  const taskState =
    fraction >= 1 ? 'Done' : failed ? 'Failed' : state === 'Stopping' && active ? 'Stopping' : active ? 'Processing' : 'New';
  const inFlight = clamp01((continuousFraction(plan, t) - task.from) / Math.max(1e-9, task.to - task.from)) * n - processed;
  const items: TaskItemProgress[] = [];
  for (let k = 0; k < processing; k++) {
    const file = plan.files[processed + k];
    if (!file) break;
    items.push({
      itemName: file.name,
      progress: k === 0 ? round(Math.min(0.99, clamp01(inFlight)), 2) : 0, // in flight: never 100 %
      progressMessage: k === 0 ? 'Processing' : 'Queued',
      lastProgressUpdate: lastUpdate,
    });
  }
  return {
    taskType: task.taskType,
    taskState,
    numProcessed: processed,
    numProcessing: processing,
    numPending: n - processed - processing,
    progress: round(fraction, 3),
    progressMessage: `${processed} of ${n} processed`,
    lastProgressUpdate: taskState === 'New' ? formatIso(plan.triggerAt, offset) : lastUpdate,
    taskItemProgressArray: items,
  };
}

/** Updates the job's state, progress, dates and tasks for virtual time t. */
export function applyLifecycle(rec: EmulatedJob, t: number, offsetMinutes: number): void {
  const { job, plan } = rec;
  const state = stateAt(plan, t);
  const done = filesDone(plan, t);
  const n = plan.files.length;
  const iso = (ms: number): string => formatIso(ms, offsetMinutes);
  let last: number;
  if (state === 'Done') last = jobEndAt(plan);
  else if (state === 'Stopping') last = plan.stop?.requestedAt ?? t;
  else if (state === 'Running') last = done > 0 ? fileDoneAt(plan, done - 1) : plan.runAt;
  else last = t >= plan.newUntil ? plan.newUntil : plan.triggerAt;
  const started = t >= plan.runAt && !(plan.stop && plan.stop.requestedAt < plan.runAt);
  job.state = state;
  job.startDate = iso(started ? plan.runAt : plan.triggerAt);
  job.triggerTime = iso(plan.triggerAt);
  job.progress = n === 0 ? (state === 'Done' ? 100 : 0) : Math.floor((done * 100) / n);
  job.progressMessage = progressMessage(job, plan, state, done);
  job.lastProgressUpdate = iso(last);
  job.taskProgressArray = plan.tasks.map((task) => taskProgress(plan, task, state, t, iso(last), offsetMinutes));
}
