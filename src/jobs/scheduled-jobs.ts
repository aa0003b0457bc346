// Narrowing and ordering scheduled jobs (`ips-jobs scheduled`): the same rules as for active jobs,
// with the trigger state in place of the job state and the next fire time as the natural order.
import type { ScheduledJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { jobMatcher } from './filter.js';
import { fieldSortParser, sortByKey, type FieldSort, type SortKey } from './stable-sort.js';

export interface ScheduledCriteria {
  /** Glob (`*`, `?`) matched against `name` or `originalName`. */
  name?: string;
  /** Any of these job types, case-insensitive; empty or absent = any. */
  types?: string[];
  /** Case-insensitive equality with `submitUserEmail`. */
  user?: string;
  /** Any of these trigger states (`Normal`, `Paused`, …), case-insensitive; empty or absent = any. */
  triggerStates?: string[];
}

/** The scheduled jobs meeting every given criterion, in their original order. */
export function filterScheduledJobs(jobs: readonly ScheduledJob[], criteria: ScheduledCriteria): ScheduledJob[] {
  const { triggerStates, ...rest } = criteria;
  return jobs.filter(jobMatcher<ScheduledJob>({ ...rest, states: triggerStates }, (job) => job.triggerState));
}

type ScheduledSortField =
  | 'name'
  | 'originalName'
  | 'type'
  | 'execSchedule'
  | 'nextFireTime'
  | 'timeZone'
  | 'triggerState'
  | 'submitUserEmail'
  | 'jobHandle'
  | 'locale'
  | 'description';

export type ScheduledSortSpec = FieldSort<ScheduledSortField>;

// Table column ids first (the words users see in headers), then the IPS field names.
const FIELD_BY_NAME: ReadonlyMap<string, ScheduledSortField> = new Map<string, ScheduledSortField>([
  ['name', 'name'],
  ['type', 'type'],
  ['schedule', 'execSchedule'],
  ['next', 'nextFireTime'],
  ['zone', 'timeZone'],
  ['state', 'triggerState'],
  ['user', 'submitUserEmail'],
  ['handle', 'jobHandle'],
  ['original', 'originalName'],
  ['locale', 'locale'],
  ['description', 'description'],
  ['originalName', 'originalName'],
  ['execSchedule', 'execSchedule'],
  ['nextFireTime', 'nextFireTime'],
  ['timeZone', 'timeZone'],
  ['triggerState', 'triggerState'],
  ['submitUserEmail', 'submitUserEmail'],
  ['jobHandle', 'jobHandle'],
]);

/** The words --sort takes: column ids, then IPS field names. */
export const SCHEDULED_SORT_FIELDS: readonly string[] = [...FIELD_BY_NAME.keys()];

/** The default order: soonest next firing first. */
export const DEFAULT_SCHEDULED_SORT: ScheduledSortSpec = { field: 'nextFireTime', descending: false };

/** A --sort value naming no field of a scheduled job. */
export { SortFieldError as ScheduledSortError } from './stable-sort.js';

/** Reads `field` or `-field` (descending), case-insensitively. */
export const parseScheduledSort: (text: string) => ScheduledSortSpec = fieldSortParser(FIELD_BY_NAME);

function sortKey(job: ScheduledJob, field: ScheduledSortField): SortKey {
  const raw = job[field];
  if (field === 'nextFireTime') return parseIso(raw);
  return raw === '' ? undefined : raw;
}

/** A new, stably sorted array; jobs lacking the field (a paused job without a next fire time) go last either way. */
export function sortScheduledJobs(jobs: readonly ScheduledJob[], spec: ScheduledSortSpec): ScheduledJob[] {
  return sortByKey(jobs, (job) => sortKey(job, spec.field), spec.descending);
}
