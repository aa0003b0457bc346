import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { stateClass } from './state-class.js';

/** Milliseconds between the job's lastProgressUpdate and `now` (the server's clock); undefined when unknown. */
export function sinceLastUpdate(job: ActiveJob, now: Date): number | undefined {
  const updated = parseIso(job.lastProgressUpdate);
  return updated === undefined ? undefined : now.getTime() - updated;
}

/** True when a running job has reported no progress for longer than `thresholdMs`; 0 turns the check off. */
export function isStale(job: ActiveJob, now: Date, thresholdMs: number): boolean {
  // Waiting jobs never report progress, so silence only means something once a job runs.
  if (thresholdMs <= 0 || stateClass(job.state) !== 'running') return false;
  const elapsed = sinceLastUpdate(job, now);
  return elapsed !== undefined && elapsed > thresholdMs;
}
