// Which jobs a control command (stop, pause, resume, delete, run) acts on: handles as given, names and globs
// matched against the list the action applies to. Deciding to refuse is the caller's; this says what matched.
import type { ActiveJob, ScheduledJob } from '../ips/types.js';
import { looksLikeHandle, nameMatches } from './job-ref.js';
import { stateClass } from './state-class.js';

/** A job a control operation can apply to, as getActiveJobs or getScheduledJobs listed it. */
export interface ControlCandidate {
  jobHandle: string;
  name?: string;
  originalName?: string;
  kind: 'active' | 'scheduled';
  /** `state` of an active job, `triggerState` of a scheduled one. */
  status?: string;
}

export interface ControlTarget {
  jobHandle: string;
  /** What the user gave (argument or stdin line) that named this job. */
  ref: string;
  /** The listed job, when the list was fetched and holds it (a handle may be absent from it). */
  job?: ControlCandidate;
}

export interface AmbiguousName {
  ref: string;
  handles: string[];
}

export interface TargetResolution {
  /** Each job once, in the order first named. */
  targets: ControlTarget[];
  /** Names (and globs) that matched no listed job. */
  notFound: string[];
  /** Names that matched several jobs while `all` was off. */
  ambiguous: AmbiguousName[];
}

/** Jobs still running or waiting; one already Done (IPS lists it a moment longer) has nothing left to act on. */
export function activeCandidates(jobs: readonly ActiveJob[]): ControlCandidate[] {
  return jobs.flatMap((job) =>
    job.jobHandle === undefined || stateClass(job.state) === 'done' ? [] : [{ jobHandle: job.jobHandle, name: job.name, originalName: job.originalName, kind: 'active' as const, status: job.state }],
  );
}

export function scheduledCandidates(jobs: readonly ScheduledJob[]): ControlCandidate[] {
  return jobs.flatMap((job) =>
    job.jobHandle === undefined
      ? []
      : [{ jobHandle: job.jobHandle, name: job.name, originalName: job.originalName, kind: 'scheduled' as const, status: job.triggerState }],
  );
}

/** Whether any ref is a name, which only a fetched list can turn into a handle. */
export function namesAmong(refs: readonly string[]): boolean {
  return refs.some((ref) => !looksLikeHandle(ref));
}

/** `-` input: one ref per line; surrounding blanks and blank lines ignored (handles keep their inner spaces). */
export function refsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Handles are used as given (with the listed job attached when the list holds it); a name or glob matches the
 * `name` or `originalName` of listed jobs. Several matches for one name are ambiguous unless `all`.
 */
export function resolveControlTargets(
  refs: readonly string[],
  candidates: readonly ControlCandidate[],
  options: { all: boolean },
): TargetResolution {
  const targets: ControlTarget[] = [];
  const notFound: string[] = [];
  const ambiguous: AmbiguousName[] = [];
  const add = (target: ControlTarget) => {
    if (!targets.some((t) => t.jobHandle === target.jobHandle)) targets.push(target);
  };
  for (const ref of refs) {
    if (looksLikeHandle(ref)) {
      const job = candidates.find((c) => c.jobHandle === ref);
      add(job ? { jobHandle: ref, ref, job } : { jobHandle: ref, ref });
      continue;
    }
    const matches = candidates.filter((c) => nameMatches(ref, c.name, c.originalName));
    if (matches.length === 0) {
      if (!notFound.includes(ref)) notFound.push(ref);
    } else if (matches.length > 1 && !options.all) {
      if (!ambiguous.some((a) => a.ref === ref)) ambiguous.push({ ref, handles: matches.map((m) => m.jobHandle) });
    } else {
      for (const job of matches) add({ jobHandle: job.jobHandle, ref, job });
    }
  }
  return { targets, notFound, ambiguous };
}
