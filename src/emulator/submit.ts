// submitJob in the model: the job type a job detail starts, the detail as the job echoes it, and what an upload's URLs
// decide: one file per URL, named by its destPath; a URL on fail.invalid fails its file, one on stall.invalid stalls the job.
import type { JobDetails, SubmitJobInput, UploadUrl } from '../ips/types.js';
import type { NamedFile } from './generate.js';
import type { SubmitOutcome } from './job-options.js';

/** The job-detail elements submitJob takes, and the IPS job type (as an ActiveJob's `type` names it) each one starts. */
export const SUBMIT_JOB_TYPES = {
  imageServingPublishJob: 'ImageServingPublish',
  imageRenderingPublishJob: 'ImageRenderingPublish',
  videoPublishJob: 'VideoPublish',
  uploadUrlsJob: 'UrlUpload',
} as const;

export type SubmitDetailElement = keyof typeof SUBMIT_JOB_TYPES;

/** A URL on this host makes its file end with an error; the job completes with file errors. */
const FAIL_HOST = 'fail.invalid';
/** A URL on this host makes the job stall half-way through that file, for good. */
const STALL_HOST = 'stall.invalid';

export interface Submission {
  type: string;
  /** The job detail as given, which the job carries (getActiveJobs and getScheduledJobs echo it; urlArray a plain array). */
  details: JobDetails;
  /** An upload's files: one per URL, named by its destPath. */
  namedFiles?: NamedFile[];
  /** How the job ends unless a test queued another outcome: as an upload's URLs say, else success. */
  outcome: SubmitOutcome;
}

function hostOf(url: UploadUrl): string {
  return new URL(url.sourceUrl).hostname.toLowerCase();
}

function namedFile(url: UploadUrl): NamedFile {
  return hostOf(url) === FAIL_HOST ? { name: url.destPath, error: `Could not download ${url.sourceUrl}: host not found` } : { name: url.destPath };
}

/** Stalls in the first stall.invalid file; else completes, with file errors when a URL is on fail.invalid. */
function uploadOutcome(urls: readonly UploadUrl[]): SubmitOutcome {
  const hosts = urls.map(hostOf);
  const stall = hosts.indexOf(STALL_HOST);
  if (stall >= 0) return { outcome: 'stall', stallAt: (stall + 0.5) / urls.length };
  return hosts.includes(FAIL_HOST) ? { outcome: 'failure', fatal: false } : { outcome: 'success' };
}

/** What a checked submitJob input (exactly one job detail) starts. */
export function submissionOf(input: SubmitJobInput): Submission {
  const element = (Object.keys(SUBMIT_JOB_TYPES) as SubmitDetailElement[]).find((name) => input[name] !== undefined);
  if (element === undefined) throw new Error('submitJob: no job detail');
  const submission = { type: SUBMIT_JOB_TYPES[element], details: { [element]: input[element] } as JobDetails };
  const urls = input.uploadUrlsJob?.urlArray;
  return urls ? { ...submission, namedFiles: urls.map(namedFile), outcome: uploadOutcome(urls) } : { ...submission, outcome: { outcome: 'success' } };
}
