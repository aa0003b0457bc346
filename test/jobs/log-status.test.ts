import { describe, expect, it } from 'vitest';
import { hasFindings, logStatus, statusRank } from '../../src/jobs/log-status.js';
import { makeLog } from './log-fixtures.js';

describe('the status of a logged job', () => {
  it('a clean finished log succeeded', () => {
    expect(logStatus(makeLog(), 'error')).toBe('succeeded');
  });

  it('file errors fail it by default, and are only warnings with --fail-on fatal', () => {
    const log = makeLog({ fileErrorCount: 2, logType: 'ImageServingPublishWarning' });
    expect(logStatus(log, 'error')).toBe('failed');
    expect(logStatus(log, 'fatal')).toBe('with warnings');
  });

  it('warnings are "with warnings", and fail it with --fail-on warning', () => {
    const log = makeLog({ fileWarningCount: 3, logType: 'ImageServingPublishWarning' });
    expect(logStatus(log, 'error')).toBe('with warnings');
    expect(logStatus(log, 'warning')).toBe('failed');
  });

  it('a fatal error or a …Failure log type fails it whatever --fail-on says', () => {
    for (const failOn of ['fatal', 'error', 'warning'] as const) {
      expect(logStatus(makeLog({ fatalError: true }), failOn)).toBe('failed');
      expect(logStatus(makeLog({ logType: 'UploadFailure' }), failOn)).toBe('failed');
    }
  });

  it('a log without an end date is running — unless it already says it failed', () => {
    expect(logStatus(makeLog({ endDate: undefined, logType: 'BeginUpload', fileErrorCount: 1 }), 'error')).toBe('running');
    expect(logStatus(makeLog({ endDate: undefined, fatalError: true }), 'error')).toBe('failed');
  });

  it('findings: warnings, errors, a fatal error or a failure', () => {
    expect(hasFindings(makeLog(), 'error')).toBe(false);
    expect(hasFindings(makeLog({ fileWarningCount: 1 }), 'error')).toBe(true);
    expect(hasFindings(makeLog({ fileErrorCount: 1 }), 'fatal')).toBe(true);
    expect(hasFindings(makeLog({ fatalError: true }), 'error')).toBe(true);
    expect(hasFindings(makeLog({ logType: 'UploadFailure' }), 'error')).toBe(true);
  });

  it('ranks statuses best first', () => {
    expect(['failed', 'succeeded', 'with warnings', 'running'].sort((a, b) => statusRank(a as never) - statusRank(b as never))).toEqual([
      'succeeded',
      'running',
      'with warnings',
      'failed',
    ]);
  });
});
