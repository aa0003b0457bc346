// The columns of `ips-jobs scheduled`: one registry for the table, wide table and csv/tsv.
import type { ScheduledJob } from '../ips/types.js';
import { jobTypeName } from '../jobs/log-type.js';
import { presentJobDetails } from './job-detail.js';
import type { Palette, Style } from './palette.js';
import type { RecordColumn } from './records.js';
import { formatRelative, formatTimestamp } from './relative-time.js';

function raw(value: string | undefined): string {
  return value ?? '';
}

/** Normal green, Paused yellow, Error and Blocked red; the other states (Complete, None) plain. */
export function triggerStateStyle(state: string | undefined, palette: Palette): Style | undefined {
  switch (state?.toLowerCase()) {
    case 'normal':
      return palette.ok;
    case 'paused':
      return palette.warn;
    case 'error':
    case 'blocked':
      return palette.error;
    default:
      return undefined;
  }
}

/** `2026-11-29 02:00 (in 17h)`: the server's wall clock as written, then relative to its clock. */
export function nextFireText(iso: string | undefined, now: Date): string {
  if (iso === undefined) return '-';
  const stamp = formatTimestamp(iso);
  return stamp === '-' ? iso : `${stamp} (${formatRelative(iso, now)})`;
}

/** Every column, by `--columns` id; `now` is the server's clock. */
export function scheduledColumns(now: Date): Record<string, RecordColumn<ScheduledJob>> {
  const list: RecordColumn<ScheduledJob>[] = [
    // The name tells jobs apart: columns leave before it is cut (but SCHEDULE and NEXT FIRE), and it is cut in the middle.
    { id: 'name', header: 'NAME', field: 'name', shrinkOrder: 2, minWidth: 16, identifies: true, cutOrder: 9, text: (job) => raw(job.name ?? job.originalName), value: (job) => raw(job.name) },
    { id: 'type', header: 'TYPE', field: 'type', dropOrder: 8, text: (job) => raw(jobTypeName(job.type)), value: (job) => raw(job.type) },
    // IPS writes the schedule with a trailing blank (`00 00 02 * * `); the table trims it, csv keeps it.
    { id: 'schedule', header: 'SCHEDULE', field: 'execSchedule', dropOrder: 9, text: (job) => raw(job.execSchedule).trim(), value: (job) => raw(job.execSchedule) },
    { id: 'next', header: 'NEXT FIRE', field: 'nextFireTime', dropOrder: 10, text: (job) => nextFireText(job.nextFireTime, now), value: (job) => raw(job.nextFireTime) },
    { id: 'zone', header: 'ZONE', field: 'timeZone', dropOrder: 7, text: (job) => raw(job.timeZone) },
    { id: 'state', header: 'STATE', field: 'triggerState', text: (job) => raw(job.triggerState), style: (job, palette) => triggerStateStyle(job.triggerState, palette) },
    { id: 'user', header: 'USER', field: 'submitUserEmail', dropOrder: 6, text: (job) => raw(job.submitUserEmail) },
    { id: 'handle', header: 'HANDLE', field: 'jobHandle', dropOrder: 5, text: (job) => raw(job.jobHandle) },
    { id: 'original', header: 'ORIGINAL NAME', field: 'originalName', dropOrder: 4, text: (job) => raw(job.originalName) },
    { id: 'locale', header: 'LOCALE', field: 'locale', dropOrder: 3, text: (job) => raw(job.locale) },
    { id: 'description', header: 'DESCRIPTION', field: 'description', shrinkOrder: 1, dropOrder: 1, text: (job) => raw(job.description) },
    {
      id: 'detail',
      header: 'JOB DETAIL',
      field: 'jobDetail',
      dropOrder: 2,
      text: (job) =>
        presentJobDetails(job)
          .map((detail) => detail.element)
          .join(';'),
    },
  ];
  return Object.fromEntries(list.map((column) => [column.id, column]));
}

export { SCHEDULED_DEFAULT_COLUMNS, SCHEDULED_WIDE_COLUMNS } from './scheduled-column-ids.js';
