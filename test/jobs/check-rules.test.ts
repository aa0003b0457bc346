import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { checkNeeds, enabledRules, observeProgress, ruleKind, runChecks, type CheckRules } from '../../src/jobs/check-rules.js';
import { makeJob, NOW } from './job-fixtures.js';

const MIN = 60_000;
const base: CheckRules = { failOn: 'error' };

function log(overrides: Partial<JobLog>): JobLog {
  return { jobHandle: 'j|9', jobName: 'Nightly-Publish', logType: 'ImageServingPublishSuccess', endDate: '2026-11-28T09:20:00-08:00', totalFileCount: 10, fileErrorCount: 0, fatalError: false, detailArray: [], ...overrides };
}

describe('check rules', () => {
  it('--stalled: a running job silent past the limit, unless its progress moved since the last run', () => {
    const silent = makeJob({ jobHandle: 'j|1', progress: 40, lastProgressUpdate: '2026-11-28T08:50:00-08:00' });
    const report = runChecks({ ...base, stalledMs: 30 * MIN }, { active: [silent], logs: [], now: NOW, previous: {} });
    expect(report.problems).toEqual([
      expect.objectContaining({ key: 'stalled:j|1', rule: 'stalled', jobHandle: 'j|1', measured: '40m', limit: '30m', message: 'no progress for 40m (limit 30m) at 40%' }),
    ]);
    const moved = runChecks({ ...base, stalledMs: 30 * MIN }, { active: [silent], logs: [], now: NOW, previous: { 'j|1': { progress: 35 } } });
    expect(moved.problems).toEqual([]);
    expect(moved.checked).toHaveLength(1);
  });

  it('--queued: a waiting job older than the limit, from startDate, else triggerTime', () => {
    const queued = makeJob({ jobHandle: 'j|2', state: 'WaitingCoordinator', startDate: undefined, triggerTime: '2026-11-28T09:00:00-08:00' });
    const fresh = makeJob({ jobHandle: 'j|3', state: 'New', startDate: '2026-11-28T09:29:00-08:00' });
    const report = runChecks({ ...base, queuedMs: 15 * MIN }, { active: [queued, fresh], logs: [], now: NOW, previous: {} });
    expect(report.problems.map((p) => [p.key, p.message])).toEqual([['queued:j|2', 'WaitingCoordinator for 30m (limit 15m)']]);
  });

  it('--running-longer: an active job older than the limit', () => {
    const long = makeJob({ jobHandle: 'j|4', startDate: '2026-11-28T07:00:00-08:00' });
    const report = runChecks({ ...base, runningLongerMs: 60 * MIN }, { active: [long, makeJob()], logs: [], now: NOW, previous: {} });
    expect(report.problems.map((p) => p.message)).toEqual(['active for 2h 30m (limit 1h)']);
  });

  it('--max-active: one company-wide problem', () => {
    const jobs = [makeJob({ jobHandle: 'a' }), makeJob({ jobHandle: 'b' }), makeJob({ jobHandle: 'c' })];
    expect(runChecks({ ...base, maxActive: 2 }, { active: jobs, logs: [], now: NOW, previous: {} }).problems).toEqual([
      expect.objectContaining({ key: 'max-active', measured: '3', limit: '2', message: '3 active jobs (limit 2)' }),
    ]);
    expect(runChecks({ ...base, maxActive: 3 }, { active: jobs, logs: [], now: NOW, previous: {} }).problems).toEqual([]);
  });

  it('--failed-since: logs ending in the window that failed by --fail-on', () => {
    const logs = [
      log({ jobHandle: 'j|5', fatalError: true }),
      log({ jobHandle: 'j|6', fileWarningCount: 2 }),
      log({ jobHandle: 'j|7', fatalError: true, endDate: '2026-11-28T06:00:00-08:00' }),
    ];
    const errors = runChecks({ ...base, failedSinceMs: 60 * MIN }, { active: [], logs, now: NOW, previous: {} });
    expect(errors.problems.map((p) => [p.key, p.message])).toEqual([['failed:j|5', 'failed: fatal error']]);
    const warnings = runChecks({ failOn: 'warning', failedSinceMs: 60 * MIN }, { active: [], logs, now: NOW, previous: {} });
    expect(warnings.problems.map((p) => p.key)).toEqual(['failed:j|5', 'failed:j|6']);
  });

  it('remembers each active job’s progress for the next run', () => {
    expect(observeProgress([makeJob({ jobHandle: 'j|1', progress: 12 }), makeJob({ jobHandle: 'j|2', progress: undefined })])).toEqual({ 'j|1': { progress: 12 }, 'j|2': {} });
  });

  it('one table: a failed job is an event, every other rule a condition; each says what it needs from IPS', () => {
    expect(['stalled', 'queued', 'running-longer', 'max-active', 'failed'].map((rule) => [rule, ruleKind(rule)])).toEqual([
      ['stalled', 'condition'],
      ['queued', 'condition'],
      ['running-longer', 'condition'],
      ['max-active', 'condition'],
      ['failed', 'event'],
    ]);
    expect(ruleKind('later-rule')).toBeUndefined();
    expect(enabledRules(base)).toEqual([]);
    expect(enabledRules({ ...base, failedSinceMs: 60 * MIN, maxActive: 0, stalledMs: 0 })).toEqual(['stalled', 'max-active', 'failed']);
    expect(checkNeeds({ ...base, maxActive: 3 })).toEqual({ activeJobs: true });
    expect(checkNeeds({ ...base, failedSinceMs: 60 * MIN })).toEqual({ activeJobs: false, logLookbackMs: 25 * 60 * MIN });
  });

  it('--failed-since: a failure carries its end, for the state file', () => {
    const report = runChecks({ ...base, failedSinceMs: 60 * MIN }, { active: [], logs: [log({ jobHandle: 'j|5', fatalError: true })], now: NOW, previous: {} });
    expect(report.problems.map((p) => p.endedAt)).toEqual([Date.parse('2026-11-28T09:20:00-08:00')]);
  });
});
