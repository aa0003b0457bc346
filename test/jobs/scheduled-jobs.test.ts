import { describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../src/ips/types.js';
import {
  DEFAULT_SCHEDULED_SORT,
  filterScheduledJobs,
  parseScheduledSort,
  ScheduledSortError,
  sortScheduledJobs,
} from '../../src/jobs/scheduled-jobs.js';

const nightly: ScheduledJob = {
  jobHandle: 'j|1|Nightly|',
  name: 'Nightly-Publish',
  originalName: 'Nightly-Publish',
  type: 'ImageServingPublish',
  submitUserEmail: 'ana@example.com',
  execSchedule: '00 00 02 * * ',
  nextFireTime: '2026-11-29T02:00:00.000-08:00',
  triggerState: 'Normal',
};
const hourly: ScheduledJob = {
  jobHandle: 'j|1|Hourly|',
  name: 'Hourly-Feed',
  originalName: 'Supplier-Feed',
  type: 'UrlUpload',
  submitUserEmail: 'bo@example.com',
  execSchedule: '00 15 * * * ',
  nextFireTime: '2026-11-28T09:15:00.000-08:00',
  triggerState: 'Paused',
};
const broken: ScheduledJob = { jobHandle: 'j|1|Broken|', name: 'Broken', type: 'VideoPublish', triggerState: 'Error' };
const all = [nightly, hourly, broken];

describe('filterScheduledJobs', () => {
  it('matches the name or the original name with a glob, case-insensitively', () => {
    expect(filterScheduledJobs(all, { name: 'supplier-*' })).toEqual([hourly]);
    expect(filterScheduledJobs(all, { name: '*publish' })).toEqual([nightly]);
  });

  it('narrows by type, user and trigger state (any of several, case-insensitive)', () => {
    expect(filterScheduledJobs(all, { types: ['urlupload'] })).toEqual([hourly]);
    expect(filterScheduledJobs(all, { user: 'ANA@example.com' })).toEqual([nightly]);
    expect(filterScheduledJobs(all, { triggerStates: ['paused', 'ERROR'] })).toEqual([hourly, broken]);
    expect(filterScheduledJobs(all, {})).toEqual(all);
  });
});

describe('sorting scheduled jobs', () => {
  it('defaults to the soonest next firing, jobs without one last', () => {
    expect(sortScheduledJobs(all, DEFAULT_SCHEDULED_SORT)).toEqual([hourly, nightly, broken]);
    expect(sortScheduledJobs(all, { field: 'nextFireTime', descending: true })).toEqual([nightly, hourly, broken]);
  });

  it('reads column ids and IPS field names, - for descending', () => {
    expect(parseScheduledSort('next')).toEqual({ field: 'nextFireTime', descending: false });
    expect(parseScheduledSort('-state')).toEqual({ field: 'triggerState', descending: true });
    expect(parseScheduledSort('submitUserEmail')).toEqual({ field: 'submitUserEmail', descending: false });
    expect(sortScheduledJobs(all, parseScheduledSort('name'))).toEqual([broken, hourly, nightly]);
  });

  it('refuses an unknown field, naming the accepted ones', () => {
    expect(() => parseScheduledSort('colour')).toThrow(ScheduledSortError);
    expect(() => parseScheduledSort('colour')).toThrow(/unknown sort field "colour"; accepted: name, type, schedule, next/);
  });
});
