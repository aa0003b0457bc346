import { describe, expect, it } from 'vitest';
import { LogSortSpecError, parseLogSortSpec, serverLogSort, sortLogs } from '../../src/jobs/log-sort.js';
import { makeLog } from './log-fixtures.js';

const early = makeLog({ jobName: 'b-early', startDate: '2026-11-28T06:00:00-08:00', endDate: '2026-11-28T06:30:00-08:00', fileErrorCount: 2, logType: 'UploadWarning' });
const late = makeLog({ jobName: 'a-late', startDate: '2026-11-28T09:00:00-08:00', endDate: '2026-11-28T09:05:00-08:00', logType: 'ImageServingPublishSuccess' });
const running = makeLog({ jobName: 'c-running', startDate: '2026-11-28T08:00:00-08:00', endDate: undefined, logType: 'BeginVideoPublish' });
const names = (logs: { jobName?: string }[]) => logs.map((log) => log.jobName);

describe('sorting job logs', () => {
  it('reads column words and IPS field names, with - for descending', () => {
    expect(parseLogSortSpec('started')).toEqual({ field: 'startDate', descending: false });
    expect(parseLogSortSpec('-errors')).toEqual({ field: 'fileErrorCount', descending: true });
    expect(parseLogSortSpec('SubmitUserEmail')).toEqual({ field: 'submitUserEmail', descending: false });
    expect(parseLogSortSpec('type')).toEqual({ field: 'jobType', descending: false });
    expect(() => parseLogSortSpec('colour')).toThrow(LogSortSpecError);
  });

  it('by start date, either way', () => {
    expect(names(sortLogs([early, late, running], parseLogSortSpec('-started'), 'error'))).toEqual(['a-late', 'c-running', 'b-early']);
    expect(names(sortLogs([late, running, early], parseLogSortSpec('started'), 'error'))).toEqual(['b-early', 'c-running', 'a-late']);
  });

  it('by duration: a log without an end goes last whichever the direction', () => {
    expect(names(sortLogs([running, early, late], parseLogSortSpec('duration'), 'error'))).toEqual(['a-late', 'b-early', 'c-running']);
    expect(names(sortLogs([running, early, late], parseLogSortSpec('-duration'), 'error'))).toEqual(['b-early', 'a-late', 'c-running']);
  });

  it('by derived type, name and status', () => {
    expect(names(sortLogs([early, late, running], parseLogSortSpec('type'), 'error'))).toEqual(['a-late', 'b-early', 'c-running']);
    expect(names(sortLogs([early, running, late], parseLogSortSpec('name'), 'error'))).toEqual(['a-late', 'b-early', 'c-running']);
    expect(names(sortLogs([early, running, late], parseLogSortSpec('-status'), 'error'))).toEqual(['b-early', 'c-running', 'a-late']);
  });

  it('is stable and does not touch its input', () => {
    const input = [late, early];
    sortLogs(input, parseLogSortSpec('started'), 'error');
    expect(input).toEqual([late, early]);
    const twins = [makeLog({ jobName: 'x' }), makeLog({ jobName: 'y' })];
    expect(names(sortLogs(twins, parseLogSortSpec('-started'), 'error'))).toEqual(['x', 'y']);
  });

  it('names the getJobLogs sortBy for the orders IPS does as we do (dates, counts), and none for text or derived ones', () => {
    expect(serverLogSort(parseLogSortSpec('-started'))).toEqual({ sortBy: 'StartDate', sortDirection: 'Descending' });
    expect(serverLogSort(parseLogSortSpec('-errors'))).toEqual({ sortBy: 'FileErrorCount', sortDirection: 'Descending' });
    expect(serverLogSort(parseLogSortSpec('successes'))).toEqual({ sortBy: 'FileSuccessCount', sortDirection: 'Ascending' });
    // IPS orders text its own way (batch-10 before batch-9, Bea before abe): we sort the whole window instead.
    expect(serverLogSort(parseLogSortSpec('name'))).toBeUndefined();
    expect(serverLogSort(parseLogSortSpec('user'))).toBeUndefined();
    expect(serverLogSort(parseLogSortSpec('logtype'))).toBeUndefined();
    expect(serverLogSort(parseLogSortSpec('duration'))).toBeUndefined();
    expect(serverLogSort(parseLogSortSpec('status'))).toBeUndefined();
    expect(serverLogSort(parseLogSortSpec('type'))).toBeUndefined();
  });
});
