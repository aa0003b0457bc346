// Typed IPS objects, as the client hands them out after normalisation.
// Field names are IPS's own (schema 2014-04-03), kept verbatim. Every field the server may omit
// is optional here; `…Array` wrappers are plain arrays (absent or empty → []); dates are the
// server's ISO strings with their offset; ints and doubles are numbers; enums are open strings.

/** Active job states documented by Adobe. */
export const ACTIVE_JOB_STATES = ['Unknown', 'New', 'WaitingClient', 'WaitingCoordinator', 'Running', 'Stopping', 'Done'] as const;

/** An active job's state: one Adobe documents, or any other string the server sends, kept as is. */
export type ActiveJobState = (typeof ACTIVE_JOB_STATES)[number] | (string & {});

/** The trigger states of a scheduled job (ScheduledJob.triggerState). */
export const TRIGGER_STATES = ['Normal', 'Paused', 'Blocked', 'Error', 'Complete', 'None'] as const;

export type TaskState = 'Unknown' | 'New' | 'Processing' | 'Stopping' | 'Done' | 'Failed' | (string & {});

/** xsd:dateTime as the server wrote it, e.g. `2026-11-28T20:14:56.123-08:00`. */
export type IsoDateTime = string;

export interface TaskItemProgress {
  itemName?: string;
  progress?: number;
  progressMessage?: string;
  lastProgressUpdate?: IsoDateTime;
}

export interface TaskProgress {
  taskType?: string;
  taskState?: TaskState;
  numProcessed?: number;
  numProcessing?: number;
  numPending?: number;
  /** 0.0–1.0 */
  progress?: number;
  progressMessage?: string;
  lastProgressUpdate?: IsoDateTime;
  taskItemProgressArray: TaskItemProgress[];
}

/** Small job-detail blocks are typed; large option blocks stay as the server's structure. */
export interface PublishJobDetail {
  publishType?: string;
  emailSetting?: string;
  httpCompletionUrl?: string;
  contextHandle?: string;
}

export type JobDetail = Record<string, unknown>;

/** The job-detail element names, in schema order. */
export const JOB_DETAIL_ELEMENTS = [
  'imageServingPublishJob',
  'imageRenderingPublishJob',
  'videoPublishJob',
  'serverDirectoryPublishJob',
  'metadataPublishJob',
  'uploadDirectoryJob',
  'uploadUrlsJob',
  'uploadPostJob',
  'optimizeImagesJob',
  'ripPdfsJob',
  'reprocessAssetsJob',
  'createVideoSitemapJob',
  'exportJob',
  'automatedSetGenerationJob',
] as const;

export type JobDetailElement = (typeof JOB_DETAIL_ELEMENTS)[number];

export interface JobDetails {
  imageServingPublishJob?: PublishJobDetail;
  imageRenderingPublishJob?: PublishJobDetail;
  videoPublishJob?: PublishJobDetail;
  serverDirectoryPublishJob?: PublishJobDetail;
  metadataPublishJob?: { forcePublish?: boolean };
  uploadDirectoryJob?: JobDetail;
  uploadUrlsJob?: JobDetail;
  uploadPostJob?: JobDetail;
  optimizeImagesJob?: { emailSetting?: string };
  ripPdfsJob?: JobDetail;
  reprocessAssetsJob?: JobDetail;
  createVideoSitemapJob?: { forceUpdate?: boolean };
  exportJob?: JobDetail;
  automatedSetGenerationJob?: JobDetail;
}

export interface ActiveJob extends JobDetails {
  companyHandle?: string;
  jobHandle?: string;
  name?: string;
  originalName?: string;
  type?: string;
  state?: ActiveJobState;
  submitUserEmail?: string;
  locale?: string;
  description?: string;
  serverName?: string;
  startDate?: IsoDateTime;
  triggerTime?: IsoDateTime;
  totalSize?: number;
  /** Percent, 0–100 (scale undocumented by Adobe). */
  progress?: number;
  progressMessage?: string;
  lastProgressUpdate?: IsoDateTime;
  taskProgressArray: TaskProgress[];
}

export interface ScheduledJob extends Omit<JobDetails, 'uploadPostJob'> {
  companyHandle?: string;
  jobHandle?: string;
  name?: string;
  originalName?: string;
  type?: string;
  submitUserEmail?: string;
  locale?: string;
  description?: string;
  execSchedule?: string;
  nextFireTime?: IsoDateTime;
  timeZone?: string;
  triggerState?: string;
}

export interface JobLogDetailAux {
  logMessage?: string;
  logType?: string;
  dateCreated?: IsoDateTime;
}

