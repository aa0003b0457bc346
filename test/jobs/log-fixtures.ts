// JobLog builders for the jobs and render tests: a plausible finished publish, overridden per scenario.
import type { JobLog, JobLogDetail } from '../../src/ips/types.js';

export function makeLog(overrides: Partial<JobLog> = {}): JobLog {
  return {
    companyHandle: 'c|42',
    jobHandle: 'j|42||Spring-Publish-0900|1001',
    jobName: 'Spring-Publish-0900',
    originalJobName: 'Spring-Publish',
    submitUserEmail: 'ana@example.com',
    logType: 'ImageServingPublishSuccess',
    jobSubType: 'full',
    startDate: '2026-11-28T09:00:00.000-08:00',
    endDate: '2026-11-28T09:10:00.000-08:00',
    description: 'Spring catalogue',
    fileSuccessCount: 120,
    fileErrorCount: 0,
    fileWarningCount: 0,
    fileDuplicateCount: 0,
    fileUpdateCount: 0,
    totalFileCount: 120,
    transferSuccessCount: 120,
    transferErrorCount: 0,
    transferWarningCount: 0,
    fatalError: false,
    detailArray: [],
    ...overrides,
  };
}

export function makeDetail(overrides: Partial<JobLogDetail> = {}): JobLogDetail {
  return {
    logMessage: 'boot.tif was processed into IPS',
    logType: 'UploadSuccess',
    dateCreated: '2026-11-28T09:01:02.345-08:00',
    assetName: 'boot.tif',
    assetType: 'MasterImage',
    assetHandle: 'a|42|1|1',
    auxArray: [],
    ...overrides,
  };
}
