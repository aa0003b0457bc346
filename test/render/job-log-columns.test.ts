import { describe, expect, it } from 'vitest';
import { jobLogColumns } from '../../src/render/job-log-columns.js';
import { createPalette } from '../../src/render/palette.js';
import { renderRecordDelimited, renderRecordTable } from '../../src/render/records.js';
import { makeLog } from '../jobs/log-fixtures.js';

const plain = createPalette(false);
const clean = makeLog();
const warned = makeLog({ jobName: 'Lookbook-Upload-0800', logType: 'UploadWarning', fileWarningCount: 2, totalFileCount: 40, fileSuccessCount: 38, endDate: '2026-11-28T10:35:00.000-08:00' });
const failed = makeLog({ jobName: 'Video-0700', logType: 'VideoPublishFailure', fatalError: true, endDate: undefined });

describe('job log columns', () => {
  it('the table shows type, name, start, duration, counts, status and user', () => {
    const { table } = jobLogColumns('error');
    const lines = renderRecordTable([clean, warned], table, { headers: true, palette: plain }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+NAME\s+STARTED\s+DURATION\s+FILES\s+OK\s+W\s+E\s+STATUS\s+USER$/);
    expect(lines[1]).toMatch(/^ImageServingPublish\s+Spring-Publish-0900\s+2026-11-28 09:00\s+10m\s+120\s+120\s+0\s+0\s+succeeded\s+ana@example.com$/);
    expect(lines[2]).toMatch(/^Upload\s+Lookbook-Upload-0800\s+2026-11-28 09:00\s+1h 35m\s+40\s+38\s+2\s+0\s+with warnings\s+ana@example.com$/);
  });

  it('a log without an end has no duration', () => {
    const { table } = jobLogColumns('error');
    const line = renderRecordTable([failed], table, { headers: false, palette: plain });
    expect(line).toMatch(/^VideoPublish\s+Video-0700\s+2026-11-28 09:00\s+-\s+120.*failed/);
  });

  it('wide adds handle, log type, subtype, description and the other counts', () => {
    const { wide } = jobLogColumns('error');
    const header = renderRecordTable([], wide, { headers: true, palette: plain });
    expect(header.trimEnd()).toMatch(/USER\s+HANDLE\s+LOG TYPE\s+SUBTYPE\s+DESCRIPTION\s+DUP\s+UPD\s+XFER\s+XFER W\s+XFER E$/);
  });

  it('the status follows --fail-on', () => {
    const errors = makeLog({ fileErrorCount: 1, logType: 'UploadWarning' });
    const status = (failOn: 'fatal' | 'error') => jobLogColumns(failOn).table.find((c) => c.id === 'status')!.text(errors);
    expect(status('error')).toBe('failed');
    expect(status('fatal')).toBe('with warnings');
  });

  it('rows are coloured by status: failed red, with warnings yellow, succeeded plain', () => {
    const colour = createPalette(true);
    const { rowStyle } = jobLogColumns('error');
    expect(rowStyle(failed, colour)?.('x')).toBe('\u001b[31mx\u001b[39m');
    expect(rowStyle(warned, colour)?.('x')).toBe('\u001b[33mx\u001b[39m');
    expect(rowStyle(clean, colour)).toBeUndefined();
  });

  it('csv carries IPS field names plus jobType and status, values raw', () => {
    const { delimited } = jobLogColumns('error');
    const [header, row] = [...renderRecordDelimited([makeLog({ description: 'a, "b"' })], delimited, { format: 'csv', headers: true })];
    expect(header).toBe(
      'companyHandle,jobHandle,jobName,originalJobName,submitUserEmail,logType,jobType,jobSubType,startDate,endDate,description,fileSuccessCount,fileErrorCount,fileWarningCount,fileDuplicateCount,fileUpdateCount,totalFileCount,transferSuccessCount,transferErrorCount,transferWarningCount,fatalError,status\n',
    );
    expect(row).toBe(
      'c|42,j|42||Spring-Publish-0900|1001,Spring-Publish-0900,Spring-Publish,ana@example.com,ImageServingPublishSuccess,ImageServingPublish,full,2026-11-28T09:00:00.000-08:00,2026-11-28T09:10:00.000-08:00,"a, ""b""",120,0,0,0,0,120,120,0,0,false,succeeded\n',
    );
  });

  it('every column has its own id', () => {
    const { all, delimited } = jobLogColumns('error');
    for (const columns of [all, delimited]) expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
  });
});
