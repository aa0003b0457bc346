// Small ActiveJob builders for the jobs and render tests: a plausible running publish job, overridden per scenario.
import type { ActiveJob, TaskProgress } from '../../src/ips/types.js';

/** The server's clock in every scenario: 09:30 Pacific. */
export const NOW = new Date('2026-11-28T09:30:00-08:00');

export function makeJob(overrides: Partial<ActiveJob> = {}): ActiveJob {
  return {
    companyHandle: 'c|42',
    jobHandle: 'j|1001',
    name: 'spring-catalogue',
    originalName: 'spring-catalogue',
    type: 'ImageServingPublishJob',
    state: 'Running',
    submitUserEmail: 'ana@example.com',
    serverName: 'ips-worker-3',
    startDate: '2026-11-28T09:14:00-08:00',
    lastProgressUpdate: '2026-11-28T09:29:48-08:00',
    progress: 50,
    progressMessage: 'Publishing images',
    taskProgressArray: [],
    ...overrides,
  };
}

export function makeTask(overrides: Partial<TaskProgress> = {}): TaskProgress {
  return { taskType: 'Publish', taskState: 'Processing', numProcessed: 0, numProcessing: 0, numPending: 0, taskItemProgressArray: [], ...overrides };
}
