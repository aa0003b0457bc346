import type { ActiveJob } from '../ips/types.js';
import { jobTypeName } from '../jobs/log-type.js';
import { isStalled } from '../jobs/stall.js';
import { taskSummary } from '../jobs/tasks.js';
import { type BarStyle, progressBar } from './progress-bar.js';
import { ColumnsError, type RecordColumn } from './records.js';
import { formatRelative, formatTimestamp } from './relative-time.js';

export const COLUMN_IDS = [
  'name',
  'type',
  'state',
  'progress',
  'tasks',
  'message',
  'started',
  'updated',
  'user',
  'handle',
  'server',
  'company',
  'trigger',
  'size',
  'description',
] as const;

export type ColumnId = (typeof COLUMN_IDS)[number];

/** The table's columns when no --columns is given. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'name',
  'type',
  'state',
  'progress',
  'tasks',
  'message',
  'started',
  'updated',
  'user',
];

/** `-o wide`: the default columns plus the job's identifiers, server, schedule, size and description. */
export const WIDE_COLUMNS: readonly ColumnId[] = [
  ...DEFAULT_COLUMNS,
  'handle',
  'server',
  'company',
  'trigger',
  'size',
  'description',
];

export interface ColumnContext {
  /** The server's clock. */
  now: Date;
  /** A running job silent for longer than this is flagged; 0 = never. */
  staleAfterMs: number;
  barStyle: BarStyle;
}

/** A column of the jobs table (`list`, `watch`); csv/tsv take its `field` and its raw `value`. */
export type JobColumn = RecordColumn<ActiveJob, ColumnContext> & { id: ColumnId; value(job: ActiveJob): string };

/** The marker after UPDATED for a stale job, so it shows without colour too. */
const STALE_MARKER = ' !';

const BAR_WIDTH = 10;

function raw(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

function tasksText(job: ActiveJob): string {
  const summary = taskSummary(job);
  return summary === undefined ? '' : `${summary.processed}/${summary.total}`;
}

function progressText(job: ActiveJob, ctx: ColumnContext): string {
  if (job.progress === undefined || Number.isNaN(job.progress)) return '';
  const percent = Math.floor(Math.min(100, Math.max(0, job.progress)));
  return `${progressBar(job.progress, BAR_WIDTH, ctx.barStyle)} ${`${percent}%`.padStart(4)}`;
}

function plainField(
  id: ColumnId,
  header: string,
  field: 'name' | 'type' | 'state' | 'progressMessage' | 'submitUserEmail' | 'jobHandle' | 'serverName' | 'companyHandle' | 'description',
  shrinkOrder?: number,
): JobColumn {
  const value = (job: ActiveJob) => raw(job[field]);
  return { id, header, field, shrinkOrder, text: value, value };
}

const UPDATED_DROP_ORDER = 12;

const COLUMN_LIST: readonly JobColumn[] = [
  {
    ...plainField('name', 'NAME', 'name', 2),
    // The name is what tells jobs apart: other columns leave before it is cut, and it is cut in the middle. Only
    // UPDATED and PROGRESS (the live part of a row) stay ahead of a whole name.
    identifies: true,
    cutOrder: UPDATED_DROP_ORDER,
    // A job with no name is still recognisable by the name it was submitted under.
    text: (job) => raw(job.name ?? job.originalName),
  },
  // The one name of the type, as logs, stats and timeline say it (`UrlUpload` → `UploadUrls`); csv keeps IPS's.
  { ...plainField('type', 'TYPE', 'type'), text: (job) => raw(jobTypeName(job.type)) },
  plainField('state', 'STATE', 'state'),
  {
    id: 'progress',
    header: 'PROGRESS',
    field: 'progress',
    text: progressText,
    value: (job) => raw(job.progress),
  },
  { id: 'tasks', header: 'TASKS', field: 'tasks', align: 'right', text: tasksText, value: tasksText },
  plainField('message', 'MESSAGE', 'progressMessage', 1),
  {
    id: 'started',
    header: 'STARTED',
    field: 'startDate',
    text: (job, ctx) => formatRelative(job.startDate, ctx.now),
    value: (job) => raw(job.startDate),
  },
  {
    id: 'updated',
    header: 'UPDATED',
    field: 'lastProgressUpdate',
    text: (job, ctx) =>
      formatRelative(job.lastProgressUpdate, ctx.now) + (isStalled(job, ctx.now, ctx.staleAfterMs) ? STALE_MARKER : ''),
    value: (job) => raw(job.lastProgressUpdate),
    // A stale job's UPDATED is red, whatever the row's state colour.
    style: (job, palette, ctx) => (isStalled(job, ctx.now, ctx.staleAfterMs) ? palette.stale : undefined),
  },
  plainField('user', 'USER', 'submitUserEmail'),
  plainField('handle', 'HANDLE', 'jobHandle'),
  plainField('server', 'SERVER', 'serverName'),
  plainField('company', 'COMPANY', 'companyHandle'),
  {
    id: 'trigger',
    header: 'TRIGGER',
    field: 'triggerTime',
    text: (job) => (job.triggerTime === undefined ? '' : formatTimestamp(job.triggerTime)),
    value: (job) => raw(job.triggerTime),
  },
  {
    id: 'size',
    header: 'SIZE',
    field: 'totalSize',
    align: 'right',
    text: (job) => raw(job.totalSize),
    value: (job) => raw(job.totalSize),
  },
  plainField('description', 'DESCRIPTION', 'description', 3),
];

// On a narrow terminal the least telling columns go first; name and state always stay.
const DROP_ORDER: Partial<Record<ColumnId, number>> = {
  description: 1,
  trigger: 2,
  size: 3,
  server: 4,
  company: 5,
  handle: 6,
  started: 7,
  tasks: 8,
  user: 9,
  message: 10,
  type: 11,
  updated: UPDATED_DROP_ORDER,
  progress: 13,
};

const MIN_WIDTH: Partial<Record<ColumnId, number>> = { name: 28, message: 16 };

/** Every column by id: the one registry the table and csv/tsv renderers share. */
export const COLUMNS: Readonly<Record<ColumnId, JobColumn>> = Object.fromEntries(
  COLUMN_LIST.map((column) => [column.id, { ...column, dropOrder: DROP_ORDER[column.id], minWidth: MIN_WIDTH[column.id] }]),
) as Record<ColumnId, JobColumn>;

function isColumnId(text: string): text is ColumnId {
  return (COLUMN_IDS as readonly string[]).includes(text);
}

/** Splits a comma list like `name,state,updated` into column ids (case-insensitive, duplicates dropped); throws ColumnsError. */
export function parseColumns(text: string): ColumnId[] {
  const names = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const ids = names.map((n) => n.toLowerCase());
  const unknown = names.filter((_, i) => !isColumnId(ids[i] ?? ''));
  if (names.length === 0 || unknown.length > 0) throw new ColumnsError(unknown, COLUMN_IDS);
  return [...new Set(ids.filter(isColumnId))];
}
