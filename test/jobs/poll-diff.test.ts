import { describe, expect, it } from 'vitest';
import { diffPoll, type Observation } from '../../src/jobs/poll-diff.js';
import { makeJob, NOW } from './job-fixtures.js';

const THIRTY_MINUTES = 30 * 60_000;

function first(jobs: Parameters<typeof diffPoll>[1]) {
  return diffPoll(new Map<string, Observation>(), jobs, NOW, THIRTY_MINUTES);
}

describe('poll-to-poll events', () => {
  it('the first poll adds every job', () => {
    const { events } = first([makeJob({ jobHandle: 'j|1' }), makeJob({ jobHandle: 'j|2', state: 'New', progress: 0 })]);
    expect(events.map((e) => [e.type, e.jobHandle, e.detail])).toEqual([
      ['added', 'j|1', 'Running 50%'],
      ['added', 'j|2', 'New 0%'],
    ]);
  });

  it('a state change and a progress change, in that order', () => {
    const { observations } = first([makeJob({ state: 'WaitingCoordinator', progress: 0 })]);
    const { events } = diffPoll(observations, [makeJob({ state: 'Running', progress: 5, progressMessage: 'Publishing 1 of 20' })], NOW, THIRTY_MINUTES);
    expect(events.map((e) => [e.type, e.detail])).toEqual([
      ['state', 'WaitingCoordinator → Running'],
      ['progress', '0% → 5% Publishing 1 of 20'],
    ]);
  });

  it('nothing changed, nothing said', () => {
    const job = makeJob();
    const { observations } = first([job]);
    expect(diffPoll(observations, [job], NOW, THIRTY_MINUTES).events).toEqual([]);
  });

  it('a job whose progress stood still past the window stalls once, then resumes when it moves', () => {
    const silent = makeJob({ progress: 40, lastProgressUpdate: '2026-11-28T08:59:00-08:00' });
    const { events: atStart, observations } = first([silent]);
    expect(atStart.map((e) => e.type)).toEqual(['added', 'stalled']);
    expect(atStart[1]?.detail).toBe('no progress for 31m at 40%');
    const again = diffPoll(observations, [silent], NOW, THIRTY_MINUTES);
    expect(again.events).toEqual([]);
    const moved = diffPoll(again.observations, [{ ...silent, progress: 41, lastProgressUpdate: '2026-11-28T09:29:59-08:00' }], NOW, THIRTY_MINUTES);
    expect(moved.events.map((e) => e.type)).toEqual(['progress', 'resumed']);
  });

  it('a job missing from the new poll is gone (the follower then reads its log)', () => {
    const { observations } = first([makeJob({ jobHandle: 'j|1' }), makeJob({ jobHandle: 'j|2' })]);
    const { events, observations: next } = diffPoll(observations, [makeJob({ jobHandle: 'j|2' })], NOW, THIRTY_MINUTES);
    expect(events.map((e) => [e.type, e.jobHandle])).toEqual([['gone', 'j|1']]);
    expect([...next.keys()]).toEqual(['j|2']);
  });

  it('stall detection off with a window of 0', () => {
    const silent = makeJob({ lastProgressUpdate: '2026-11-27T08:59:00-08:00' });
    expect(diffPoll(new Map(), [silent], NOW, 0).events.map((e) => e.type)).toEqual(['added']);
  });
});
