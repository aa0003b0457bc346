import { type ActiveJob, JOB_DETAIL_ELEMENTS } from '../ips/types.js';
import { taskSummary } from '../jobs/tasks.js';
import { COLUMN_IDS, COLUMNS } from './columns.js';
import { ColumnsError } from './records.js';
import { csvField, tsvField } from './records.js';

/** Fields csv/tsv can carry: the ActiveJob scalars by IPS name, plus two summaries of nested data. */
export const DELIMITED_FIELDS = [
  'jobHandle',
  'name',
  'originalName',
  'type',
  'state',
  'progress',
  'progressMessage',
  'submitUserEmail',
  'startDate',
  'lastProgressUpdate',
  'triggerTime',
  'serverName',
  'companyHandle',
  'totalSize',
  'locale',
  'description',
  'tasks',
  'jobDetail',
] as const;

export type DelimitedField = (typeof DELIMITED_FIELDS)[number];

export interface DelimitedOptions {
  format: 'csv' | 'tsv';
  headers: boolean;
  /** IPS field names or table column ids (mapped to their field); default DELIMITED_FIELDS. */
  fields?: readonly string[];
}

const FIELD_BY_LOWER_NAME: ReadonlyMap<string, DelimitedField> = new Map<string, DelimitedField>([
  ...DELIMITED_FIELDS.map((field): [string, DelimitedField] => [field.toLowerCase(), field]),
  ...COLUMN_IDS.map((id): [string, DelimitedField] => [id, COLUMNS[id].field as DelimitedField]),
]);

const VALID_NAMES: readonly string[] = [
  ...DELIMITED_FIELDS,
  ...COLUMN_IDS.filter((id) => !(DELIMITED_FIELDS as readonly string[]).includes(id)),
];

/** Validates and canonicalises a csv/tsv field list (IPS names or column ids, case-insensitive); throws ColumnsError. */
export function resolveDelimitedFields(names: readonly string[]): DelimitedField[] {
  const trimmed = names.map((name) => name.trim()).filter((name) => name !== '');
  const unknown = trimmed.filter((name) => !FIELD_BY_LOWER_NAME.has(name.toLowerCase()));
  if (trimmed.length === 0 || unknown.length > 0) {
    throw new ColumnsError(unknown, VALID_NAMES);
  }
  return trimmed.map((name) => FIELD_BY_LOWER_NAME.get(name.toLowerCase()) as DelimitedField);
}

function fieldValue(job: ActiveJob, field: DelimitedField): string {
  if (field === 'tasks') {
    const summary = taskSummary(job);
    return summary === undefined ? '' : `${summary.processed}/${summary.total}`;
  }
  if (field === 'jobDetail') return JOB_DETAIL_ELEMENTS.filter((element) => job[element] !== undefined).join(';');
  const value = job[field];
  return value === undefined ? '' : String(value);
}

/**
 * csv (RFC 4180 quoting, LF line ends) or tsv (no quoting; tab, CR, LF, backslash escaped) records, one string per
 * record ending in `\n`. Values are raw server text (not sanitised). Fields are validated before the first line.
 */
export function renderDelimitedLines(jobs: Iterable<ActiveJob>, options: DelimitedOptions): Iterable<string> {
  const fields = options.fields === undefined ? [...DELIMITED_FIELDS] : resolveDelimitedFields(options.fields);
  const encode = options.format === 'csv' ? csvField : tsvField;
  const separator = options.format === 'csv' ? ',' : '\t';
  const record = (values: string[]): string => `${values.map(encode).join(separator)}\n`;
  return (function* () {
    if (options.headers) yield record(fields);
    for (const job of jobs) yield record(fields.map((field) => fieldValue(job, field)));
  })();
}
