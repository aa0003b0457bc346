import { describe, expect, it } from 'vitest';
import { isStalled, sinceLastUpdate } from '../../src/jobs/stall.js';
import { makeJob, NOW } from './job-fixtures.js';

const FIVE_MINUTES = 5 * 60_000;

describe('sinceLastUpdate', () => {
  it('measures from lastProgressUpdate to the server clock, across offsets', () => {
    // 17:20Z is 09:20 Pacific: ten minutes before NOW.
    expect(sinceLastUpdate(makeJob({ lastProgressUpdate: '2026-11-28T17:20:00Z' }), NOW)).toBe(10 * 60_000);
  });

  it('is undefined when the job never reported or the date is garbage', () => {
    expect(sinceLastUpdate(makeJob({ lastProgressUpdate: undefined }), NOW)).toBeUndefined();
    expect(sinceLastUpdate(makeJob({ lastProgressUpdate: 'yesterday' }), NOW)).toBeUndefined();
  });
});

describe('isStalled', () => {
  it('flags a running job silent for longer than the threshold', () => {
    const job = makeJob({ state: 'Running', lastProgressUpdate: '2026-11-28T09:20:00-08:00' });
    expect(isStalled(job, NOW, FIVE_MINUTES)).toBe(true);
  });

  it('does not flag a running job that reported recently', () => {
    const job = makeJob({ state: 'Running', lastProgressUpdate: '2026-11-28T09:29:00-08:00' });
    expect(isStalled(job, NOW, FIVE_MINUTES)).toBe(false);
  });

  it('never flags a waiting job, however old its last update', () => {
    const job = makeJob({ state: 'WaitingCoordinator', lastProgressUpdate: '2026-11-27T09:00:00-08:00' });
    expect(isStalled(job, NOW, FIVE_MINUTES)).toBe(false);
  });

  it('never flags done or stopping jobs', () => {
    const old = '2026-11-27T09:00:00-08:00';
    expect(isStalled(makeJob({ state: 'Done', lastProgressUpdate: old }), NOW, FIVE_MINUTES)).toBe(false);
    expect(isStalled(makeJob({ state: 'Stopping', lastProgressUpdate: old }), NOW, FIVE_MINUTES)).toBe(false);
  });

  it('is off with a threshold of 0', () => {
    const job = makeJob({ state: 'Running', lastProgressUpdate: '2026-11-27T09:00:00-08:00' });
    expect(isStalled(job, NOW, 0)).toBe(false);
  });

  it('counts a job silent for exactly the window as stalled', () => {
    const job = makeJob({ state: 'Running', lastProgressUpdate: '2026-11-28T09:25:00-08:00' });
    expect(sinceLastUpdate(job, NOW)).toBe(FIVE_MINUTES);
    expect(isStalled(job, NOW, FIVE_MINUTES)).toBe(true);
  });

  it('is not stalled when progress moved since the previous observation, however old the update', () => {
    const job = makeJob({ state: 'Running', progress: 40, lastProgressUpdate: '2026-11-28T09:00:00-08:00' });
    expect(isStalled(job, NOW, FIVE_MINUTES, { ...job, progress: 35 })).toBe(false);
    expect(isStalled(job, NOW, FIVE_MINUTES, { ...job, progress: 40 })).toBe(true);
  });

  it('cannot judge a running job with no lastProgressUpdate', () => {
    expect(isStalled(makeJob({ state: 'Running', lastProgressUpdate: undefined }), NOW, FIVE_MINUTES)).toBe(false);
  });
});
