// One job's life, poll by poll, without a server: the machine's states and the events it says.
import { describe, expect, it } from 'vitest';
import { firstSeen, isOwnFinishedLog, knownFromLog, step, type JobState, type MachineRules, type Observation } from '../../src/follow/job-machine.js';
import type { ActiveJob } from '../../src/ips/types.js';
import { makeJob, NOW } from '../jobs/job-fixtures.js';
import { makeLog } from '../jobs/log-fixtures.js';

const RULES: MachineRules = { stallWindowMs: 30 * 60_000, logGraceMs: 60_000, failOn: 'error' };
const T = NOW.getTime();
const HANDLE = 'j|1001';
const ownLog = makeLog({ jobHandle: HANDLE, jobName: 'spring-catalogue' });

/** Runs the observations from the job's first sighting; returns the final state and every event as [type, detail]. */
function run(first: ActiveJob, observations: Observation[], rules = RULES): { state: JobState; events: string[][] } {
  let { state, events } = firstSeen(first, T, rules);
  const all = [...events];
  for (const observation of observations) {
    ({ state, events } = step(state, observation, rules));
    all.push(...events);
  }
  return { state, events: all.map((e) => [e.type, e.detail]) };
}

describe('a job in the active list', () => {
  it('is added with its state and progress', () => {
    expect(run(makeJob(), []).events).toEqual([['added', 'Running 50%']]);
  });

  it('says a state change and a progress change, in that order, and nothing when nothing changed', () => {
    const waiting = makeJob({ state: 'WaitingCoordinator', progress: 0 });
    const running = makeJob({ state: 'Running', progress: 5, progressMessage: 'Publishing 1 of 20' });
    expect(run(waiting, [{ kind: 'listed', job: running, now: T }, { kind: 'listed', job: running, now: T + 1 }]).events).toEqual([
      ['added', 'WaitingCoordinator 0%'],
      ['state', 'WaitingCoordinator → Running'],
      ['progress', '0% → 5% Publishing 1 of 20'],
    ]);
  });

  it('stalls once when its progress stands still past the window, and resumes when it moves', () => {
    const silent = makeJob({ progress: 40, lastProgressUpdate: '2026-11-28T08:59:00-08:00' });
    const moved = { ...silent, progress: 41, lastProgressUpdate: '2026-11-28T09:29:59-08:00' };
    const { events, state } = run(silent, [{ kind: 'listed', job: silent, now: T }, { kind: 'listed', job: moved, now: T }]);
    expect(events).toEqual([
      ['added', 'Running 40%'],
      ['stalled', 'no progress for 31m at 40%'],
      ['progress', '40% → 41% Publishing images'],
      ['resumed', '41%'],
    ]);
    expect(state).toMatchObject({ phase: 'listed', stalled: false });
  });

  it('never stalls with a window of 0', () => {
    const silent = makeJob({ lastProgressUpdate: '2026-11-27T08:59:00-08:00' });
    expect(run(silent, [], { ...RULES, stallWindowMs: 0 }).events).toEqual([['added', 'Running 50%']]);
  });

  it('is not finished by its log while it is listed, even as Done', () => {
    const done = makeJob({ state: 'Done', progress: 100 });
    const { state, events } = run(done, [{ kind: 'log', log: ownLog, now: T + 1 }]);
    expect(state.phase).toBe('listed');
    expect(events.map(([type]) => type)).toEqual(['added']);
  });
});

describe('a job that left the active list', () => {
  it('is finished by its own log, with the outcome the log gives', () => {
    const failed = { ...ownLog, fatalError: true, logType: 'ImageServingPublishFailure' };
    const { state, events } = run(makeJob(), [{ kind: 'absent', now: T + 1 }, { kind: 'log', log: failed, now: T + 1 }]);
    expect(state).toMatchObject({ phase: 'finished', result: { outcome: 'failed', reason: 'fatal error' }, at: T + 1 });
    expect(events.at(-1)).toEqual(['finished', 'failed: fatal error']);
  });

  it("never by another job's log, nor by a log without an end", () => {
    expect(isOwnFinishedLog(makeJob(), makeLog({ jobHandle: 'j|other' }))).toBe(false);
    expect(isOwnFinishedLog(makeJob(), { ...ownLog, endDate: undefined })).toBe(false);
    expect(isOwnFinishedLog(makeJob({ jobHandle: undefined }), { ...ownLog, jobHandle: undefined })).toBe(false);
    const other = makeLog({ jobHandle: 'j|other' });
    const { state } = run(makeJob(), [{ kind: 'absent', now: T }, { kind: 'log', log: other, now: T + 1 }]);
    expect(state.phase).toBe('gone');
  });

  it('waits out --log-grace from the first poll without it, then is vanished', () => {
    const gone: Observation[] = [{ kind: 'absent', now: T }, { kind: 'log', log: undefined, now: T }];
    expect(run(makeJob(), [...gone, { kind: 'log', log: undefined, now: T + 59_999 }]).state.phase).toBe('gone');
    const { state, events } = run(makeJob(), [...gone, { kind: 'absent', now: T + 60_000 }, { kind: 'log', log: undefined, now: T + 60_000 }]);
    expect(state).toMatchObject({ phase: 'vanished', goneAt: T, at: T + 60_000 });
    expect(events.at(-1)).toEqual(['vanished', 'left the active list and no job log appeared']);
  });

  it('a log that comes late within the grace finishes it', () => {
    const { state } = run(makeJob(), [{ kind: 'absent', now: T }, { kind: 'log', log: undefined, now: T }, { kind: 'log', log: ownLog, now: T + 30_000 }]);
    expect(state).toMatchObject({ phase: 'finished', result: { outcome: 'succeeded' } });
  });

  it('listed again, it was never gone: the grace starts over', () => {
    const { state } = run(makeJob(), [
      { kind: 'absent', now: T },
      { kind: 'listed', job: makeJob(), now: T + 50_000 },
      { kind: 'absent', now: T + 70_000 },
      { kind: 'log', log: undefined, now: T + 70_000 },
    ]);
    expect(state).toMatchObject({ phase: 'gone', goneAt: T + 70_000 });
  });
});

describe('an outcome is final', () => {
  it('nothing moves a finished or vanished job', () => {
    const finished = run(makeJob(), [{ kind: 'absent', now: T }, { kind: 'log', log: ownLog, now: T }]).state;
    for (const observation of [{ kind: 'listed', job: makeJob(), now: T + 1 }, { kind: 'absent', now: T + 1 }, { kind: 'log', log: undefined, now: T + 10 ** 9 }] as Observation[]) {
      expect(step(finished, observation, RULES)).toEqual({ state: finished, events: [] });
    }
  });

  it('a job known only from its log is finished at once, shaped from the log', () => {
    const { state, events } = knownFromLog(ownLog, T, RULES);
    expect(state).toMatchObject({ phase: 'finished', job: { jobHandle: HANDLE, name: 'spring-catalogue', originalName: 'Spring-Publish' } });
    expect(events.map((e) => e.type)).toEqual(['finished']);
  });
});
