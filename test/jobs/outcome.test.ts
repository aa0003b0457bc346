import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { isFinishedLog, outcomeFromLog } from '../../src/jobs/outcome.js';

function log(overrides: Partial<JobLog> = {}): JobLog {
  return {
    jobHandle: 'j|1',
    jobName: 'Spring-Publish',
    logType: 'ImageServingPublishSuccess',
    startDate: '2026-11-28T09:00:00.000-08:00',
    endDate: '2026-11-28T09:10:00.000-08:00',
    totalFileCount: 120,
    fileSuccessCount: 120,
    fileErrorCount: 0,
    fileWarningCount: 0,
    fileDuplicateCount: 0,
    fatalError: false,
    detailArray: [],
    ...overrides,
  };
}

describe('outcome of a finished job from its log', () => {
  it('a clean log succeeded, with its counts and times', () => {
    expect(outcomeFromLog(log(), 'error')).toEqual({
      outcome: 'succeeded',
      reason: '120 files',
      counts: { total: 120, success: 120, error: 0, warning: 0, duplicate: 0 },
      startDate: '2026-11-28T09:00:00.000-08:00',
      endDate: '2026-11-28T09:10:00.000-08:00',
    });
  });

  it('a fatal error fails the job whatever --fail-on says', () => {
    for (const failOn of ['fatal', 'error', 'warning'] as const) {
      expect(outcomeFromLog(log({ fatalError: true, fileErrorCount: 3 }), failOn)).toMatchObject({ outcome: 'failed', reason: 'fatal error, 3 file errors' });
    }
  });

  it('file errors fail the job by default (--fail-on error) but only warn with --fail-on fatal', () => {
    expect(outcomeFromLog(log({ fileErrorCount: 42 }), 'error')).toMatchObject({ outcome: 'failed', reason: '42 file errors' });
    expect(outcomeFromLog(log({ fileErrorCount: 1 }), 'fatal')).toMatchObject({ outcome: 'succeeded_with_warnings', reason: '1 file error in 120 files' });
  });

  it('warnings fail the job only with --fail-on warning', () => {
    expect(outcomeFromLog(log({ fileWarningCount: 3 }), 'error')).toMatchObject({ outcome: 'succeeded_with_warnings', reason: '3 warnings in 120 files' });
    expect(outcomeFromLog(log({ fileWarningCount: 3 }), 'warning')).toMatchObject({ outcome: 'failed', reason: '3 file warnings' });
  });

  it('a …Failure log type (a stopped job) failed even without a fatal error', () => {
    expect(outcomeFromLog(log({ logType: 'UploadFailure' }), 'error')).toMatchObject({ outcome: 'failed', reason: 'ended as UploadFailure' });
  });

  it('a log without an end date is not finished', () => {
    expect(isFinishedLog(log())).toBe(true);
    expect(isFinishedLog(log({ endDate: undefined, logType: 'BeginUpload' }))).toBe(false);
  });
});
