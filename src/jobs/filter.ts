import type { ActiveJob } from '../ips/types.js';
import { globToRegExp } from './glob.js';
import { jobTypeName } from './log-type.js';

export interface JobCriteria {
  /** Any of these states, case-insensitive exact match; empty or absent = any. */
  states?: string[];
  /** Any of these job types, case-insensitive exact match; empty or absent = any. */
  types?: string[];
  /** Glob (`*`, `?`) matched against `name` or `originalName`. */
  name?: string;
  /** Case-insensitive equality with `submitUserEmail`. */
  user?: string;
}

/** What a filter reads of a job: the fields active and scheduled jobs share. */
interface Filterable {
  name?: string;
  originalName?: string;
  type?: string;
  submitUserEmail?: string;
}

function oneOf(values: string[] | undefined): ((value: string | undefined) => boolean) | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  return (value) => value !== undefined && wanted.has(value.toLowerCase());
}

/**
 * One test of every given criterion: `states` against what `stateOf` reads (an active job's state, a scheduled
 * job's trigger state), types and user case-insensitively, the name glob against `name` or `originalName`.
 */
export function jobMatcher<T extends Filterable>(criteria: JobCriteria, stateOf: (job: T) => string | undefined): (job: T) => boolean {
  const stateOk = oneOf(criteria.states);
  // A type named either way (`UrlUpload` or `UploadUrls`) finds the job whichever way IPS named it.
  const typeOk = oneOf(criteria.types?.flatMap((type) => [type, jobTypeName(type) ?? type]));
  const pattern = criteria.name === undefined ? undefined : globToRegExp(criteria.name);
  const user = criteria.user?.toLowerCase();
  return (job) => {
    if (stateOk && !stateOk(stateOf(job))) return false;
    if (typeOk && !typeOk(job.type) && !typeOk(jobTypeName(job.type))) return false;
    if (pattern && !(job.name !== undefined && pattern.test(job.name)) && !(job.originalName !== undefined && pattern.test(job.originalName))) return false;
    return user === undefined || job.submitUserEmail?.toLowerCase() === user;
  };
}

/** The jobs meeting every given criterion, in their original order. */
export function filterJobs(jobs: ActiveJob[], criteria: JobCriteria): ActiveJob[] {
  return jobs.filter(jobMatcher(criteria, (job) => job.state));
}

/**
 * The criteria as the flags say them (`--type a,b --name X --user u`, '' for none), the same text for the same
 * filters whatever their order or case: what `check`'s state file keeps to know which jobs a run looked at.
 */
export function filtersKey(criteria: JobCriteria): string {
  const parts: string[] = [];
  if (criteria.types?.length) parts.push(`--type ${[...new Set(criteria.types.map((t) => t.toLowerCase()))].sort().join(',')}`);
  if (criteria.name !== undefined) parts.push(`--name ${criteria.name}`);
  if (criteria.user !== undefined) parts.push(`--user ${criteria.user.toLowerCase()}`);
  return parts.join(' ');
}
