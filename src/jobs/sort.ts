import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { taskSummary } from './tasks.js';

/** What a job list can be ordered by: IPS field names, plus `tasks` (fraction of task items processed). */
export type SortField =
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

export interface SortSpec {
  field: SortField;
  descending: boolean;
}

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

/** Every name parseSortSpec accepts, for help text. */
export const SORT_FIELD_NAMES: readonly string[] = [...FIELD_BY_NAME.keys()];

const FIELD_BY_LOWER_NAME = new Map([...FIELD_BY_NAME].map(([name, field]) => [name.toLowerCase(), field]));

/** A --sort value naming no known field. */
export class SortSpecError extends Error {
  override name = 'SortSpecError';
  constructor(readonly input: string) {
    super(`unknown sort field "${input}"; accepted: ${SORT_FIELD_NAMES.join(', ')} (prefix with - for descending)`);
  }
}

/** Reads `field` or `-field` (descending); field names are matched case-insensitively. */
export function parseSortSpec(text: string): SortSpec {
  const trimmed = text.trim();
  const descending = trimmed.startsWith('-');
  const field = FIELD_BY_LOWER_NAME.get((descending ? trimmed.slice(1) : trimmed).toLowerCase());
  if (field === undefined) throw new SortSpecError(text);
  return { field, descending };
}

type SortKey = string | number | undefined;

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

const collator = new Intl.Collator('en', { numeric: true });

/** A new, stably sorted array; jobs lacking the field go last whichever the direction. */
export function sortJobs(jobs: ActiveJob[], spec: SortSpec): ActiveJob[] {
  // Keys are computed once per job (dates parsed once), not once per comparison.
  const keyed = jobs.map((job, index) => ({ job, index, key: sortKey(job, spec.field) }));
  const direction = spec.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key !== b.key) return a.key === undefined ? 1 : -1;
      return a.index - b.index;
    }
    const order =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key));
    return order !== 0 ? order * direction : a.index - b.index;
  });
  return keyed.map((entry) => entry.job);
}
