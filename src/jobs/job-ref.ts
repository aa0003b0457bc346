// Naming a job on the command line: an exact handle, or the newest job (active or logged) whose
// name or original name matches and that started no earlier than --since — so yesterday's job of
// the same name never answers for today's.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';
import { globToRegExp } from './glob.js';

export type JobMatch =
  | { kind: 'active'; job: ActiveJob }
  | { kind: 'logged'; log: JobLog }
  | { kind: 'none' };

/** The key a job is followed by: its handle, else (a server that left it out) its name. */
export function jobKey(job: ActiveJob): string {
  return job.jobHandle ?? job.name ?? job.originalName ?? '';
}

/** Handles carry `|` (`j|1001||Spring-Publish|54091`); names never need one. */
export function looksLikeHandle(ref: string): boolean {
  return ref.includes('|');
}

export function hasGlob(ref: string): boolean {
  return /[*?]/.test(ref);
}

/** Whether a job's name or original name answers to `ref` (a glob when it holds * or ?). */
export function nameMatches(ref: string, ...names: Array<string | undefined>): boolean {
  if (hasGlob(ref)) {
    const pattern = globToRegExp(ref);
    return names.some((name) => name !== undefined && pattern.test(name));
  }
  return names.some((name) => name === ref);
}

function startedAt(job: ActiveJob): number | undefined {
  return parseIso(job.startDate) ?? parseIso(job.triggerTime);
}

/** A job whose start is unknown is given the benefit of the doubt (it is active or logged now). */
function recentEnough(started: number | undefined, sinceMs: number): boolean {
  return started === undefined || started >= sinceMs;
}

export function findJob(ref: string, active: readonly ActiveJob[], logs: readonly JobLog[], sinceMs: number): JobMatch {
  const byHandle = active.find((job) => job.jobHandle === ref);
  if (byHandle) return { kind: 'active', job: byHandle };
  const loggedByHandle = logs.find((log) => log.jobHandle === ref);
  if (loggedByHandle) return { kind: 'logged', log: loggedByHandle };

  let best: { match: JobMatch; started: number } | undefined;
  const consider = (match: JobMatch, started: number | undefined) => {
    const at = started ?? Number.POSITIVE_INFINITY;
    // Newest wins; on a tie an active job beats its log.
    if (!best || at > best.started) best = { match, started: at };
  };
  for (const job of active) {
    if (nameMatches(ref, job.name, job.originalName) && recentEnough(startedAt(job), sinceMs)) consider({ kind: 'active', job }, startedAt(job));
  }
  for (const log of logs) {
    const started = parseIso(log.startDate);
    if (nameMatches(ref, log.jobName, log.originalJobName) && recentEnough(started, sinceMs)) consider({ kind: 'logged', log }, started);
  }
  return best?.match ?? { kind: 'none' };
}
