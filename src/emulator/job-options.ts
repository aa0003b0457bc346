// What a test (or a demo script) says about a job it adds, or about how the next submitted jobs end.
import type { JobDetails } from '../ips/types.js';
import type { NamedFile } from './generate.js';
import type { JobOutcome } from './lifecycle.js';

/**
 * A job added by a test (or a demo script). Times default to "now"; durations are virtual ms. `jobTimes(rec.plan)`
 * gives the resulting moments (runAt, stallAt, endAt, leftAt, logAt…) as epoch ms.
 */
export interface AddJobOptions {
  /** The submitted name; the unique `name` is `<originalName>-<trigger stamp>` (see EmulatedJob). */
  originalName: string;
  /** IPS job type, e.g. `UploadFromServerDirectory`, `ImageServingPublish` (sets tasks, file names and log-type prefix). */
  type: string;
  /** Default the demo company `c|1001`. */
  companyHandle?: string;
  submitUserEmail?: string;
  /**
   * Default `success`.
   * - `success` / `warnings`: runs to the end, Done, leaves the list DONE_LINGER_MS later; log with …Success / …Warning.
   * - `failure`: with `fatal` (default) dies at `failAt`: Done, log fatalError true, logType …Failure, FatalError row.
   *   With `fatal: false` runs to the end: log fatalError false, fileErrorCount > 0, logType …Warning.
   * - `stall`: Running forever with progress and lastProgressUpdate frozen from `stallAt`, unless `resumeAt`.
   * - `vanish`: Running until its end (durationMs after runAt), then gone from getActiveJobs at once (never `Done`),
   *   and never known by getJobLogs / getJobLogDetails (not even while it runs).
   */
  outcome?: JobOutcome;
  /**
   * ISO instant the job was queued; default now. In the future: the job does not exist (getActiveJobs, handle
   * lookups, getJobLogDetails) until the clock reaches it ("appears late"). Far enough in the past: the job has
   * already run, left the list and has its log ("finished before the command started").
   */
  triggerAt?: string;
  /** Queued → Running delay; default 5000 (first 2000 ms `New`, then `waitState`). Waiting jobs are listed only with includeWaitingJobs. */
  waitMs?: number;
  waitState?: 'WaitingCoordinator' | 'WaitingClient';
  /** Running time for all files (not counting a stall's pause); default files × a per-type time per file. */
  durationMs?: number;
  /** Number of files; default random per type. */
  files?: number;
  /** Outcome failure (fatal): fraction 0–1 of the running time at which the fatal error ends the job; default random 0.45–0.75. */
  failAt?: number;
  /** Outcome failure: false = no fatal error; the job completes with file errors (at least one, or exactly `errorFiles`). Default true. */
  fatal?: boolean;
  /** Exact number of files that end with an error (fileErrorCount), placed among the files the job gets through. Default: dice of the outcome. */
  errorFiles?: number;
  /** Exact number of files that end with a warning (fileWarningCount), as errorFiles. Default: dice of the outcome (`warnings`: at least one). */
  warningFiles?: number;
  /**
   * Outcome stall: a FRACTION 0–1 of durationMs (not ms): progress freezes at runAt + stallAt × durationMs; default
   * random 0.35–0.65. State stays Running; progress and lastProgressUpdate stop changing.
   */
  stallAt?: number;
  /**
   * Outcome stall: virtual ms after runAt (when the job started Running) at which progress continues from where it
   * froze; must not be before the stall. The job then ends at runAt + durationMs + the pause. Default: never.
   */
  resumeAt?: number;
  /**
   * Job log delay. Undefined (default): the log so far is readable while the job runs and the final log from the
   * moment it is Done. Set (≥ 0, 0 included): getJobLogs / getJobLogDetails know nothing of the job until this many ms
   * after it left the active list (leftAt = Done + DONE_LINGER_MS), then the final log.
   */
  logDelayMs?: number;
  /**
   * A log whose end comes late. Set (≥ 0): the log so far is readable while the job runs, as by default, but its end
   * (endDate, the End row, the final log type) is written only this many ms after the job left the active list. Until
   * then getJobLogDetails serves it and, once the job is gone from the list, getJobLogs lists it too, as it was being
   * written: every file the job got through, `Begin…` as its log type, no end date. Not with logDelayMs.
   */
  logEndDelayMs?: number;
  description?: string;
  details?: JobDetails;
  /** The files by name, in order (e.g. an upload's destPaths), instead of `files`; `error: '…'` makes that file fail with this message. */
  namedFiles?: NamedFile[];
  /** Control operations on this job (stop, delete…) answer authorizationFault 20003, as for a user without that permission. */
  protected?: boolean;
  /** The job's handle, exactly (a handle a doc shows, say); default `j|<company number>||<name>|<five-digit id>`. Must be unused. */
  jobHandle?: string;
}

/**
 * How a job that submitJob starts ends, and its timing: `emu.ips.submitOutcomes.push({ outcome: 'failure', fatal: true })`
 * queues one for the next such job (the fields mean what they mean for addJob).
 */
export type SubmitOutcome = Pick<
  AddJobOptions,
  'outcome' | 'fatal' | 'failAt' | 'errorFiles' | 'warningFiles' | 'stallAt' | 'resumeAt' | 'logDelayMs' | 'files' | 'durationMs' | 'waitMs' | 'waitState'
>;
