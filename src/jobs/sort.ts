import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { fieldSortParser, sortByKey, type FieldSort, type SortKey } from './stable-sort.js';
import { taskSummary } from './tasks.js';

/** What a job list can be ordered by: IPS field names, plus `tasks` (fraction of task items processed). */
type SortField =
  | 'name'
  | 'originalName'
  | 'type'
  | 'state'
  | 'submitUserEmail'
  | 'startDate'
  | 'lastProgressUpdate'
  | 'triggerTime'
  | 'progress'
  | 'progressMessage'
  | 'totalSize'
  | 'serverName'
  | 'jobHandle'
  | 'companyHandle'
  | 'description'
  | 'tasks';

export type SortSpec = FieldSort<SortField>;

// Table column ids first (the words users see in headers), then the IPS field names.
const FIELD_BY_NAME: ReadonlyMap<string, SortField> = new Map<string, SortField>([
  ['name', 'name'],
  ['type', 'type'],
  ['state', 'state'],
  ['progress', 'progress'],
  ['tasks', 'tasks'],
  ['message', 'progressMessage'],
  ['started', 'startDate'],
  ['updated', 'lastProgressUpdate'],
  ['user', 'submitUserEmail'],
  ['handle', 'jobHandle'],
  ['server', 'serverName'],
  ['company', 'companyHandle'],
  ['trigger', 'triggerTime'],
  ['size', 'totalSize'],
  ['description', 'description'],
  ['originalName', 'originalName'],
  ['submitUserEmail', 'submitUserEmail'],
  ['startDate', 'startDate'],
  ['lastProgressUpdate', 'lastProgressUpdate'],
  ['triggerTime', 'triggerTime'],
  ['progressMessage', 'progressMessage'],
  ['totalSize', 'totalSize'],
  ['serverName', 'serverName'],
  ['jobHandle', 'jobHandle'],
  ['companyHandle', 'companyHandle'],
]);

/** The words --sort takes: column ids, then IPS field names. */
export const SORT_FIELDS: readonly string[] = [...FIELD_BY_NAME.keys()];

/** A --sort value naming no known field. */
export { SortFieldError as SortSpecError } from './stable-sort.js';

/** Reads `field` or `-field` (descending); field names are matched case-insensitively. */
export const parseSortSpec: (text: string) => SortSpec = fieldSortParser(FIELD_BY_NAME);

const DATE_FIELDS: ReadonlySet<SortField> = new Set(['startDate', 'lastProgressUpdate', 'triggerTime']);

function sortKey(job: ActiveJob, field: SortField): SortKey {
  if (field === 'tasks') {
    const summary = taskSummary(job);
    return summary === undefined || summary.total === 0 ? undefined : summary.processed / summary.total;
  }
  const raw = job[field];
  if (DATE_FIELDS.has(field)) return parseIso(typeof raw === 'string' ? raw : undefined);
  if (typeof raw === 'number') return Number.isNaN(raw) ? undefined : raw;
  return raw === '' ? undefined : raw;
}

/** A new, stably sorted array; jobs lacking the field go last whichever the direction. */
export function sortJobs(jobs: ActiveJob[], spec: SortSpec): ActiveJob[] {
  return sortByKey(jobs, (job) => sortKey(job, spec.field), spec.descending);
}
