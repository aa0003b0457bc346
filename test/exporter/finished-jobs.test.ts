// Which logs count as finished jobs: once each, none that ended before the exporter started, a query window that
// reaches back to the jobs that just left, and a memory that stays bounded over thousands of polls.
import { describe, expect, it } from 'vitest';
import { FinishedJobs } from '../../src/exporter/finished-jobs.js';
import type { ActiveJob, JobLog } from '../../src/ips/types.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-28T17:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function running(handle: string, startMs: number): ActiveJob {
  return { jobHandle: handle, name: handle, state: 'Running', startDate: iso(startMs), taskProgressArray: [] };
}

function log(handle: string, startMs: number, endMs?: number): JobLog {
  return { jobHandle: handle, jobName: handle, logType: 'ImageServingPublishSuccess', startDate: iso(startMs), ...(endMs === undefined ? {} : { endDate: iso(endMs) }), detailArray: [] };
}

/** A server's getJobLogs: the logs whose start is at or after startMs. */
function served(logs: readonly JobLog[], startMs: number | undefined): JobLog[] {
  return startMs === undefined ? [] : logs.filter((l) => Date.parse(l.startDate!) >= startMs);
}

const options = { slackMs: 10 * MINUTE, retainMs: 60 * MINUTE };

describe('FinishedJobs', () => {
  it('counts each finished job once, from the first poll on, and not jobs that are still running', () => {
    const finished = new FinishedJobs(options);
    const logs = [log('old', T0 - 30 * MINUTE, T0 - 20 * MINUTE), log('running', T0 - MINUTE)];
    const first = finished.plan([running('running', T0 - MINUTE)], T0);
    expect(first.startMs).toBeUndefined();
    expect(finished.record(first, served(logs, first.startMs))).toEqual([]);

    logs.push(log('quick', T0 + 10_000, T0 + 40_000));
    const second = finished.plan([running('running', T0 - MINUTE)], T0 + MINUTE);
    expect(second.startMs).toBe(T0 - options.slackMs);
    expect(finished.record(second, served(logs, second.startMs)).map((l) => l.jobHandle)).toEqual(['quick']);
    // 'old' came back in the query window too, and ended before the exporter started: never counted.
    logs.push(log('later', T0 + 70_000, T0 + 100_000));
    const third = finished.plan([running('running', T0 - MINUTE)], T0 + 2 * MINUTE);
    expect(finished.record(third, served(logs, third.startMs)).map((l) => l.jobHandle)).toEqual(['later']);
  });

  it('a job listed as Done is not finished yet: it is counted once it has left the list', () => {
    const finished = new FinishedJobs(options);
    const start = T0 - 5 * MINUTE;
    finished.record(finished.plan([running('publish', start)], T0), []);
    const logs = [log('publish', start, T0 + 30_000)];
    const done = finished.plan([{ ...running('publish', start), state: 'Done' }], T0 + MINUTE);
    expect(finished.record(done, served(logs, done.startMs))).toEqual([]);
    const left = finished.plan([], T0 + 2 * MINUTE);
    expect(left.startMs).toBeLessThanOrEqual(start);
    expect(finished.record(left, served(logs, left.startMs)).map((l) => l.jobHandle)).toEqual(['publish']);
    const after = finished.plan([], T0 + 3 * MINUTE);
    expect(finished.record(after, served(logs, after.startMs))).toEqual([]);
  });

  it('reaches back to the start of a long job that left the list, and counts a log that comes late', () => {
    const finished = new FinishedJobs(options);
    const sixHoursAgo = T0 - 6 * 60 * MINUTE;
    const active = [running('long', sixHoursAgo), running('late-log', T0 - 5 * MINUTE)];
    finished.record(finished.plan(active, T0), []);
    const logs = [log('long', sixHoursAgo, T0 + 30_000)];
    const gone = finished.plan([], T0 + MINUTE);
    expect(gone.startMs).toBe(sixHoursAgo - options.slackMs);
    expect(finished.record(gone, served(logs, gone.startMs)).map((l) => l.jobHandle)).toEqual(['long']);
    // The other job's log appears two polls after it left: still waited for, then counted once.
    const waiting = finished.plan([], T0 + 2 * MINUTE);
    expect(waiting.startMs).toBe(T0 - 5 * MINUTE - options.slackMs);
    expect(finished.record(waiting, served(logs, waiting.startMs))).toEqual([]);
    logs.push(log('late-log', T0 - 5 * MINUTE, T0 + 40_000));
    const found = finished.plan([], T0 + 3 * MINUTE);
    expect(finished.record(found, served(logs, found.startMs)).map((l) => l.jobHandle)).toEqual(['late-log']);
    const again = finished.plan([], T0 + 4 * MINUTE);
    expect(finished.record(again, served(logs, again.startMs))).toEqual([]);
    // Once counted, the window is back to the previous poll less the slack.
    expect(again.startMs).toBe(T0 + 3 * MINUTE - options.slackMs);
  });

  it('keeps its memory bounded over thousands of polls, and never counts a forgotten job twice', () => {
    const finished = new FinishedJobs(options);
    const logs: JobLog[] = [];
    let counted = 0;
    let most = 0;
    let active: ActiveJob[] = [];
    for (let poll = 0; poll < 5_000; poll++) {
      const now = T0 + poll * MINUTE;
      // Each minute a job starts, and the one started 3 minutes ago ends; a vanished job every 10th minute leaves no log.
      const ending = active.filter((job) => Date.parse(job.startDate!) <= now - 3 * MINUTE);
      for (const job of ending) if (!job.jobHandle!.endsWith('0')) logs.push(log(job.jobHandle!, Date.parse(job.startDate!), now - 1_000));
      active = [...active.filter((job) => !ending.includes(job)), running(`job-${poll}`, now)];
      const query = finished.plan(active, now);
      // A server that keeps every log: the query's start bounds what comes back.
      counted += finished.record(query, served(logs, query.startMs)).length;
      most = Math.max(most, finished.remembered);
      if (logs.length > 200) logs.splice(0, logs.length - 200);
    }
    // Jobs 0 to 4996 have ended by the last poll.
    const expected = Array.from({ length: 5_000 - 3 }, (_, i) => `job-${i}`).filter((handle) => !handle.endsWith('0')).length;
    expect(counted).toBe(expected);
    // An hour of counted jobs, the active ones and the vanished ones still waited for: about 60 + 3 + 6.
    expect(most).toBeLessThan(80);
  });
});
