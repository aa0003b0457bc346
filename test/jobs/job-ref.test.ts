import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { findJob, looksLikeHandle } from '../../src/jobs/job-ref.js';
import { makeJob } from './job-fixtures.js';

const SINCE = Date.parse('2026-11-28T09:20:00-08:00');

function log(overrides: Partial<JobLog>): JobLog {
  return { jobHandle: 'j|old', jobName: 'Spring-Publish-1', originalJobName: 'Spring-Publish', startDate: '2026-11-28T09:21:00-08:00', endDate: '2026-11-28T09:25:00-08:00', detailArray: [], ...overrides };
}

describe('naming a job', () => {
  it('an exact handle finds the active job, or its log', () => {
    const active = [makeJob({ jobHandle: 'j|1||Spring|7' })];
    expect(findJob('j|1||Spring|7', active, [], SINCE)).toEqual({ kind: 'active', job: active[0] });
    expect(findJob('j|old', [], [log({})], SINCE)).toMatchObject({ kind: 'logged', log: { jobHandle: 'j|old' } });
  });

  it('a name finds the newest active or logged job started since --since', () => {
    const running = makeJob({ jobHandle: 'j|new', name: 'Spring-Publish-2', originalName: 'Spring-Publish', startDate: '2026-11-28T09:28:00-08:00' });
    expect(findJob('Spring-Publish', [running], [log({})], SINCE)).toEqual({ kind: 'active', job: running });
    const older = makeJob({ ...running, startDate: '2026-11-28T09:20:30-08:00' });
    expect(findJob('Spring-Publish', [older], [log({})], SINCE)).toMatchObject({ kind: 'logged' });
  });

  it("yesterday's job of the same name never answers for today's", () => {
    const yesterday = log({ startDate: '2026-11-27T09:21:00-08:00' });
    expect(findJob('Spring-Publish', [], [yesterday], SINCE)).toEqual({ kind: 'none' });
  });

  it('matches the unique name too, and globs', () => {
    expect(findJob('Spring-Publish-1', [], [log({})], SINCE)).toMatchObject({ kind: 'logged' });
    expect(findJob('spring-*', [], [log({})], SINCE)).toMatchObject({ kind: 'logged' });
  });

  it('tells handles from names by the |', () => {
    expect(looksLikeHandle('j|1001||Spring|54091')).toBe(true);
    expect(looksLikeHandle('Spring-Publish')).toBe(false);
  });
});
