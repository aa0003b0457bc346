import { describe, expect, it } from 'vitest';
import { filterJobs, filtersKey } from '../../src/jobs/filter.js';
import { makeJob } from './job-fixtures.js';

const publish = makeJob({ jobHandle: 'j|1', name: 'spring-publish', originalName: 'spring-publish', state: 'Running', type: 'ImageServingPublishJob', submitUserEmail: 'Ana@Example.com' });
const upload = makeJob({ jobHandle: 'j|2', name: 'j|2-upload', originalName: 'summer-upload', state: 'WaitingClient', type: 'UploadDirectoryJob', submitUserEmail: 'bo@example.com' });
const sitemap = makeJob({ jobHandle: 'j|3', name: 'sitemap', originalName: undefined, state: 'Done', type: 'CreateVideoSitemapJob', submitUserEmail: undefined });
const jobs = [publish, upload, sitemap];

const handles = (list: { jobHandle?: string }[]) => list.map((job) => job.jobHandle);

describe('filterJobs', () => {
  it('keeps every job when no criteria are given', () => {
    expect(handles(filterJobs(jobs, {}))).toEqual(['j|1', 'j|2', 'j|3']);
    expect(handles(filterJobs(jobs, { states: [], types: [] }))).toEqual(['j|1', 'j|2', 'j|3']);
  });

  it('--state running,done keeps jobs in any of those states, whatever the case', () => {
    expect(handles(filterJobs(jobs, { states: ['running', 'DONE'] }))).toEqual(['j|1', 'j|3']);
  });

  it('--state is an exact match, not a prefix', () => {
    expect(filterJobs(jobs, { states: ['Waiting'] })).toEqual([]);
  });

  it('--type uploaddirectoryjob keeps the upload only', () => {
    expect(handles(filterJobs(jobs, { types: ['uploaddirectoryjob'] }))).toEqual(['j|2']);
  });

  it('finds a type by either of its names: IPS\'s in the active list, or the one its logs use', () => {
    const upload = [makeJob({ jobHandle: 'j|u', type: 'UrlUpload' }), makeJob({ jobHandle: 'j|p', type: 'ImageServingPublish' })];
    expect(handles(filterJobs(upload, { types: ['UploadUrls'] }))).toEqual(['j|u']);
    expect(handles(filterJobs(upload, { types: ['urlupload'] }))).toEqual(['j|u']);
    expect(handles(filterJobs(upload, { types: ['Upload'] }))).toEqual([]);
  });

  it('--name summer-* finds a job by its originalName when its name differs', () => {
    expect(handles(filterJobs(jobs, { name: 'summer-*' }))).toEqual(['j|2']);
  });

  it('--name matches the name too, and a job without originalName is still matched by name', () => {
    expect(handles(filterJobs(jobs, { name: 'SPRING-*' }))).toEqual(['j|1']);
    expect(handles(filterJobs(jobs, { name: 'site?ap' }))).toEqual(['j|3']);
    expect(handles(filterJobs(jobs, { name: 's*' }))).toEqual(['j|1', 'j|2', 'j|3']);
  });

  it('--user compares the submitter e-mail case-insensitively and exactly', () => {
    expect(handles(filterJobs(jobs, { user: 'ana@example.COM' }))).toEqual(['j|1']);
    expect(filterJobs(jobs, { user: 'ana@example' })).toEqual([]);
  });

  it('combines criteria with AND', () => {
    expect(handles(filterJobs(jobs, { states: ['Running', 'WaitingClient'], name: '*upload' }))).toEqual(['j|2']);
    expect(filterJobs(jobs, { states: ['Done'], user: 'bo@example.com' })).toEqual([]);
  });

  it('returns a new array and leaves the input alone', () => {
    const result = filterJobs(jobs, {});
    expect(result).not.toBe(jobs);
    expect(jobs).toHaveLength(3);
  });
});

describe('filtersKey', () => {
  it('says the filters as the flags do, the same whatever their order or case', () => {
    expect(filtersKey({})).toBe('');
    expect(filtersKey({ types: [] })).toBe('');
    expect(filtersKey({ types: ['UploadFromServerDirectory', 'ImageServingPublish'], name: 'Nightly-*', user: 'Ana.Lima@Example.com' })).toBe(
      '--type imageservingpublish,uploadfromserverdirectory --name Nightly-* --user ana.lima@example.com',
    );
    expect(filtersKey({ types: ['imageServingPublish', 'ImageServingPublish'] })).toBe(filtersKey({ types: ['imageservingpublish'] }));
  });
});
