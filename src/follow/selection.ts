// Which jobs a reference on the command line picks, as pure functions of one poll's answers.
//
// - A handle (it holds `|`) picks the active job with that handle, else that job's own finished log.
// - A name or glob picks every ACTIVE job whose unique name or original name matches, whatever its age: a job still
//   running is the job the user means, however long ago it started.
// - `--since` bounds only the finished job logs a name may pick (names repeat daily): yesterday's log never answers
//   for today's job.
// - `wait`, `show` and `log` take one job: several active jobs of one name are ambiguous; one active job is it, unless
//   a job of that name started later and has already finished (the newest job of that name is meant); none: the
//   newest finished log. Still none: `show` and `log` (never `wait`, whose outcome comes from a finished log) take
//   the newest log of the name that has no end yet, a job gone from the active list whose log is still being written.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { hasGlob, looksLikeHandle, nameMatches } from '../jobs/job-ref.js';
import { isFinishedLog } from '../jobs/outcome.js';
import { formatInstant } from '../jobs/time-bound.js';

/** Whether an active job answers to `ref`: its handle, or its name or original name (a glob when it holds * or ?). */
export function refPicksActive(ref: string, job: ActiveJob): boolean {
  if (job.jobHandle === ref) return true;
  return !looksLikeHandle(ref) && nameMatches(ref, job.name, job.originalName);
}

function startOfLog(log: JobLog): number | undefined {
  return parseIso(log.startDate);
}

function startOfJob(job: ActiveJob): number | undefined {
  return parseIso(job.startDate) ?? parseIso(job.triggerTime);
}

/** A start that is unknown is given the benefit of the doubt: it counts as recent. */
function startedSince(started: number | undefined, sinceMs: number): boolean {
  return started === undefined || started >= sinceMs;
}

function newestLog(logs: readonly JobLog[]): JobLog | undefined {
  let best: JobLog | undefined;
  for (const log of logs) {
    if (best === undefined || (startOfLog(log) ?? Infinity) > (startOfLog(best) ?? Infinity)) best = log;
  }
  return best;
}

/**
 * The finished logs `ref` picks among `logs`: by handle, that job's own; by glob, every matching log started since
 * `sinceMs` (or only the newest, with `one`); by name, the newest such log.
 */
export function refPicksLogs(ref: string, logs: readonly JobLog[], sinceMs: number, one = false): JobLog[] {
  const finished = logs.filter(isFinishedLog);
  if (looksLikeHandle(ref)) return finished.filter((log) => log.jobHandle === ref).slice(0, 1);
  const matching = logsNamed(ref, finished, sinceMs);
  if (hasGlob(ref) && !one) return matching;
  const newest = newestLog(matching);
  return newest === undefined ? [] : [newest];
}

/** The logs among `logs` whose name or original name `ref` (a name or glob) matches, of jobs started since `sinceMs`. */
function logsNamed(ref: string, logs: readonly JobLog[], sinceMs: number): JobLog[] {
  return logs.filter((log) => nameMatches(ref, log.jobName, log.originalJobName) && startedSince(startOfLog(log), sinceMs));
}

/**
 * `show` and `log` only, for a name that picks no active job and no finished log: the newest log of that name started
 * since `sinceMs` that has no end date yet (a job gone from the active list whose log is still being written).
 */
export function newestUnfinishedLog(ref: string, logs: readonly JobLog[], sinceMs: number): JobLog | undefined {
  if (looksLikeHandle(ref)) return undefined;
  return newestLog(logsNamed(ref, logs.filter((log) => !isFinishedLog(log)), sinceMs));
}

/** The one job `wait` follows (and `show` and `log` take) for `ref`. */
export type Choice =
  | { kind: 'active'; job: ActiveJob }
  | { kind: 'logged'; log: JobLog }
  | { kind: 'ambiguous'; jobs: ActiveJob[] }
  | { kind: 'none' };

/** `logs`: the finished logs known for `ref` (getJobLogs since `sinceMs`, or the handle's own log). */
export function chooseOne(ref: string, active: readonly ActiveJob[], logs: readonly JobLog[], sinceMs: number): Choice {
  const candidates = active.filter((job) => refPicksActive(ref, job));
  const [log] = refPicksLogs(ref, logs, sinceMs, true);
  if (candidates.length > 1) return { kind: 'ambiguous', jobs: candidates };
  const [job] = candidates;
  if (job === undefined) return log === undefined ? { kind: 'none' } : { kind: 'logged', log };
  // One running job of that name; a later one of the same name that has already finished is the newer job.
  const logStart = log === undefined ? undefined : startOfLog(log);
  const jobStart = startOfJob(job);
  if (log !== undefined && log.jobHandle !== job.jobHandle && logStart !== undefined && jobStart !== undefined && logStart > jobStart) {
    return { kind: 'logged', log };
  }
  return { kind: 'active', job };
}

/** What a reference that picked no job was looked for in: the active list, and the logs since `sinceMs` (a name). */
export function notFoundReason(ref: string, sinceMs: number): string {
  if (looksLikeHandle(ref)) return `no active job and no job log with the handle ${ref}`;
  return `no active job and no job log since ${formatInstant(sinceMs)} named ${ref}`;
}
