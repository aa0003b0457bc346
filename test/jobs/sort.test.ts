import { describe, expect, it } from 'vitest';
import { parseSortSpec, sortJobs, SortSpecError } from '../../src/jobs/sort.js';
import { makeJob, makeTask } from './job-fixtures.js';

const handles = (list: { jobHandle?: string }[]) => list.map((job) => job.jobHandle);

describe('parseSortSpec', () => {
  it('reads a column id as its IPS field, ascending', () => {
    expect(parseSortSpec('started')).toEqual({ field: 'startDate', descending: false });
    expect(parseSortSpec('updated')).toEqual({ field: 'lastProgressUpdate', descending: false });
    expect(parseSortSpec('user')).toEqual({ field: 'submitUserEmail', descending: false });
  });

  it('reads a leading - as descending and accepts IPS names in any case', () => {
    expect(parseSortSpec('-startDate')).toEqual({ field: 'startDate', descending: true });
    expect(parseSortSpec('-TOTALSIZE')).toEqual({ field: 'totalSize', descending: true });
  });

  it('rejects an unknown field, listing the accepted ones', () => {
    expect(() => parseSortSpec('colour')).toThrow(SortSpecError);
    expect(() => parseSortSpec('colour')).toThrow(/"colour".*name, type, state.*startDate/);
    expect(() => parseSortSpec('-')).toThrow(SortSpecError);
  });
});

describe('sortJobs', () => {
  it('--sort started orders by instant, not by the text of differently offset dates', () => {
    const jobs = [
      makeJob({ jobHandle: 'tokyo-10:00', startDate: '2026-11-29T10:00:00+09:00' }), // 01:00Z
      makeJob({ jobHandle: 'utc-00:30', startDate: '2026-11-29T00:30:00Z' }), // 00:30Z
      makeJob({ jobHandle: 'pacific-16:45', startDate: '2026-11-28T16:45:00-08:00' }), // 00:45Z
    ];
    expect(handles(sortJobs(jobs, parseSortSpec('started')))).toEqual(['utc-00:30', 'pacific-16:45', 'tokyo-10:00']);
    expect(handles(sortJobs(jobs, parseSortSpec('-started')))).toEqual(['tokyo-10:00', 'pacific-16:45', 'utc-00:30']);
  });

  it('puts jobs missing the value last in both directions', () => {
    const jobs = [
      makeJob({ jobHandle: 'none', progress: undefined }),
      makeJob({ jobHandle: 'ten', progress: 10 }),
      makeJob({ jobHandle: 'ninety', progress: 90 }),
    ];
    expect(handles(sortJobs(jobs, parseSortSpec('progress')))).toEqual(['ten', 'ninety', 'none']);
    expect(handles(sortJobs(jobs, parseSortSpec('-progress')))).toEqual(['ninety', 'ten', 'none']);
  });

  it('treats an unparsable date as missing', () => {
    const jobs = [makeJob({ jobHandle: 'bad', startDate: 'soon' }), makeJob({ jobHandle: 'good', startDate: '2026-11-28T09:00:00Z' })];
    expect(handles(sortJobs(jobs, parseSortSpec('-started')))).toEqual(['good', 'bad']);
  });

  it('compares numbers numerically (9 before 10)', () => {
    const jobs = [makeJob({ jobHandle: 'ten', totalSize: 10 }), makeJob({ jobHandle: 'nine', totalSize: 9 })];
    expect(handles(sortJobs(jobs, parseSortSpec('size')))).toEqual(['nine', 'ten']);
  });

  it('compares names as text, with digits in natural order', () => {
    const jobs = [makeJob({ name: 'batch-10' }), makeJob({ name: 'Batch-2' }), makeJob({ name: 'alpha' })];
    expect(sortJobs(jobs, parseSortSpec('name')).map((job) => job.name)).toEqual(['alpha', 'Batch-2', 'batch-10']);
  });

  it('is stable: equal keys keep their input order, ascending or descending', () => {
    const jobs = ['a', 'b', 'c'].map((handle) => makeJob({ jobHandle: handle, state: 'Running' }));
    expect(handles(sortJobs(jobs, parseSortSpec('state')))).toEqual(['a', 'b', 'c']);
    expect(handles(sortJobs(jobs, parseSortSpec('-state')))).toEqual(['a', 'b', 'c']);
  });

  it('sorts by tasks as the fraction of items processed', () => {
    const jobs = [
      makeJob({ jobHandle: 'half', taskProgressArray: [makeTask({ numProcessed: 5, numPending: 5 })] }),
      makeJob({ jobHandle: 'no-tasks', taskProgressArray: [] }),
      makeJob({ jobHandle: 'quarter', taskProgressArray: [makeTask({ numProcessed: 10, numPending: 30 })] }),
    ];
    expect(handles(sortJobs(jobs, parseSortSpec('-tasks')))).toEqual(['half', 'quarter', 'no-tasks']);
  });

  it('returns a new array and leaves the input order alone', () => {
    const jobs = [makeJob({ name: 'b' }), makeJob({ name: 'a' })];
    const sorted = sortJobs(jobs, parseSortSpec('name'));
    expect(sorted).not.toBe(jobs);
    expect(jobs.map((job) => job.name)).toEqual(['b', 'a']);
  });
});
