import { describe, expect, it } from 'vitest';
import { jobTypeFromLogType, jobTypeName, LOG_STEM_BY_JOB_TYPE, LOG_TYPE_STEMS } from '../../src/jobs/log-type.js';

describe('the job type of a job log, from its log type', () => {
  it.each([
    ['ImageServingPublishFailure', 'ImageServingPublish'],
    ['BeginUpload', 'Upload'],
    ['UploadSuccess', 'Upload'],
    ['EndUpload', 'Upload'],
    ['UploadError', 'Upload'],
    ['UploadWarning', 'Upload'],
    ['BeginImageServingPublish', 'ImageServingPublish'],
    ['EndImageServingPublish', 'ImageServingPublish'],
    ['ImageServingPublishSuccess', 'ImageServingPublish'],
    ['ImageServingPublishError', 'ImageServingPublish'],
    ['ImageServingPublishWarning', 'ImageServingPublish'],
    ['BeginImageRenderingPublish', 'ImageRenderingPublish'],
    ['ImageRenderingPublishError', 'ImageRenderingPublish'],
    ['BeginServerDirectoryPublish', 'ServerDirectoryPublish'],
    ['ServerDirectoryPublishWarning', 'ServerDirectoryPublish'],
    ['AssetMigrationFailure', 'AssetMigration'],
    ['EmptyTrashSuccess', 'EmptyTrash'],
    ['BeginMarkForPublish', 'MarkForPublish'],
    ['MarkForPublishFailure', 'MarkForPublish'],
    ['MetadataSuccess', 'Metadata'],
    ['BeginPdfRip', 'PdfRip'],
    ['PdfRipError', 'PdfRip'],
    ['PublishToCmError', 'PublishToCm'],
    ['PublishToWcSuccess', 'PublishToWc'],
    ['BeginUploadUrls', 'UploadUrls'],
    ['UploadUrlsSuccess', 'UploadUrls'],
    ['GetFailure', 'Get'],
    ['DeleteFailure', 'Delete'],
    ['DeleteSuccess', 'Delete'],
    ['BeginTemplateMerge', 'TemplateMerge'],
  ])('%s → %s', (logType, jobType) => {
    expect(jobTypeFromLogType(logType)).toBe(jobType);
  });

  it('keeps cleanup jobs apart from the publish they clean up after', () => {
    expect(jobTypeFromLogType('BeginImageServingPublishCleanup')).toBe('ImageServingPublishCleanup');
    expect(jobTypeFromLogType('ImageServingPublishCleanupFailure')).toBe('ImageServingPublishCleanup');
    expect(jobTypeFromLogType('ImageServingPublishCleanupSuccess')).toBe('ImageServingPublishCleanup');
    expect(jobTypeFromLogType('BeginVideoPublishCleanup')).toBe('VideoPublishCleanup');
  });

  describe("tolerates the misspellings of Adobe's list of job log types", () => {
    it.each([
      ['BeginVideoPubl]ish', 'VideoPublish'],
      ['VideoPubilshSuccess', 'VideoPublish'],
      ['endReoptimize', 'Reoptimize'],
      ['ImageRenderingPublishCleanupsuccess', 'ImageRenderingPublishCleanup'],
      ['EndImageRenderingPublishCleanupFailure', 'ImageRenderingPublishCleanup'],
    ])('%s → %s', (logType, jobType) => {
      expect(jobTypeFromLogType(logType)).toBe(jobType);
    });

    it('reads the correct spellings of the same types the same way', () => {
      expect(jobTypeFromLogType('BeginVideoPublish')).toBe('VideoPublish');
      expect(jobTypeFromLogType('VideoPublishSuccess')).toBe('VideoPublish');
      expect(jobTypeFromLogType('EndReoptimize')).toBe('Reoptimize');
      expect(jobTypeFromLogType('ImageRenderingPublishCleanupSuccess')).toBe('ImageRenderingPublishCleanup');
    });
  });

  it("gives known types Adobe's spelling whatever the case the server writes", () => {
    expect(jobTypeFromLogType('imageservingpublishsuccess')).toBe('ImageServingPublish');
    expect(jobTypeFromLogType('BEGINUPLOAD')).toBe('Upload');
    expect(jobTypeFromLogType('beginUploadUrls')).toBe('UploadUrls');
  });

  it('takes a known type without affixes as it is', () => {
    for (const stem of LOG_TYPE_STEMS) expect(jobTypeFromLogType(stem)).toBe(stem);
  });

  it('strips the affixes of a type it does not know', () => {
    expect(jobTypeFromLogType('BeginSmartCrop')).toBe('SmartCrop');
    expect(jobTypeFromLogType('SmartCropFailure')).toBe('SmartCrop');
    expect(jobTypeFromLogType('EndSmartCropWarning')).toBe('SmartCrop');
  });

  it('keeps the log types of single events, which name no job type', () => {
    for (const event of ['FatalError', 'DuplicateSkipped', 'FileBegin', 'FileEnd', 'FleEnd', 'FileCancel', 'FileUpdated', 'JobClient', 'JobType', 'OriginalJobName', 'TotalFileCount']) {
      expect(jobTypeFromLogType(event)).toBe(event);
    }
  });

  it('never strips a type down to nothing', () => {
    expect(jobTypeFromLogType('Begin')).toBe('Begin');
    expect(jobTypeFromLogType('Success')).toBe('Success');
    expect(jobTypeFromLogType('EndError')).toBe('Error');
  });

  it('has no type for a missing or empty log type', () => {
    expect(jobTypeFromLogType(undefined)).toBeUndefined();
    expect(jobTypeFromLogType('')).toBeUndefined();
    expect(jobTypeFromLogType(' ] ')).toBeUndefined();
  });

  it('ignores surrounding blanks', () => {
    expect(jobTypeFromLogType('  UploadSuccess\n')).toBe('Upload');
  });
});

describe('one name for a job type, whether an active job or a log names it', () => {
  it('names an active-list type by the stem of its logs', () => {
    expect(jobTypeName('UrlUpload')).toBe('UploadUrls');
    expect(jobTypeName('UploadFromServerDirectory')).toBe('Upload');
    expect(jobTypeName('MetadataUpload')).toBe('Metadata');
    expect(jobTypeName('ImageOptimization')).toBe('Reoptimize');
    expect(jobTypeName('urlupload')).toBe('UploadUrls');
  });

  it('gives the same name as the job logs of that type', () => {
    for (const [activeType, stem] of Object.entries(LOG_STEM_BY_JOB_TYPE)) {
      expect(jobTypeName(activeType)).toBe(jobTypeFromLogType(`${stem}Success`));
    }
    expect(jobTypeName('ImageServingPublish')).toBe(jobTypeFromLogType('ImageServingPublishFailure'));
  });

  it('keeps a type with no other spelling, and has no name for none', () => {
    expect(jobTypeName('VideoPublish')).toBe('VideoPublish');
    expect(jobTypeName('SomethingNew')).toBe('SomethingNew');
    expect(jobTypeName(undefined)).toBeUndefined();
    expect(jobTypeName('')).toBeUndefined();
  });
});
