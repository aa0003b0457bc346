import type { ActiveJob } from '../ips/types.js';

export interface TaskSummary {
  processed: number;
  total: number;
}

/** Items processed out of all items (processed + processing + pending) across the job's tasks; undefined without tasks. */
export function taskSummary(job: ActiveJob): TaskSummary | undefined {
  const tasks = job.taskProgressArray ?? [];
  if (tasks.length === 0) return undefined;
  let processed = 0;
  let total = 0;
  for (const task of tasks) {
    const done = task.numProcessed ?? 0;
    processed += done;
    total += done + (task.numProcessing ?? 0) + (task.numPending ?? 0);
  }
  return { processed, total };
}
