import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { countsFromLog, outcomeDocument, outcomeLine } from '../../src/render/outcome-text.js';
import { createPalette } from '../../src/render/palette.js';
import { makeJob } from '../jobs/job-fixtures.js';

const log: JobLog = {
  jobHandle: 'j|1001',
  jobName: 'Spring-Catalog-Publish',
  originalJobName: 'Spring-Catalog-Publish',
  logType: 'ImageServingPublishSuccess',
  startDate: '2026-11-28T09:14:00-08:00',
  endDate: '2026-11-28T09:29:30.500-08:00',
  totalFileCount: 120,
  fileSuccessCount: 117,
  fileErrorCount: 0,
  fileWarningCount: 3,
  fileDuplicateCount: 0,
  fileUpdateCount: 0,
  detailArray: [],
};

describe('outcomeLine', () => {
  it('says what happened, with the numbers, for every outcome', () => {
    expect(outcomeLine({ outcome: 'succeeded', jobName: 'Spring-Catalog-Publish', counts: { total: 120, error: 0 } })).toBe(
      'succeeded: 120 files, 0 errors (Spring-Catalog-Publish)',
    );
    expect(outcomeLine({ outcome: 'succeeded_with_warnings', jobName: 'Spring-Catalog-Publish', counts: countsFromLog(log) })).toBe(
      'succeeded with warnings: 3 warnings in 120 files (Spring-Catalog-Publish)',
    );
    expect(outcomeLine({ outcome: 'failed', jobName: 'Kestrel-Spring-Publish', counts: { total: 300, error: 42 } })).toBe(
      'failed: 42 file errors (Kestrel-Spring-Publish)',
    );
    expect(outcomeLine({ outcome: 'stalled', jobName: 'Kestrel-Spring-Publish', silentForMs: 31 * 60_000 })).toBe(
      'stalled: no progress for 31m (Kestrel-Spring-Publish)',
    );
    expect(outcomeLine({ outcome: 'vanished', jobName: 'x' })).toBe('vanished: left the active jobs without a job log (x)');
    expect(outcomeLine({ outcome: 'not_found', jobName: 'nope*' })).toBe('not found: no active job or job log by that name (nope*)');
    expect(outcomeLine({ outcome: 'timeout', jobName: 'x', waitedMs: 600_000 })).toBe('timeout: gave up after 10m (x)');
  });

  it('adds the reason after the numbers, and copes with knowing nothing', () => {
    expect(outcomeLine({ outcome: 'failed', jobName: 'x', counts: { error: 2 }, reason: 'Fatal error: disk full' })).toBe(
      'failed: 2 file errors; Fatal error: disk full (x)',
    );
    expect(outcomeLine({ outcome: 'failed', reason: 'Fatal error' })).toBe('failed: Fatal error');
    expect(outcomeLine({ outcome: 'succeeded' })).toBe('succeeded');
    expect(outcomeLine({ outcome: 'succeeded', counts: { total: 1, error: 1, duplicate: 2 } })).toBe('succeeded: 1 file, 1 error, 2 duplicates skipped');
    expect(outcomeLine({ outcome: 'succeeded_with_warnings', counts: { warning: 1, error: 2 } })).toBe('succeeded with warnings: 1 warning, 2 errors');
  });

  it('shows control characters in server text as escapes', () => {
    const line = outcomeLine({ outcome: 'failed', jobName: 'evil\x1b[2J', reason: 'line1\nline2' });
    expect(line).toBe('failed: line1\\nline2 (evil\\x1b[2J)');
  });

  it('colours the outcome word when given a palette', () => {
    const palette = createPalette(true);
    expect(outcomeLine({ outcome: 'failed', jobName: 'x' }, palette)).toBe('\x1b[31mfailed\x1b[39m (x)');
    expect(outcomeLine({ outcome: 'succeeded' }, palette)).toBe('\x1b[32msucceeded\x1b[39m');
  });
});

describe('outcomeDocument', () => {
  it('ips-jobs wait -o json: the outcome, the job, the log counts under their IPS names, the dates and duration', () => {
    const job = makeJob({ name: 'Spring-Catalog-Publish', originalName: 'Spring-Catalog-Publish' });
    expect(outcomeDocument({ outcome: 'succeeded_with_warnings', job, log })).toEqual({
      schemaVersion: 1,
      outcome: 'succeeded_with_warnings',
      job: { jobHandle: 'j|1001', name: 'Spring-Catalog-Publish', originalName: 'Spring-Catalog-Publish', type: 'ImageServingPublishJob', jobType: 'ImageServingPublishJob' },
      counts: {
        totalFileCount: 120,
        fileSuccessCount: 117,
        fileErrorCount: 0,
        fileWarningCount: 3,
        fileDuplicateCount: 0,
        fileUpdateCount: 0,
      },
      startDate: '2026-11-28T09:14:00-08:00',
      endDate: '2026-11-28T09:29:30.500-08:00',
      durationMs: 930_500,
      reason: null,
    });
  });

  it('names the type once for active and logged jobs: jobType from the job, else from its log', () => {
    expect(outcomeDocument({ outcome: 'succeeded', job: makeJob({ type: 'UrlUpload' }), log }).job).toMatchObject({ type: 'UrlUpload', jobType: 'UploadUrls' });
    expect(outcomeDocument({ outcome: 'succeeded', log: { ...log, logType: 'UploadUrlsSuccess' } }).job).toMatchObject({ type: null, jobType: 'UploadUrls' });
  });

  it('without a log: counts and end date null, no duration, the job as last seen', () => {
    const doc = outcomeDocument({ outcome: 'stalled', job: makeJob(), reason: 'no progress for 31m' });
    expect(doc.counts).toBeNull();
    expect(doc.endDate).toBeNull();
    expect(doc.startDate).toBe('2026-11-28T09:14:00-08:00');
    expect('durationMs' in doc).toBe(false);
    expect(doc.reason).toBe('no progress for 31m');
  });

  it('for a job not found keeps every key, null where unknown', () => {
    const doc = outcomeDocument({ outcome: 'not_found', job: { name: 'nope*' } });
    expect(JSON.parse(JSON.stringify(doc))).toEqual({
      schemaVersion: 1,
      outcome: 'not_found',
      job: { jobHandle: null, name: 'nope*', originalName: null, type: null, jobType: null },
      counts: null,
      startDate: null,
      endDate: null,
      reason: null,
    });
  });

  it('keeps server text raw (json is for programs)', () => {
    expect(outcomeDocument({ outcome: 'failed', job: { name: 'a\x1b[2J' } }).job.name).toBe('a\x1b[2J');
  });
});
