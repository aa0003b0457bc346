// `ips-jobs show`: everything known about one job for people — a key/value block, its job-detail
// element, its tasks (and their items) — or, for a finished job, its log summary. Data in, text out.
import { JOB_DETAIL_ELEMENTS, type ActiveJob, type JobDetails, type JobLog, type TaskItemProgress, type TaskProgress } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { jobTypeName } from '../jobs/log-type.js';
import { formatDuration } from '../text/duration.js';
import { isFinishedLog, outcomeFromLog } from '../jobs/outcome.js';
import { isStalled, sinceLastUpdate } from '../jobs/stall.js';
import { stateClass } from '../jobs/state-class.js';
import type { Palette, Style } from './palette.js';
import { type BarStyle, progressBar } from './progress-bar.js';
import { renderRecordTable, type RecordColumn } from './records.js';
import { formatRelative, formatTimestamp } from './relative-time.js';
import { sanitizeForTerminal } from './sanitize.js';
import { truncateToWidth, visibleWidth } from './text-width.js';
import { plural } from '../text/plural.js';

export interface JobDetailOptions {
  palette: Palette;
  /** The server's clock. */
  now: Date;
  /** Terminal columns: values and the task table are cut to fit. Absent (piped) = never cut. */
  width?: number;
  /** `-o wide`: every field (absent ones as `-`) and the task items. */
  wide: boolean;
}

export interface ActiveJobDetailOptions extends JobDetailOptions {
  /** A running job silent this long is flagged as stalled; 0 = never. */
  staleAfterMs: number;
  barStyle: BarStyle;
  /** `--items`: each task's item progress under the task (wide shows them too). */
  items: boolean;
}

/** A line of the key/value block: a label and its value in parts, each with its own style. */
interface Field {
  label: string;
  parts: Array<{ text: string; style?: Style }>;
  /** Lines under the value, aligned with it (a large job-detail block). */
  more?: string[];
}

const BAR_WIDTH = 20;
const LABEL_GAP = 2;
// Wide enough for every label of both views, so values line up the same whatever is shown.
const LABEL_WIDTH = 'original name'.length + LABEL_GAP;

function shown(text: string | undefined): string {
  return text === undefined ? '' : sanitizeForTerminal(text);
}

function field(label: string, text: string | undefined, style?: Style): Field {
  return { label, parts: [{ text: shown(text), style }] };
}

/** Plain parts cut to `room` columns (the last one that does not fit ends in `…`), then styled. */
function fitParts(parts: Field['parts'], room: number | undefined): string {
  let out = '';
  let left = room ?? Number.POSITIVE_INFINITY;
  for (const part of parts) {
    if (left <= 0) break;
    const width = visibleWidth(part.text);
    const text = width > left ? truncateToWidth(part.text, left) : part.text;
    left -= visibleWidth(text);
    out += part.style && text !== '' ? part.style(text) : text;
  }
  return out;
}

/** Aligned `label  value` lines; with `width`, values are cut with `…` so no line is wider. */
function renderFields(fields: readonly Field[], palette: Palette, width: number | undefined): string[] {
  const labelWidth = Math.max(LABEL_WIDTH, ...fields.map((f) => f.label.length + LABEL_GAP));
  const room = width === undefined ? undefined : Math.max(1, width - labelWidth);
  const lines: string[] = [];
  for (const f of fields) {
    lines.push(`${palette.heading(f.label)}${' '.repeat(labelWidth - f.label.length)}${fitParts(f.parts, room)}`.replace(/ +$/, ''));
    for (const line of f.more ?? []) lines.push(`${' '.repeat(labelWidth)}${fitParts([{ text: line }], room)}`);
  }
  return lines;
}

/** `5m ago (2026-11-28 08:55)`: relative to the server's clock, then its wall clock as written; raw text when unreadable. */
function when(iso: string | undefined, now: Date): string | undefined {
  if (iso === undefined) return undefined;
  if (parseIso(iso) === undefined) return sanitizeForTerminal(iso);
  return `${formatRelative(iso, now)} (${formatTimestamp(iso)})`;
}

function percentText(percent: number): string {
  return `${Math.floor(Math.min(100, Math.max(0, percent)))}%`;
}

