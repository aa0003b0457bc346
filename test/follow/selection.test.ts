// Which jobs a reference picks: handles, names and globs against one poll's active list and logs.
import { describe, expect, it } from 'vitest';
import { chooseOne, newestUnfinishedLog, notFoundReason, refPicksActive, refPicksLogs } from '../../src/follow/selection.js';
import { makeJob } from '../jobs/job-fixtures.js';
import { makeLog } from '../jobs/log-fixtures.js';

/** --since: 10 minutes before 09:30. */
const SINCE = Date.parse('2026-11-28T09:20:00-08:00');
const running = makeJob({ jobHandle: 'j|1', name: 'Spring-Publish-0925', originalName: 'Spring-Publish', startDate: '2026-11-28T09:25:00-08:00' });
const oldRunning = makeJob({ jobHandle: 'j|2', name: 'Spring-Publish-0600', originalName: 'Spring-Publish', startDate: '2026-11-28T06:00:00-08:00' });
const log = (overrides: Parameters<typeof makeLog>[0]) => makeLog({ originalJobName: 'Spring-Publish', ...overrides });

describe('an active job', () => {
  it('is picked by its handle, its name or its original name, or a glob, whatever its age', () => {
    for (const ref of ['j|2', 'Spring-Publish-0600', 'Spring-Publish', 'spring-*']) expect(refPicksActive(ref, oldRunning)).toBe(true);
    expect(refPicksActive('Autumn-Publish', oldRunning)).toBe(false);
  });

  it('is never picked by a handle that is not its own, even one equal to its name', () => {
    expect(refPicksActive('j|1', oldRunning)).toBe(false);
    expect(refPicksActive('x|Spring-Publish-0600', makeJob({ jobHandle: 'j|3', name: 'x|Spring-Publish-0600' }))).toBe(false);
  });
});

describe('a finished log', () => {
  const yesterday = log({ jobHandle: 'j|y', startDate: '2026-11-27T09:25:00-08:00', endDate: '2026-11-27T09:35:00-08:00' });
  const today = log({ jobHandle: 'j|t', startDate: '2026-11-28T09:21:00-08:00', endDate: '2026-11-28T09:24:00-08:00' });
  const later = log({ jobHandle: 'j|l', startDate: '2026-11-28T09:22:00-08:00', endDate: '2026-11-28T09:26:00-08:00' });
  const unfinished = log({ jobHandle: 'j|u', startDate: '2026-11-28T09:28:00-08:00', endDate: undefined });

  it('by name: the newest started since --since; yesterday\'s never', () => {
    expect(refPicksLogs('Spring-Publish', [yesterday, later, today, unfinished], SINCE)).toEqual([later]);
    expect(refPicksLogs('Spring-Publish', [yesterday], SINCE)).toEqual([]);
  });

  it('by glob: every one started since --since (the newest only when one job is wanted)', () => {
    expect(refPicksLogs('Spring-*', [yesterday, today, later], SINCE)).toEqual([today, later]);
    expect(refPicksLogs('Spring-*', [yesterday, today, later], SINCE, true)).toEqual([later]);
  });

  it('by handle: its own finished log only, whatever its age', () => {
    expect(refPicksLogs('j|y', [today, yesterday], SINCE)).toEqual([yesterday]);
    expect(refPicksLogs('j|u', [unfinished], SINCE)).toEqual([]);
  });
});

describe('a log with no end yet (show and log only, when a name picks nothing else)', () => {
  const older = log({ jobHandle: 'j|o', startDate: '2026-11-28T09:21:00-08:00', endDate: undefined });
  const newer = log({ jobHandle: 'j|n', startDate: '2026-11-28T09:25:00-08:00', endDate: '' });
  const yesterday = log({ jobHandle: 'j|y', startDate: '2026-11-27T09:25:00-08:00', endDate: undefined });
  const ended = log({ jobHandle: 'j|e', startDate: '2026-11-28T09:28:00-08:00', endDate: '2026-11-28T09:29:00-08:00' });

  it('by name or glob: the newest started since --since; a finished one never, nor yesterday\'s', () => {
    expect(newestUnfinishedLog('Spring-Publish', [older, newer, yesterday, ended], SINCE)).toBe(newer);
    expect(newestUnfinishedLog('spring-*', [older, yesterday, ended], SINCE)).toBe(older);
    expect(newestUnfinishedLog('Spring-Publish', [yesterday, ended], SINCE)).toBeUndefined();
  });

  it('never for a handle (its own log is read by handle), and never what wait chooses', () => {
    expect(newestUnfinishedLog('j|o', [older], SINCE)).toBeUndefined();
    expect(chooseOne('Spring-Publish', [], [older], SINCE)).toEqual({ kind: 'none' });
  });
});

describe('the one job wait, show and log take', () => {
  it('one active job of that name, whatever its age', () => {
    expect(chooseOne('Spring-Publish', [oldRunning], [], SINCE)).toEqual({ kind: 'active', job: oldRunning });
  });

  it('several active jobs of that name are ambiguous; a handle never is', () => {
    expect(chooseOne('Spring-Publish', [running, oldRunning], [], SINCE)).toEqual({ kind: 'ambiguous', jobs: [running, oldRunning] });
    expect(chooseOne('j|2', [running, oldRunning], [], SINCE)).toEqual({ kind: 'active', job: oldRunning });
  });

  it('a job of that name that started after the running one and has finished is the newer job', () => {
    const newer = log({ jobHandle: 'j|n', startDate: '2026-11-28T09:26:00-08:00', endDate: '2026-11-28T09:28:00-08:00' });
    const older = log({ jobHandle: 'j|o', startDate: '2026-11-28T09:21:00-08:00', endDate: '2026-11-28T09:22:00-08:00' });
    expect(chooseOne('Spring-Publish', [running], [newer], SINCE)).toEqual({ kind: 'logged', log: newer });
    expect(chooseOne('Spring-Publish', [running], [older], SINCE)).toEqual({ kind: 'active', job: running });
  });

  it('none active: the newest log since --since, else none', () => {
    const today = log({ jobHandle: 'j|t', startDate: '2026-11-28T09:21:00-08:00' });
    expect(chooseOne('Spring-Publish', [], [today], SINCE)).toEqual({ kind: 'logged', log: today });
    expect(chooseOne('Spring-Publish', [], [], SINCE)).toEqual({ kind: 'none' });
  });
});

describe('not found', () => {
  it('says what was searched: the active list, and for a name the logs since when', () => {
    expect(notFoundReason('Spring-Publish', SINCE)).toBe('no active job and no job log since 2026-11-28T17:20:00Z named Spring-Publish');
    expect(notFoundReason('j|1001||Spring|7', SINCE)).toBe('no active job and no job log with the handle j|1001||Spring|7');
  });
});
