import { describe, expect, it } from 'vitest';
import { createPalette } from '../../src/render/palette.js';
import { renderLogSummary } from '../../src/render/log-summary.js';
import { makeLog } from '../jobs/log-fixtures.js';

const plain = createPalette(false);

describe('the summary of one job log', () => {
  it('names the job, its type, times, counts and status, one labelled line each', () => {
    const text = renderLogSummary(makeLog({ fileWarningCount: 2, fileSuccessCount: 118, logType: 'ImageServingPublishWarning', detailTotalRows: 126 }), {
      failOn: 'error',
      palette: plain,
    });
    expect(text.split('\n')).toEqual([
      'Job:         Spring-Publish-0900 (submitted as Spring-Publish)',
      'Handle:      j|42||Spring-Publish-0900|1001',
      'Type:        ImageServingPublish (log type ImageServingPublishWarning, subtype full)',
      'Description: Spring catalogue',
      'User:        ana@example.com',
      'Started:     2026-11-28 09:00:00',
      'Ended:       2026-11-28 09:10:00',
      'Duration:    10m',
      'Files:       120 total, 118 succeeded, 2 warnings, 0 errors, 0 duplicates, 0 updated',
      'Transfers:   120 succeeded, 0 warnings, 0 errors',
      'Status:      with warnings (2 warnings in 120 files)',
      'Details:     126 rows',
      '',
    ]);
  });

  it('a running job has no end yet; a failed one says why, in red', () => {
    const running = renderLogSummary(makeLog({ endDate: undefined, logType: 'BeginUpload' }), { failOn: 'error', palette: plain });
    expect(running).toContain('Ended:       not yet\n');
    expect(running).not.toContain('Duration:');
    expect(running).toContain('Status:      running (no end date in the log yet)');
    const failed = renderLogSummary(makeLog({ fatalError: true }), { failOn: 'error', palette: createPalette(true) });
    expect(failed).toContain('\u001b[31mfailed\u001b[39m (fatal error)');
  });

  it('makes server text safe for the terminal', () => {
    const text = renderLogSummary(makeLog({ jobName: 'evil\u001b[2Jname', description: 'line\nbreak' }), { failOn: 'error', palette: plain });
    expect(text).toContain('evil\\x1b[2Jname');
    expect(text).toContain('line\\nbreak');
    expect(text).not.toContain('\u001b[2J');
  });

  it('notes how the detail rows were narrowed', () => {
    const text = renderLogSummary(makeLog({ detailTotalRows: 1 }), { failOn: 'error', palette: plain, detailNote: 'of type UploadError' });
    expect(text).toContain('Details:     1 row of type UploadError\n');
  });
});
