import { describe, expect, it } from 'vitest';
import { detailSeverity, isErrorDetail } from '../../src/jobs/log-detail.js';
import { makeDetail } from './log-fixtures.js';

describe('what a detail row is about', () => {
  it('errors, failures and fatal errors count as errors (--errors)', () => {
    for (const logType of ['UploadError', 'GetFailure', 'FatalError', 'publishtocmerror']) {
      expect(isErrorDetail(makeDetail({ logType })), logType).toBe(true);
    }
  });

  it('so does a row whose aux message is an error', () => {
    const detail = makeDetail({ logType: 'UploadWarning', auxArray: [{ logType: 'IPSJobLog.gcUploadError', logMessage: 'corrupt' }] });
    expect(isErrorDetail(detail)).toBe(true);
  });

  it('successes, warnings and bookkeeping rows are not errors', () => {
    for (const logType of ['UploadSuccess', 'UploadWarning', 'JobClient', 'DuplicateSkipped', 'TotalFileCount']) {
      expect(isErrorDetail(makeDetail({ logType })), logType).toBe(false);
    }
  });

  it('severity: error, warning (also from an aux) or info', () => {
    expect(detailSeverity(makeDetail({ logType: 'UploadError' }))).toBe('error');
    expect(detailSeverity(makeDetail({ logType: 'UploadWarning' }))).toBe('warning');
    expect(detailSeverity(makeDetail({ logType: 'FileUpdated', auxArray: [{ logType: 'IPSJobLog.gcUploadWarning' }] }))).toBe('warning');
    expect(detailSeverity(makeDetail())).toBe('info');
  });
});
