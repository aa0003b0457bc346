// timeline's rows: from finished logs and the active list, one row a job, in the order they started.
import { describe, expect, it } from 'vitest';
import { latestRows, queuedSeconds, timelineJobs, type TimelineSources } from '../../src/jobs/timeline.js';
import { makeJob } from './job-fixtures.js';
import { makeLog } from './log-fixtures.js';

const NOW_MS = Date.parse('2026-11-28T12:00:00-08:00');

function sources(overrides: Partial<TimelineSources>): TimelineSources {
  return { logs: [], active: [], criteria: {}, failOn: 'error', toMs: NOW_MS, ...overrides };
}

describe('timelineJobs', () => {
  it('makes a row of a finished log: its dates, outcome by --fail-on, type stem and user', () => {
    const log = makeLog({ fileWarningCount: 2, logType: 'ImageServingPublishWarning' });
    const [row] = timelineJobs(sources({ logs: [log] }));
    expect(row).toMatchObject({
      jobName: 'Spring-Publish-0900',
      type: 'ImageServingPublish',
      submitUserEmail: 'ana@example.com',
      outcome: 'succeeded_with_warnings',
      startMs: Date.parse('2026-11-28T09:00:00-08:00'),
      endMs: Date.parse('2026-11-28T09:10:00-08:00'),
    });
    expect(row?.queuedMs).toBeUndefined();
    expect(timelineJobs(sources({ logs: [log], failOn: 'warning' }))[0]?.outcome).toBe('failed');
  });

  it('makes a running row of an active job, queued from its trigger time, with the type its logs use', () => {
    const job = makeJob({ type: 'UploadFromServerDirectory', triggerTime: '2026-11-28T09:10:00-08:00', startDate: '2026-11-28T09:14:00-08:00' });
    const [row] = timelineJobs(sources({ active: [job] }));
    expect(row).toMatchObject({ outcome: 'running', type: 'Upload', startMs: Date.parse('2026-11-28T09:14:00-08:00') });
    expect(row?.endMs).toBeUndefined();
    expect(queuedSeconds(row!, NOW_MS)).toBe(240);
  });

  it('keeps a job whose times IPS wrote unreadably: listed last, with what is known of it', () => {
    const unreadable = makeLog({ jobHandle: 'j|x', jobName: 'Garbled', startDate: 'yesterday', endDate: 'yesterday' });
    const garbledActive = makeJob({ jobHandle: 'j|y', name: 'Garbled-Active', startDate: 'yesterday', triggerTime: 'yesterday' });
    const rows = timelineJobs(sources({ logs: [unreadable, makeLog()], active: [garbledActive] }));
    expect(rows.map((row) => row.jobName)).toEqual(['Spring-Publish-0900', 'Garbled', 'Garbled-Active']);
    expect(rows[1]).toMatchObject({ startDate: 'yesterday', outcome: 'succeeded' });
    expect(rows[1]?.startMs).toBeUndefined();
  });

  it('a waiting job has not started: queued from its trigger to now', () => {
    const job = makeJob({ state: 'WaitingCoordinator', triggerTime: '2026-11-28T11:50:00-08:00', startDate: '2026-11-28T11:50:00-08:00' });
    const [row] = timelineJobs(sources({ active: [job] }));
    expect(row).toMatchObject({ outcome: 'waiting', triggerTime: '2026-11-28T11:50:00-08:00' });
    expect([row?.startMs, row?.startDate]).toEqual([undefined, undefined]);
    expect(queuedSeconds(row!, NOW_MS)).toBe(600);
  });

  it('a job in both lists is one row, running: the active list wins', () => {
    const log = makeLog({ jobHandle: 'j|1001', endDate: '2026-11-28T09:20:00-08:00' });
    const rows = timelineJobs(sources({ logs: [log, makeLog({ jobHandle: 'j|2002', jobName: 'other' })], active: [makeJob({ jobHandle: 'j|1001', state: 'Done' })] }));
    expect(rows.map((row) => [row.jobHandle, row.outcome])).toEqual([
      ['j|2002', 'succeeded'],
      ['j|1001', 'running'],
    ]);
  });

  it('a log without its end and not listed is running; one that failed already says so', () => {
    const rows = timelineJobs(
      sources({
        logs: [
          makeLog({ jobHandle: 'a', endDate: undefined, logType: 'BeginImageServingPublish' }),
          makeLog({ jobHandle: 'b', endDate: undefined, fatalError: true, startDate: '2026-11-28T09:01:00-08:00' }),
        ],
      }),
    );
    expect(rows.map((row) => [row.jobHandle, row.outcome, row.endMs])).toEqual([
      ['a', 'running', undefined],
      ['b', 'failed', undefined],
    ]);
  });

  it('orders rows by start, a waiting job by its trigger, ties by name', () => {
    const rows = timelineJobs(
      sources({
        logs: [
          makeLog({ jobHandle: '1', jobName: 'b', startDate: '2026-11-28T10:00:00-08:00' }),
          makeLog({ jobHandle: '2', jobName: 'a', startDate: '2026-11-28T10:00:00-08:00' }),
          makeLog({ jobHandle: '3', jobName: 'c', startDate: '2026-11-28T08:00:00-08:00' }),
        ],
        active: [makeJob({ jobHandle: '4', name: 'w', state: 'New', triggerTime: '2026-11-28T09:00:00-08:00' })],
      }),
    );
    expect(rows.map((row) => row.jobName)).toEqual(['c', 'w', 'a', 'b']);
  });

  it('filters both lists by type, name and user, an active type by the name its logs use', () => {
    const all = sources({
      logs: [makeLog({ jobHandle: 'l1', logType: 'UploadSuccess', jobName: 'up-log' }), makeLog({ jobHandle: 'l2', jobName: 'pub-log' })],
      active: [makeJob({ jobHandle: 'a1', type: 'UploadFromServerDirectory', name: 'up-active' }), makeJob({ jobHandle: 'a2', name: 'pub-active', submitUserEmail: 'raj@example.com' })],
    });
    const names = (criteria: TimelineSources['criteria']) => timelineJobs({ ...all, criteria }).map((row) => row.jobName).sort();
    expect(names({ types: ['Upload'] })).toEqual(['up-active', 'up-log']);
    expect(names({ types: ['UploadFromServerDirectory'] })).toEqual(['up-active', 'up-log']);
    expect(names({ name: 'pub-*' })).toEqual(['pub-active', 'pub-log']);
    expect(names({ user: 'RAJ@example.com' })).toEqual(['pub-active']);
  });

  it('keeps an active job that began long before the window: it ran in it, and is never aged out while listed', () => {
    const old = makeJob({ jobHandle: 'j|old', name: 'Old-Upload', startDate: '2026-11-20T09:00:00-08:00' });
    const rows = timelineJobs(sources({ active: [old], logs: [makeLog()] }));
    expect(rows.map((row) => [row.jobName, row.outcome])).toEqual([
      ['Old-Upload', 'running'],
      ['Spring-Publish-0900', 'succeeded'],
    ]);
  });

  it('leaves out active jobs that began after the window', () => {
    const job = makeJob({ startDate: '2026-11-28T11:00:00-08:00' });
    expect(timelineJobs(sources({ active: [job], toMs: Date.parse('2026-11-28T10:00:00-08:00') }))).toEqual([]);
    expect(timelineJobs(sources({ active: [job] }))).toHaveLength(1);
  });
});

describe('latestRows', () => {
  it('keeps the latest that fit and counts the rest', () => {
    expect(latestRows([1, 2, 3, 4, 5], 2)).toEqual({ shown: [4, 5], hidden: 3 });
    expect(latestRows([1, 2], 5)).toEqual({ shown: [1, 2], hidden: 0 });
    expect(latestRows([1, 2], 0)).toEqual({ shown: [1, 2], hidden: 0 });
  });
});
