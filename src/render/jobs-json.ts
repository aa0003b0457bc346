import { renderNdjson } from './records.js';
import { escapeJsonText } from './sanitize.js';
import type { ActiveJob } from '../ips/types.js';
import { jobTypeName } from '../jobs/log-type.js';

/** An active job as JSON shows it: IPS's fields as they are, plus `jobType`, the one name of its type (`jobTypeName`). */
export type JobRecord = ActiveJob & { jobType?: string };

/** The job with `jobType` added after IPS's fields (absent when the job has no type). */
export function jobRecord(job: ActiveJob): JobRecord {
  return { ...job, jobType: jobTypeName(job.type) };
}

export interface JobsDocument {
  schemaVersion: 1;
  /** null when the company is not known, so the key is always present. */
  company: { companyHandle?: string; name?: string } | null;
  /** The normalised jobs as the client returned them: IPS field names, plain arrays, dates as received; plus `jobType`. */
  jobs: JobRecord[];
}

/** The `-o json` document: a versioned envelope around the jobs, unaltered but for the added `jobType`. */
export function jobsDocument(company: { companyHandle?: string; name?: string } | undefined, jobs: ActiveJob[]): JobsDocument {
  return {
    schemaVersion: 1,
    company: company === undefined ? null : { companyHandle: company.companyHandle, name: company.name },
    jobs: jobs.map(jobRecord),
  };
}

/** Pretty JSON (2-space indent) ending with a newline. Values are kept raw (C1 and bidi controls `\u`-escaped). */
export function renderJson(doc: unknown): string {
  return `${escapeJsonText(JSON.stringify(doc, null, 2))}\n`;
}

/** `-o ndjson`: one compact JSON object per job, each line ending with a newline. */
export function renderNdjsonLines(jobs: readonly ActiveJob[]): Iterable<string> {
  return renderNdjson(jobs.map(jobRecord));
}
