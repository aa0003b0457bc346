import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { stateClass } from './state-class.js';

/** Milliseconds between the job's lastProgressUpdate and `now` (the server's clock); undefined when unknown. */
export function sinceLastUpdate(job: ActiveJob, now: Date): number | undefined {
  const updated = parseIso(job.lastProgressUpdate);
  return updated === undefined ? undefined : now.getTime() - updated;
}

/**
 * Stalled — the one definition every command uses: a running job whose lastProgressUpdate is at least
 * `windowMs` old by the server's clock, and whose progress has not changed since the previous
 * observation when there is one. A window of 0 turns stall detection off.
 */
export function isStalled(job: ActiveJob, now: Date, windowMs: number, previous?: ActiveJob): boolean {
  // Waiting jobs never report progress, so silence only means something once a job runs.
  if (windowMs <= 0 || stateClass(job.state) !== 'running') return false;
  const elapsed = sinceLastUpdate(job, now);
  if (elapsed === undefined || elapsed < windowMs) return false;
  return previous === undefined || previous.progress === job.progress;
}
