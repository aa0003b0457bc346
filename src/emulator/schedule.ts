// Scheduled jobs: IPS's cron-like execSchedule (`ss mm hh dd MM [dow]`, server local time) and the default schedules.
import type { ScheduledJob } from '../ips/types.js';

export interface ScheduleRecord {
  /** As getScheduledJobs returns it (nextFireTime is filled in on each query). */
  readonly job: ScheduledJob;
  /** Epoch ms of the next firing; recomputed after each firing and on resume. */
  nextFireAt: number;
}

function fieldMatches(field: string | undefined, value: number): boolean {
  if (field === undefined || field === '*' || field === '?') return true;
  return field.split(',').some((part) => Number(part) === value);
}

function candidates(field: string | undefined, max: number): number[] {
  if (field === undefined || field === '*') return Array.from({ length: max + 1 }, (_, i) => i);
  return field
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 0 && n <= max)
    .sort((a, b) => a - b);
}

/** First firing strictly after `afterMs` (Infinity if none within ~13 months). Supports `*`, numbers and lists. */
export function nextFireTime(execSchedule: string, afterMs: number, offsetMinutes: number): number {
  const [sec, min, hour, dom, month, dow] = execSchedule.trim().split(/\s+/);
  const offsetMs = offsetMinutes * 60_000;
  const local = new Date(afterMs + offsetMs);
  for (let day = 0; day < 400; day++) {
    const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day));
    if (!fieldMatches(dom, date.getUTCDate()) || !fieldMatches(month, date.getUTCMonth() + 1) || !fieldMatches(dow, date.getUTCDay())) continue;
    for (const h of candidates(hour, 23))
      for (const m of candidates(min, 59))
        for (const s of candidates(sec, 59)) {
          const at = date.getTime() + ((h * 60 + m) * 60 + s) * 1000 - offsetMs;
          if (at > afterMs) return at;
        }
  }
  return Infinity;
}

/** ScheduledJob.timeZone of every schedule (the default server clock is Pacific time). */
export const SCHEDULE_TIME_ZONE = 'PST';

/** The default schedules (fixed; handles look like `j|1001|Nightly-Full-Publish|`). */
export function defaultSchedules(): ScheduledJob[] {
  const base = { locale: 'en-US', timeZone: SCHEDULE_TIME_ZONE };
  return [
    {
      companyHandle: 'c|1001', jobHandle: 'j|1001|Nightly-Full-Publish|', name: 'Nightly-Full-Publish', originalName: 'Nightly-Full-Publish',
      type: 'ImageServingPublish', submitUserEmail: 'demo@ips-jobs.example', ...base, description: 'Full image serving publish every night',
      execSchedule: '00 00 02 * * ', triggerState: 'Normal',
      imageServingPublishJob: { publishType: 'Full', emailSetting: 'ErrorAndWarning' },
    },
    {
      companyHandle: 'c|1001', jobHandle: 'j|1001|Hourly-Supplier-Feed|', name: 'Hourly-Supplier-Feed', originalName: 'Hourly-Supplier-Feed',
      type: 'UrlUpload', submitUserEmail: 'ana.lima@ips-jobs.example', ...base,
      execSchedule: '00 15 * * * ', triggerState: 'Normal',
      uploadUrlsJob: { numUrls: 24, overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'Error' },
    },
    {
      companyHandle: 'c|1001', jobHandle: 'j|1001|Weekend-Video-Publish|', name: 'Weekend-Video-Publish', originalName: 'Weekend-Video-Publish',
      type: 'VideoPublish', submitUserEmail: 'publisher@ips-jobs.example', ...base,
      execSchedule: '00 30 03 * * ', triggerState: 'Paused',
      videoPublishJob: { emailSetting: 'All' },
    },
    {
      companyHandle: 'c|1002', jobHandle: 'j|1002|Kestrel-Nightly-Upload|', name: 'Kestrel-Nightly-Upload', originalName: 'Kestrel-Nightly-Upload',
      type: 'UploadFromServerDirectory', submitUserEmail: 'raj.patel@ips-jobs.example', ...base,
      execSchedule: '00 30 01 * * ', triggerState: 'Normal',
      uploadDirectoryJob: { destFolder: 'KestrelOutdoor/incoming/', serverDir: '/ftp/kestrel/incoming', overwrite: true, readyForPublish: true, includeSubfolders: true, createMask: false, processMetadataFiles: true, emailSetting: 'ErrorAndWarning' },
    },
    {
      companyHandle: 'c|1003', jobHandle: 'j|1003|Northwind-Daily-Publish|', name: 'Northwind-Daily-Publish', originalName: 'Northwind-Daily-Publish',
      type: 'ImageServingPublish', submitUserEmail: 'ops@northwind-media.example', ...base,
      execSchedule: '00 00 05 * * ', triggerState: 'Normal',
      imageServingPublishJob: { publishType: 'Incremental', emailSetting: 'Error' },
    },
  ];
}
