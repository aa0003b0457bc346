import { describe, expect, it } from 'vitest';
import { taskSummary } from '../../src/jobs/tasks.js';
import { makeJob, makeTask } from './job-fixtures.js';

describe('taskSummary', () => {
  it('adds up items across tasks: 12 processed of 40', () => {
    const job = makeJob({
      taskProgressArray: [
        makeTask({ numProcessed: 10, numProcessing: 2, numPending: 8 }),
        makeTask({ numProcessed: 2, numProcessing: 0, numPending: 18 }),
      ],
    });
    expect(taskSummary(job)).toEqual({ processed: 12, total: 40 });
  });

  it('counts missing numbers as zero', () => {
    const job = makeJob({ taskProgressArray: [{ taskItemProgressArray: [], numPending: 3 }] });
    expect(taskSummary(job)).toEqual({ processed: 0, total: 3 });
  });

  it('is undefined for a job without tasks', () => {
    expect(taskSummary(makeJob({ taskProgressArray: [] }))).toBeUndefined();
  });
});
