import { renderNdjson } from './records.js';
import { escapeJsonText } from './sanitize.js';
import type { ActiveJob } from '../ips/types.js';

export interface JobsDocument {
  schemaVersion: 1;
  /** null when the company is not known, so the key is always present. */
  company: { companyHandle?: string; name?: string } | null;
  /** The normalised jobs as the client returned them: IPS field names, plain arrays, dates as received. */
  jobs: ActiveJob[];
}

/** The `-o json` document: a versioned envelope around the jobs, unaltered. */
export function jobsDocument(company: { companyHandle?: string; name?: string } | undefined, jobs: ActiveJob[]): JobsDocument {
  return {
    schemaVersion: 1,
    company: company === undefined ? null : { companyHandle: company.companyHandle, name: company.name },
    jobs,
  };
}

/** Pretty JSON (2-space indent) ending with a newline. Values are kept raw (C1 and bidi controls `\u`-escaped). */
export function renderJson(doc: unknown): string {
  return `${escapeJsonText(JSON.stringify(doc, null, 2))}\n`;
}

/** `-o ndjson`: one compact JSON object per job, each line ending with a newline. */
export function renderNdjsonLines(jobs: Iterable<ActiveJob>): Iterable<string> {
  return renderNdjson(jobs);
}
