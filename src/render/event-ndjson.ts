// `watch -o ndjson`: one compact JSON object per event, for programs.
import type { ActiveJob } from '../ips/types.js';
import { jobRecord, type JobRecord } from './jobs-json.js';
import { escapeJsonText } from './sanitize.js';

export interface EventNdjsonInput {
  /** ISO timestamp of the event. */
  ts: string;
  event: string;
  /** Defaults to `job.jobHandle`. */
  jobHandle?: string;
  /** The normalised job as `list -o json` shows it. */
  job?: ActiveJob;
  /** E.g. an `outcomeDocument(…)` for a finished job. */
  outcome?: object;
  detail?: string;
}

interface EventRecord {
  schemaVersion: 1;
  ts: string;
  event: string;
  jobHandle?: string;
  job?: JobRecord;
  outcome?: object;
  detail?: string;
}

/** `{"schemaVersion":1,"ts":…,"event":…,"jobHandle":…,"job":…,"outcome":…,"detail":…}\n`, absent keys left out, values raw (not sanitised). */
export function eventNdjson(e: EventNdjsonInput): string {
  const record: EventRecord = {
    schemaVersion: 1,
    ts: e.ts,
    event: e.event,
    jobHandle: e.jobHandle ?? e.job?.jobHandle,
    job: e.job === undefined ? undefined : jobRecord(e.job),
    outcome: e.outcome,
    detail: e.detail,
  };
  // JSON.stringify leaves out undefined values, so absent keys never appear and the order above is kept.
  return `${escapeJsonText(JSON.stringify(record))}\n`;
}
