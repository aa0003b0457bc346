import type { ActiveJob } from '../ips/types.js';
import { globToRegExp } from './glob.js';

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

function oneOf(values: string[] | undefined): ((value: string | undefined) => boolean) | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  return (value) => value !== undefined && wanted.has(value.toLowerCase());
}

/** The jobs meeting every given criterion, in their original order. */
export function filterJobs(jobs: ActiveJob[], criteria: JobCriteria): ActiveJob[] {
  const stateOk = oneOf(criteria.states);
  const typeOk = oneOf(criteria.types);
  const namePattern = criteria.name === undefined ? undefined : globToRegExp(criteria.name);
  const user = criteria.user?.toLowerCase();
  return jobs.filter((job) => {
    if (stateOk && !stateOk(job.state)) return false;
    if (typeOk && !typeOk(job.type)) return false;
    if (namePattern) {
      const named = job.name !== undefined && namePattern.test(job.name);
      if (!named && !(job.originalName !== undefined && namePattern.test(job.originalName))) return false;
    }
    if (user !== undefined && job.submitUserEmail?.toLowerCase() !== user) return false;
    return true;
  });
}
