// The follow core poll by poll, without a server: what a filter picks, what a reference picks, when a reference is
// not found or ambiguous, what a gate is told, and what is forgotten.
import { describe, expect, it } from 'vitest';
import { FollowCore, verdictOf, type CoreOptions } from '../../src/follow/follow-core.js';
import type { ActiveJob, JobLog } from '../../src/ips/types.js';
import { makeJob, NOW } from '../jobs/job-fixtures.js';
import { makeLog } from '../jobs/log-fixtures.js';

const T = NOW.getTime();
const OPTIONS: CoreOptions = { refs: [], since: { agoMs: 10 * 60_000 }, stallWindowMs: 30 * 60_000, logGraceMs: 60_000, appearTimeoutMs: 120_000, failOn: 'error' };
const job = (handle: string, overrides: Partial<ActiveJob> = {}) => makeJob({ jobHandle: handle, name: `Spring-${handle}`, originalName: 'Spring', ...overrides });
const logOf = (j: ActiveJob, overrides: Partial<JobLog> = {}) =>
  makeLog({ jobHandle: j.jobHandle, jobName: j.name, originalJobName: j.originalName, startDate: j.startDate, ...overrides });

/** One good poll: the reference lookups answered from `logs`, the awaited logs too; returns the events as [type, handle]. */
function poll(core: FollowCore, now: number, active: ActiveJob[], logs: JobLog[] = []): string[][] {
  const refLogs = new Map(core.refLookups(active, now).map((lookup) => [lookup.ref, logs] as const));
  const events = core.observePoll(now, active, refLogs);
  for (const followed of core.awaitingLogs()) events.push(...core.observeLogs(followed.key, logs, now));
  events.push(...core.settle(now));
  return events.map((e) => [e.type, e.jobHandle ?? e.detail]);
}

describe('a filter', () => {
  it('picks a job when it first matches, and the job is followed to its outcome after it stops matching', () => {
    const core = new FollowCore({ ...OPTIONS, admit: (j) => j.state === 'WaitingCoordinator' });
    const a = job('j|a', { state: 'New' });
    expect(poll(core, T, [a])).toEqual([]);
    expect(poll(core, T + 5_000, [{ ...a, state: 'WaitingCoordinator' }])).toEqual([['added', 'j|a']]);
    expect(poll(core, T + 10_000, [{ ...a, state: 'Running' }])).toEqual([['state', 'j|a']]);
    expect(poll(core, T + 15_000, [], [logOf(a)])).toEqual([['finished', 'j|a']]);
    expect(core.verdicts()).toEqual(['succeeded']);
  });
});

describe('references', () => {
  it('a name picks every running job of that name whatever its age; a glob picks new ones as they come', () => {
    const old = job('j|old', { startDate: '2026-11-28T01:00:00-08:00' });
    const core = new FollowCore({ ...OPTIONS, refs: ['Spring-*'] });
    expect(poll(core, T, [old])).toEqual([['added', 'j|old']]);
    expect(poll(core, T + 5_000, [old, job('j|new')])).toEqual([['added', 'j|new']]);
  });

  it("a name with no running job takes the newest log since --since, never yesterday's", () => {
    const core = new FollowCore({ ...OPTIONS, refs: ['Spring'] });
    const yesterday = logOf(job('j|y'), { startDate: '2026-11-27T09:25:00-08:00' });
    const today = logOf(job('j|t'), { startDate: '2026-11-28T09:25:00-08:00' });
    expect(poll(core, T, [], [yesterday, today])).toEqual([['finished', 'j|t']]);
    expect(core.allDone()).toBe(true);
  });

  it('wait: two running jobs of one name are ambiguous; one is followed by its handle from then on', () => {
    const ambiguous = new FollowCore({ ...OPTIONS, refs: ['Spring'], single: true });
    poll(ambiguous, T, [job('j|1'), job('j|2')]);
    expect(ambiguous.ambiguities()).toEqual([{ ref: 'Spring', jobs: [job('j|1'), job('j|2')] }]);
    expect(ambiguous.allDone()).toBe(true);

    const one = new FollowCore({ ...OPTIONS, refs: ['Spring'], single: true });
    expect(poll(one, T, [job('j|1')])).toEqual([['added', 'j|1']]);
    expect(poll(one, T + 5_000, [job('j|1'), job('j|2')])).toEqual([]);
    expect(one.pickedBy('Spring').followed?.key).toBe('j|1');
  });

  it('not found after --appear-timeout, saying what was searched', () => {
    const core = new FollowCore({ ...OPTIONS, refs: ['Spring', 'j|gone'], single: true });
    poll(core, T, []);
    expect(core.allDone()).toBe(false);
    expect(poll(core, T + 120_000, [])).toEqual([
      ['not_found', 'no active job and no job log since 2026-11-28T17:20:00Z named Spring'],
      ['not_found', 'no active job and no job log with the handle j|gone'],
    ]);
    expect(core.allDone()).toBe(true);
    expect(core.verdicts()).toEqual(['not_found', 'not_found']);
  });
});

describe('what a gate is told', () => {
  it('a stalled job has the verdict stalled, which is not an outcome: it resumes and finishes', () => {
    const silent = job('j|s', { progress: 40, lastProgressUpdate: '2026-11-28T08:00:00-08:00' });
    const core = new FollowCore({ ...OPTIONS, refs: ['j|s'] });
    expect(poll(core, T, [silent])).toEqual([['added', 'j|s'], ['stalled', 'j|s']]);
    expect(core.verdicts()).toEqual(['stalled']);
    expect(core.allDone()).toBe(true);
    poll(core, T + 5_000, [{ ...silent, progress: 41, lastProgressUpdate: '2026-11-28T09:30:04-08:00' }]);
    expect(core.allDone()).toBe(false);
    poll(core, T + 10_000, [], [logOf(silent, { fatalError: true })]);
    expect(core.verdicts()).toEqual(['failed']);
    expect(verdictOf(core.jobs.get('j|s')!.state)).toBe('failed');
  });

  it('watching everything: finished jobs are forgotten after forgetAfterMs, their outcomes kept', () => {
    const core = new FollowCore({ ...OPTIONS, forgetAfterMs: 600_000 });
    const a = job('j|a');
    poll(core, T, [a]);
    poll(core, T + 5_000, [], [logOf(a)]);
    poll(core, T + 600_000, []);
    expect(core.jobs.size).toBe(1);
    poll(core, T + 605_000, []);
    expect(core.jobs.size).toBe(0);
    expect(core.verdicts()).toEqual(['succeeded']);
  });
});
