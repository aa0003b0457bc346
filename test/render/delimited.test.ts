import { describe, expect, it } from 'vitest';
import { ColumnsError } from '../../src/render/records.js';
import { DELIMITED_FIELDS, renderDelimitedLines, resolveDelimitedFields } from '../../src/render/delimited.js';
import { makeJob, makeTask } from '../jobs/job-fixtures.js';

const render = (...args: Parameters<typeof renderDelimitedLines>) => [...renderDelimitedLines(...args)].join('');

describe('renderDelimitedLines (csv)', () => {
  it('-o csv starts with the IPS field names and summarises tasks and the job detail', () => {
    const job = makeJob({
      totalSize: 2048,
      locale: 'en_US',
      taskProgressArray: [makeTask({ numProcessed: 12, numPending: 28 })],
      imageServingPublishJob: { publishType: 'Full' },
    });
    const [header, row] = [...renderDelimitedLines([job], { format: 'csv', headers: true })];
    expect(header).toBe(`${DELIMITED_FIELDS.join(',')}\n`);
    expect(header).toBe(
      'jobHandle,name,originalName,type,state,progress,progressMessage,submitUserEmail,startDate,lastProgressUpdate,triggerTime,serverName,companyHandle,totalSize,locale,description,tasks,jobDetail\n',
    );
    expect(row).toBe(
      'j|1001,spring-catalogue,spring-catalogue,ImageServingPublishJob,Running,50,Publishing images,ana@example.com,2026-11-28T09:14:00-08:00,2026-11-28T09:29:48-08:00,,ips-worker-3,c|42,2048,en_US,,12/40,imageServingPublishJob\n',
    );
  });

  it('quotes a name holding a comma, a quote and a newline, doubling the quote', () => {
    const job = makeJob({ name: 'Spring, "final"\ncut' });
    expect(render([job], { format: 'csv', headers: false, fields: ['name', 'state'] })).toBe('"Spring, ""final""\ncut",Running\n');
  });

  it('quotes a lone carriage return too', () => {
    expect(render([makeJob({ name: 'a\rb' })], { format: 'csv', headers: false, fields: ['name'] })).toBe('"a\rb"\n');
  });

  it('leaves values starting with = + - @ as they are', () => {
    expect(render([makeJob({ name: '=SUM(A1)' })], { format: 'csv', headers: false, fields: ['name'] })).toBe('=SUM(A1)\n');
  });

  it('keeps control characters raw (the data is not for a terminal)', () => {
    expect(render([makeJob({ name: 'a\x1b[2Jb' })], { format: 'csv', headers: false, fields: ['name'] })).toBe('a\x1b[2Jb\n');
  });

  it('--columns accepts table column ids and writes their IPS field names', () => {
    expect(render([makeJob()], { format: 'csv', headers: true, fields: ['name', 'started', 'user', 'tasks'] })).toBe(
      'name,startDate,submitUserEmail,tasks\nspring-catalogue,2026-11-28T09:14:00-08:00,ana@example.com,\n',
    );
  });

  it('rejects unknown fields with the same ColumnsError, before any line is produced', () => {
    expect(() => renderDelimitedLines([makeJob()], { format: 'csv', headers: true, fields: ['name', 'colour'] })).toThrow(ColumnsError);
    expect(() => resolveDelimitedFields(['colour'])).toThrow(/"colour".*jobHandle.*started/);
  });
});

describe('renderDelimitedLines (tsv)', () => {
  it('-o tsv separates with tabs and escapes tab, CR, LF and backslash instead of quoting', () => {
    const job = makeJob({ name: 'a\tb\r\nc\\d "e", f' });
    expect(render([job], { format: 'tsv', headers: true, fields: ['name', 'state'] })).toBe(
      'name\tstate\na\\tb\\r\\nc\\\\d "e", f\tRunning\n',
    );
  });

  it('writes empty fields for missing values', () => {
    const job = makeJob({ progress: undefined, description: undefined });
    expect(render([job], { format: 'tsv', headers: false, fields: ['progress', 'description', 'jobDetail'] })).toBe('\t\t\n');
  });
});

describe('resolveDelimitedFields', () => {
  it('maps column ids and any-case IPS names to canonical field names', () => {
    expect(resolveDelimitedFields(['message', 'UPDATED', 'jobhandle', 'size'])).toEqual([
      'progressMessage',
      'lastProgressUpdate',
      'jobHandle',
      'totalSize',
    ]);
  });
});
