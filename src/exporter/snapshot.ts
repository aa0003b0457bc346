// What one successful poll of a target says about its active jobs, in the shape of the gauges: counts by type and
// state, stalled jobs (the rule of `check --stalled`), and the per-job series within their limit. Pure.
import type { ActiveJob } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { jobKey } from '../jobs/job-ref.js';
import { jobTypeName } from '../jobs/log-type.js';
import { stateClass } from '../jobs/state-class.js';
import { isStalled, sinceLastUpdate } from '../jobs/stall.js';

interface ActiveCount {
  type: string;
  state: string;
  count: number;
}

interface JobSeries {
  /** The job's name (IPS's unique `name`, else its originalName). */
  name: string;
  /** progress / 100, when the job reports progress. */
  progressRatio?: number;
  /** Seconds since lastProgressUpdate by the server's clock, when the job has one (never below 0). */
  secondsSinceProgress?: number;
}

export interface TargetSnapshot {
  active: ActiveCount[];
  stalled: number;
  jobs: JobSeries[];
  /** Active jobs left without per-job series by the limit. */
  dropped: number;
}

export interface SnapshotOptions {
  stallWindowMs: number;
  maxJobSeries: number;
}

interface Ranked {
  job: ActiveJob;
  name: string;
  rank: number;
  startMs: number;
}

/** Stalled jobs first, then running ones, then the rest (waiting, stopping, done); within each the latest started first. */
function byPriority(a: Ranked, b: Ranked): number {
  return a.rank - b.rank || b.startMs - a.startMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * `previous`: the jobs of the target's previous successful poll by key, for the stall rule's "progress unchanged since
 * the last look". `now`: the server's time of this poll.
 */
export function snapshotOf(active: readonly ActiveJob[], previous: ReadonlyMap<string, ActiveJob>, now: Date, options: SnapshotOptions): TargetSnapshot {
  const counts = new Map<string, ActiveCount>();
  const ranked: Ranked[] = [];
  let stalled = 0;
  for (const job of active) {
    // The one name of the type, the same as ips_jobs_finished_total's (`UrlUpload` → `UploadUrls`).
    const type = jobTypeName(job.type) ?? 'unknown';
    const state = job.state || 'Unknown';
    const countKey = `${type}\u0000${state}`;
    const count = counts.get(countKey);
    if (count) count.count += 1;
    else counts.set(countKey, { type, state, count: 1 });
    const isJobStalled = isStalled(job, now, options.stallWindowMs, previous.get(jobKey(job)));
    if (isJobStalled) stalled += 1;
    const name = job.name ?? job.originalName;
    if (!name) continue;
    const rank = isJobStalled ? 0 : stateClass(job.state) === 'running' ? 1 : 2;
    ranked.push({ job, name, rank, startMs: parseIso(job.startDate) ?? parseIso(job.triggerTime) ?? 0 });
  }
  ranked.sort(byPriority);
  const jobs: JobSeries[] = [];
  const names = new Set<string>();
  let dropped = 0;
  for (const entry of ranked) {
    if (names.has(entry.name)) continue; // IPS names are unique; a duplicate would only overwrite the first's series
    if (jobs.length >= options.maxJobSeries) {
      dropped += 1;
      continue;
    }
    names.add(entry.name);
    const since = sinceLastUpdate(entry.job, now);
    jobs.push({
      name: entry.name,
      ...(entry.job.progress === undefined ? {} : { progressRatio: entry.job.progress / 100 }),
      ...(since === undefined ? {} : { secondsSinceProgress: Math.max(0, since) / 1000 }),
    });
  }
  return { active: [...counts.values()], stalled, jobs, dropped };
}