/** Task and item progress are fractions 0–1 (TaskProgress per the schema; items as IPS sends them). */
function fractionPercent(progress: number | undefined): string {
  if (progress === undefined || Number.isNaN(progress)) return '';
  // Rounded first so 0.57 × 100 = 56.99999… still reads 57%.
  const percent = Math.round((progress <= 1 ? progress * 100 : progress) * 1e6) / 1e6;
  return percentText(percent);
}

// ---- job-detail elements ----

export interface PresentJobDetail {
  element: (typeof JOB_DETAIL_ELEMENTS)[number];
  value: unknown;
}

/** The job-detail elements the job carries (one is expected), in schema order. */
export function presentJobDetails(job: JobDetails): PresentJobDetail[] {
  return JOB_DETAIL_ELEMENTS.flatMap((element) => {
    const value = (job as Record<string, unknown>)[element];
    return value === undefined ? [] : [{ element, value }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object';
}

/**
 * A job-detail block as `[path, value]` pairs: nested objects as `a.b`, arrays of objects as `a[0].b`, arrays of plain
 * values joined with `, `. IPS's `{ items: [...] }` array wrappers count as the array itself.
 */
export function flattenDetail(value: unknown, prefix = ''): Array<[string, string]> {
  if (isRecord(value) && Object.keys(value).length === 1 && 'items' in value) return flattenDetail(Array.isArray(value.items) ? value.items : [value.items], prefix);
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return [[prefix, value.map((v) => (v === null || v === undefined ? '' : String(v))).join(', ')]];
    return value.flatMap((item, index) => flattenDetail(item, `${prefix}[${index}]`));
  }
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => flattenDetail(inner, prefix === '' ? key : `${prefix}.${key}`));
  return [[prefix, value === null || value === undefined ? '' : String(value)]];
}

// Small blocks read best on one line; large option blocks get a line per field.
const INLINE_MAX_FIELDS = 4;

function detailField(detail: PresentJobDetail): Field {
  const pairs = flattenDetail(detail.value).filter(([path]) => path !== '');
  const inline = pairs.length <= INLINE_MAX_FIELDS && pairs.every(([path]) => !/[.[]/.test(path));
  if (inline) {
    const text = pairs.length === 0 ? detail.element : `${detail.element}: ${pairs.map(([k, v]) => `${k} ${v}`).join(', ')}`;
    return field('job detail', text);
  }
  return { ...field('job detail', detail.element), more: pairs.map(([k, v]) => sanitizeForTerminal(`${k}: ${v}`)) };
}

// ---- active job ----

function stateStyle(state: string | undefined, palette: Palette): Style {
  return palette.state(stateClass(state));
}

function taskStateStyle(state: string | undefined, palette: Palette): Style | undefined {
  switch (state?.toLowerCase()) {
    case 'processing':
      return palette.state('running');
    case 'new':
      return palette.state('waiting');
    case 'stopping':
      return palette.state('stopping');
    case 'done':
      return palette.state('done');
    case 'failed':
      return palette.error;
    default:
      return undefined;
  }
}

function progressField(job: ActiveJob, options: ActiveJobDetailOptions): Field {
  if (job.progress === undefined || Number.isNaN(job.progress)) return field('progress', undefined);
  return field('progress', `${progressBar(job.progress, BAR_WIDTH, options.barStyle)} ${percentText(job.progress).padStart(4)}`);
}

function lastUpdateField(job: ActiveJob, options: ActiveJobDetailOptions): Field {
  const text = when(job.lastProgressUpdate, options.now);
  if (!isStalled(job, options.now, options.staleAfterMs)) return field('last update', text);
  const silent = sinceLastUpdate(job, options.now);
  return {
    label: 'last update',
    parts: [
      { text: text ?? '', style: options.palette.stale },
      { text: `  ! stalled: no progress for ${silent === undefined ? '?' : formatDuration(silent)}`, style: options.palette.stale },
    ],
  };
}

/** The key/value block of an active job: optional fields only when present, unless wide. */
function activeFields(job: ActiveJob, options: ActiveJobDetailOptions): Field[] {
  const { palette, now, wide } = options;
  const fields: Array<Field & { wideOnly?: boolean; always?: boolean }> = [
    { ...field('name', job.name ?? job.originalName, palette.bold), always: true },
    field('original name', job.originalName),
    field('handle', job.jobHandle),
    field('type', typeText(job.type)),
    { ...field('state', job.state, stateStyle(job.state, palette)), always: true },
    progressField(job, options),
    field('message', job.progressMessage),
    field('submitted by', job.submitUserEmail),
    field('company', job.companyHandle),
    field('server', job.serverName),
    { ...field('locale', job.locale), wideOnly: true },
    field('description', job.description),
    field('started', when(job.startDate, now)),
    { ...field('trigger time', when(job.triggerTime, now)), wideOnly: true },
    lastUpdateField(job, options),
    { ...field('total size', job.totalSize === undefined ? undefined : String(job.totalSize)), wideOnly: true },
  ];
  const details = presentJobDetails(job);
  if (details.length === 0) fields.push(field('job detail', undefined));
  for (const detail of details) fields.push(detailField(detail));
  if (job.taskProgressArray.length === 0) fields.push({ ...field('tasks', 'none reported'), always: true });

  const empty = (f: Field) => f.parts.every((part) => part.text === '');
  return fields
    .filter((f) => wide || (!f.wideOnly && (f.always || !empty(f))))
    .map((f) => (empty(f) ? { ...f, parts: [{ text: '-' }] } : f));
}

type TaskRow = { kind: 'task'; task: TaskProgress } | { kind: 'item'; item: TaskItemProgress };

function count(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

function taskColumns(now: Date): RecordColumn<TaskRow>[] {
  return [
    {
      id: 'task',
      header: 'TASK',
      field: 'taskType',
      shrinkOrder: 2,
      minWidth: 12,
      // Items sit under their task, indented.
      text: (row) => (row.kind === 'task' ? (row.task.taskType ?? '') : `  ${row.item.itemName ?? ''}`),
    },
    { id: 'state', header: 'STATE', field: 'taskState', text: (row) => (row.kind === 'task' ? (row.task.taskState ?? '') : '') },
    { id: 'processed', header: 'PROCESSED', field: 'numProcessed', align: 'right', dropOrder: 3, text: (row) => (row.kind === 'task' ? count(row.task.numProcessed) : '') },
    { id: 'processing', header: 'PROCESSING', field: 'numProcessing', align: 'right', dropOrder: 1, text: (row) => (row.kind === 'task' ? count(row.task.numProcessing) : '') },
    { id: 'pending', header: 'PENDING', field: 'numPending', align: 'right', dropOrder: 2, text: (row) => (row.kind === 'task' ? count(row.task.numPending) : '') },
    {
      id: 'progress',
      header: 'PROGRESS',
      field: 'progress',
      align: 'right',
      text: (row) => fractionPercent(row.kind === 'task' ? row.task.progress : row.item.progress),
    },
    {
      id: 'message',
      header: 'MESSAGE',
      field: 'progressMessage',
      shrinkOrder: 1,
      dropOrder: 5,
      text: (row) => (row.kind === 'task' ? row.task.progressMessage : row.item.progressMessage) ?? '',
    },
    {
      id: 'updated',
      header: 'UPDATED',
      field: 'lastProgressUpdate',
      dropOrder: 4,
      text: (row) => formatRelative(row.kind === 'task' ? row.task.lastProgressUpdate : row.item.lastProgressUpdate, now),
    },
  ];
}

function taskTable(tasks: readonly TaskProgress[], options: ActiveJobDetailOptions): string {
  const withItems = options.items || options.wide;
  const rows: TaskRow[] = tasks.flatMap((task): TaskRow[] => [
    { kind: 'task', task },
    ...(withItems ? task.taskItemProgressArray.map((item): TaskRow => ({ kind: 'item', item })) : []),
  ]);
  const { palette } = options;
  return renderRecordTable(rows, taskColumns(options.now), {
    headers: true,
    palette,
    width: options.width,
    rowStyle: (row) => (row.kind === 'task' ? taskStateStyle(row.task.taskState, palette) : palette.dim),
  });
}

/** The human view of an active job: the key/value block, then the task table (items under their task with --items or wide). */
export function renderActiveJob(job: ActiveJob, options: ActiveJobDetailOptions): string {
  const block = renderFields(activeFields(job, options), options.palette, options.width).join('\n');
  if (job.taskProgressArray.length === 0) return `${block}\n`;
  return `${block}\n\n${taskTable(job.taskProgressArray, options)}`;
}

// ---- finished job: its log summary ----

function outcomeStyle(outcome: string, palette: Palette): Style {
  if (outcome === 'succeeded') return palette.ok;
  if (outcome === 'succeeded_with_warnings') return palette.warn;
  return palette.error;
}

function statusField(log: JobLog, palette: Palette): Field {
  if (!isFinishedLog(log)) return field('status', 'not finished (the log has no end date yet)', palette.warn);
  const result = outcomeFromLog(log, 'error');
  return {
    label: 'status',
    parts: [
      { text: result.outcome.replace(/_/g, ' '), style: outcomeStyle(result.outcome, palette) },
      { text: `: ${sanitizeForTerminal(result.reason)}` },
    ],
  };
}

function filesText(log: JobLog): string | undefined {
  if (log.totalFileCount === undefined && log.fileSuccessCount === undefined) return undefined;
  const parts = [
    log.totalFileCount === undefined ? undefined : `${plural(log.totalFileCount, 'file')}`,
    log.fileSuccessCount === undefined ? undefined : `${log.fileSuccessCount} succeeded`,
    log.fileErrorCount === undefined ? undefined : plural(log.fileErrorCount, 'error'),
    log.fileWarningCount === undefined ? undefined : plural(log.fileWarningCount, 'warning'),
    log.fileDuplicateCount === undefined ? undefined : plural(log.fileDuplicateCount, 'duplicate'),
    log.fileUpdateCount === undefined ? undefined : `${log.fileUpdateCount} updated`,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

function transfersText(log: JobLog): string | undefined {
  const parts = [
    log.transferSuccessCount === undefined ? undefined : `${log.transferSuccessCount} succeeded`,
    log.transferErrorCount === undefined ? undefined : plural(log.transferErrorCount, 'error'),
    log.transferWarningCount === undefined ? undefined : plural(log.transferWarningCount, 'warning'),
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(', ');
}

function durationText(log: JobLog): string | undefined {
  const started = parseIso(log.startDate);
  const ended = parseIso(log.endDate);
  return started === undefined || ended === undefined ? undefined : formatDuration(ended - started);
}

/** The human view of a finished job: its log summary — status (as `wait` judges it), counts, start, end, duration. */
export function renderJobLogSummary(log: JobLog, options: JobDetailOptions): string {
  const { palette, now, wide } = options;
  const fields: Array<Field & { wideOnly?: boolean; always?: boolean }> = [
    { ...field('name', log.jobName ?? log.originalJobName, palette.bold), always: true },
    field('original name', log.originalJobName),
    field('handle', log.jobHandle),
    { ...statusField(log, palette), always: true },
    field('log type', log.logType),
    field('sub type', log.jobSubType),
    field('submitted by', log.submitUserEmail),
    field('company', log.companyHandle),
    field('description', log.description),
    field('started', when(log.startDate, now)),
    field('ended', when(log.endDate, now)),
    field('duration', durationText(log)),
    field('files', filesText(log)),
    { ...field('transfers', transfersText(log)), wideOnly: true },
    { ...field('fatal error', log.fatalError === undefined ? undefined : log.fatalError ? 'yes' : 'no'), wideOnly: true },
    { ...field('log rows', log.detailTotalRows === undefined ? undefined : String(log.detailTotalRows)), wideOnly: true },
  ];
  const empty = (f: Field) => f.parts.every((part) => part.text === '');
  const shownFields = fields
    .filter((f) => wide || (!f.wideOnly && (f.always || !empty(f))))
    .map((f) => (empty(f) ? { ...f, parts: [{ text: '-' }] } : f));
  return `${renderFields(shownFields, palette, options.width).join('\n')}\n`;
}

/** The one name of a job's type, with IPS's own where it differs: `UploadUrls (UrlUpload)`. */
function typeText(type: string | undefined): string | undefined {
  const name = jobTypeName(type);
  return name === undefined || name === type ? type : `${name} (${type})`;
}
