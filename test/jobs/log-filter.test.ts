import { describe, expect, it } from 'vitest';
import { filterLogs, hasClientSideFilter } from '../../src/jobs/log-filter.js';
import { makeLog } from './log-fixtures.js';

const publish = makeLog({ jobName: 'Spring-Publish-0900', originalJobName: 'Spring-Publish' });
const upload = makeLog({ jobName: 'Lookbook-Upload-0800', originalJobName: 'Lookbook-Upload', logType: 'UploadWarning', fileWarningCount: 2, submitUserEmail: 'Ben@Example.com' });
const failed = makeLog({ jobName: 'Video-0700', originalJobName: 'Video', logType: 'VideoPublishFailure', fatalError: true });
const withErrors = makeLog({ jobName: 'Urls-0600', originalJobName: 'Urls', logType: 'UploadUrlsWarning', fileErrorCount: 4 });
const all = [publish, upload, failed, withErrors];
const names = (logs: { jobName?: string }[]) => logs.map((log) => log.jobName);

describe('filtering job logs', () => {
  it('keeps everything without criteria, in order', () => {
    expect(filterLogs(all, { failOn: 'error' })).toEqual(all);
    expect(hasClientSideFilter({ failOn: 'error' })).toBe(false);
  });

  it('--type matches the derived job type or the raw log type, case-insensitively', () => {
    expect(names(filterLogs(all, { types: ['upload'], failOn: 'error' }))).toEqual(['Lookbook-Upload-0800']);
    expect(names(filterLogs(all, { types: ['VideoPublishFailure', 'imageservingpublish'], failOn: 'error' }))).toEqual(['Spring-Publish-0900', 'Video-0700']);
  });

  it('--type also takes the job type `list` shows for types that log under another name', () => {
    expect(names(filterLogs(all, { types: ['UploadFromServerDirectory'], failOn: 'error' }))).toEqual(['Lookbook-Upload-0800']);
    expect(names(filterLogs(all, { types: ['UrlUpload'], failOn: 'error' }))).toEqual(['Urls-0600']);
  });

  it('--name is a glob over the unique and the original name', () => {
    expect(names(filterLogs(all, { name: 'spring-*', failOn: 'error' }))).toEqual(['Spring-Publish-0900']);
    expect(names(filterLogs(all, { name: 'Video', failOn: 'error' }))).toEqual(['Video-0700']);
  });

  it('--user compares the submitter e-mail case-insensitively', () => {
    expect(names(filterLogs(all, { user: 'ben@example.com', failOn: 'error' }))).toEqual(['Lookbook-Upload-0800']);
  });

  it('--failed follows --fail-on', () => {
    expect(names(filterLogs(all, { failed: true, failOn: 'error' }))).toEqual(['Video-0700', 'Urls-0600']);
    expect(names(filterLogs(all, { failed: true, failOn: 'fatal' }))).toEqual(['Video-0700']);
    expect(names(filterLogs(all, { failed: true, failOn: 'warning' }))).toEqual(['Lookbook-Upload-0800', 'Video-0700', 'Urls-0600']);
  });

  it('--with-warnings keeps anything with warnings, errors or a failure', () => {
    expect(names(filterLogs(all, { withWarnings: true, failOn: 'error' }))).toEqual(['Lookbook-Upload-0800', 'Video-0700', 'Urls-0600']);
  });

  it('criteria combine', () => {
    expect(names(filterLogs(all, { withWarnings: true, types: ['Upload', 'UploadUrls'], failed: true, failOn: 'error' }))).toEqual(['Urls-0600']);
  });

  it('any criterion counts as a client-side filter', () => {
    expect(hasClientSideFilter({ types: ['Upload'], failOn: 'error' })).toBe(true);
    expect(hasClientSideFilter({ types: [], failOn: 'error' })).toBe(false);
    expect(hasClientSideFilter({ name: '*', failOn: 'error' })).toBe(true);
    expect(hasClientSideFilter({ user: 'a@b.c', failOn: 'error' })).toBe(true);
    expect(hasClientSideFilter({ failed: true, failOn: 'error' })).toBe(true);
    expect(hasClientSideFilter({ withWarnings: true, failOn: 'error' })).toBe(true);
  });
});
