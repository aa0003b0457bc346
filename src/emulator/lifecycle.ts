// Job lifecycle as a pure function of (plan, virtual time): New → Waiting… → Running → (Stopping →) Done.
// Nothing runs on timers; the model re-evaluates jobs whenever the clock is read, so a frozen clock freezes jobs
// and results never depend on when requests happen to arrive.
import type { ActiveJob, TaskItemProgress, TaskProgress } from '../ips/types.js';
import { formatIso } from './clock.js';

export type JobOutcome = 'success' | 'warnings' | 'failure' | 'stall';
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
  /** Fraction of files after which the job dies (outcome failure). */
  failAt?: number;
  /** Fraction of files after which progress freezes forever (outcome stall). */
  stallAt?: number;
  fatalMessage?: string;
  files: PlannedFile[];
  tasks: PlannedTask[];
  /** Set by stopJob. */
  stop?: { requestedAt: number; by: string };
}

export interface EmulatedJob {
  /** The job as getActiveJobs returns it; updated in place by applyLifecycle. */
  readonly job: ActiveJob;
  readonly plan: JobPlan;
}

/** A stopped job shows `Stopping` this long before it is Done. */
export const STOP_MS = 3_000;
/** A finished job stays listed as `Done` this long, then leaves the active list. */
export const DONE_LINGER_MS = 5_000;

export const WAITING_STATES: readonly string[] = ['New', 'WaitingClient', 'WaitingCoordinator'];

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** When file i (0-based) is finished. */
export function fileDoneAt(plan: JobPlan, i: number): number {
  return plan.runAt + Math.ceil(((i + 1) * plan.durationMs) / Math.max(1, plan.files.length));
}

/** Time at which progress stops for good (fatal error / stall / stop request), if any. */
function progressCapAt(plan: JobPlan): number {
  const cap = plan.outcome === 'failure' ? (plan.failAt ?? 1) : plan.outcome === 'stall' ? (plan.stallAt ?? 1) : 1;
  const capAt = plan.runAt + Math.round(cap * plan.durationMs);
  return plan.stop ? Math.min(capAt, Math.max(plan.stop.requestedAt, plan.runAt)) : capAt;
}

/** When the job is Done (Infinity for a stall nobody stops). */
export function jobEndAt(plan: JobPlan): number {
  const natural = plan.outcome === 'stall' ? Infinity : progressCapAt({ ...plan, stop: undefined });
  if (plan.stop && plan.stop.requestedAt < natural) return plan.stop.requestedAt + STOP_MS;
  return natural;
}

/** True when the job ended by its fatal error (not stopped before it). */
export function endedByFailure(plan: JobPlan): boolean {
  return plan.outcome === 'failure' && !(plan.stop && plan.stop.requestedAt < jobEndAt({ ...plan, stop: undefined }));
}

/** Files finished at time t. */
export function filesDone(plan: JobPlan, t: number): number {
  const n = plan.files.length;
  const effective = Math.min(t, progressCapAt(plan));
  if (n === 0 || effective < plan.runAt) return 0;
  let done = Math.min(n, Math.max(0, Math.floor(((effective - plan.runAt) * n) / plan.durationMs)));
  while (done < n && fileDoneAt(plan, done) <= effective) done++;
  while (done > 0 && fileDoneAt(plan, done - 1) > effective) done--;
  return done;
}

/** Continuous running fraction (for in-flight item progress), frozen like the file count. */
function continuousFraction(plan: JobPlan, t: number): number {
  return clamp01((Math.min(t, progressCapAt(plan)) - plan.runAt) / plan.durationMs);
}

export function stateAt(plan: JobPlan, t: number): string {
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
      if (plan.stop && plan.stop.requestedAt < jobEndAt({ ...plan, stop: undefined })) return `Job stopped after ${done} of ${n} files`;
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