export interface JobLogDetail {
  logMessage?: string;
  logType?: string;
  dateCreated?: IsoDateTime;
  assetName?: string;
  assetType?: string;
  assetHandle?: string;
  auxArray: JobLogDetailAux[];
}

export interface JobLog {
  companyHandle?: string;
  jobHandle?: string;
  jobName?: string;
  originalJobName?: string;
  submitUserEmail?: string;
  logType?: string;
  jobSubType?: string;
  startDate?: IsoDateTime;
  endDate?: IsoDateTime;
  description?: string;
  fileSuccessCount?: number;
  fileErrorCount?: number;
  fileWarningCount?: number;
  fileDuplicateCount?: number;
  fileUpdateCount?: number;
  totalFileCount?: number;
  transferSuccessCount?: number;
  transferErrorCount?: number;
  transferWarningCount?: number;
  fatalError?: boolean;
  detailTotalRows?: number;
  detailArray: JobLogDetail[];
}

export interface Company {
  companyHandle?: string;
  name?: string;
  rootPath?: string;
  expires?: IsoDateTime;
  imsOrgId?: string;
}

export interface CompanyMembership {
  company?: Company;
  role?: string;
  isActive?: boolean;
}

// ---- operation inputs ----

export interface GetActiveJobsInput {
  companyHandle?: string;
  jobHandle?: string;
  originalName?: string;
  includeWaitingJobs?: boolean;
}

export interface GetJobLogsInput {
  companyHandle?: string;
  userHandle?: string;
  sortBy?: string;
  sortDirection?: 'Ascending' | 'Descending' | (string & {});
  /** ISO string with an offset. */
  startDate?: IsoDateTime;
  endDate?: IsoDateTime;
  numRows?: number;
}

export interface GetJobLogDetailsInput {
  companyHandle: string;
  jobHandle?: string;
  originalName?: string;
  logTypeArray?: string[];
  recordsPerPage?: number;
  resultsPage?: number;
  sortBy?: string;
  sortDirection?: string;
}

export interface GetScheduledJobsInput {
  companyHandle?: string;
  jobHandle?: string;
  originalName?: string;
}

export interface JobControlInput {
  companyHandle: string;
  jobHandle: string;
}

export interface GetCompanyInfoInput {
  companyHandle?: string;
  companyName?: string;
  imsOrgId?: string;
}

export interface CheckLoginInput {
  companyHandle?: string;
  email: string;
  password: string;
}

// ---- submitJob ----

/** The values of a job detail's `emailSetting`: who gets mail about the job. */
export const EMAIL_SETTING_VALUES = ['All', 'Error', 'ErrorAndWarning', 'JobCompletion', 'None'] as const;
export type EmailSetting = (typeof EMAIL_SETTING_VALUES)[number];

/** The values of `ImageServingPublishJob`'s `publishType`. */
export const PUBLISH_TYPE_VALUES = ['Full', 'FullWithSearch', 'Incremental'] as const;
export type PublishType = (typeof PUBLISH_TYPE_VALUES)[number];

/** ImageRenderingPublishJob, VideoPublishJob (and ImageServingPublishJob without its publishType). */
export interface PublishJobInput {
  emailSetting: EmailSetting;
  httpCompletionUrl?: string;
  contextHandle?: string;
}

export interface ImageServingPublishJobInput extends PublishJobInput {
  publishType: PublishType;
}

/** One file for an upload-from-URLs job: where IPS fetches it, and its path in the company's folders. */
export interface UploadUrl {
  sourceUrl: string;
  destPath: string;
}

/** The part of `UploadUrlsJob` that ips-jobs sends (its large option blocks are left out; all are optional). */
export interface UploadUrlsJobInput {
  urlArray: UploadUrl[];
  overwrite: boolean;
  readyForPublish: boolean;
  createMask: boolean;
  emailSetting: EmailSetting;
  /** The publish that runs after the upload (at most one of the three). */
  postImageServingPublishJob?: ImageServingPublishJobInput;
  postImageRenderingPublishJob?: PublishJobInput;
  postVideoPublishJob?: PublishJobInput;
}

/** `submitJobParam`: exactly one job detail; at most one of execTime and execSchedule (none: run now). */
export interface SubmitJobInput {
  companyHandle: string;
  /** Who gets the e-mails; default the caller. */
  userHandle?: string;
  jobName: string;
  locale?: string;
  /** ISO date-time with a zone offset. */
  execTime?: string;
  /** IPS's cron-like schedule expression. */
  execSchedule?: string;
  description?: string;
  imageServingPublishJob?: ImageServingPublishJobInput;
  imageRenderingPublishJob?: PublishJobInput;
  videoPublishJob?: PublishJobInput;
  uploadUrlsJob?: UploadUrlsJobInput;
}
