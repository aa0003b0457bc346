// The `wait` command's result: one line for people, one versioned document for `-o json`.
import type { ActiveJob, IsoDateTime, JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { jobTypeFromLogType, jobTypeName } from '../jobs/log-type.js';
import { formatDuration } from '../text/duration.js';
import type { Palette, Style } from './palette.js';
import { sanitizeForTerminal } from './sanitize.js';

const WAIT_OUTCOMES = [
  'succeeded',
  'succeeded_with_warnings',
  'failed',
  'stalled',
  'vanished',
  'not_found',
  'timeout',
] as const;

export type WaitOutcome = (typeof WAIT_OUTCOMES)[number];

/** File counts from the job log, in plain words (see countsFromLog). */
export interface OutcomeCounts {
  total?: number;
  success?: number;
  error?: number;
  warning?: number;
  duplicate?: number;
}

export interface OutcomeSummary {
  outcome: WaitOutcome;
  jobName?: string;
  counts?: OutcomeCounts;
  /** Free text shown after the counts, e.g. the log's fatal error message. */
  reason?: string;
  /** stalled: how long the job has reported no progress → `no progress for 31m`. */
  silentForMs?: number;
  /** timeout: how long wait waited → `gave up after 10m`. */
  waitedMs?: number;
}

/** The job log's file counts under the short names outcomeLine takes. */
export function countsFromLog(log: JobLog): OutcomeCounts {
  return {
    total: log.totalFileCount,
    success: log.fileSuccessCount,
    error: log.fileErrorCount,
    warning: log.fileWarningCount,
    duplicate: log.fileDuplicateCount,
  };
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function positive(n: number | undefined): n is number {
  return n !== undefined && n > 0;
}

function details(o: OutcomeSummary): Array<string | undefined> {
  const c = o.counts ?? {};
  const files = c.total ?? c.success;
  switch (o.outcome) {
    case 'succeeded': {
      const numbers = [
        files === undefined ? undefined : count(files, 'file'),
        c.error === undefined ? undefined : count(c.error, 'error'),
        positive(c.duplicate) ? `${count(c.duplicate, 'duplicate')} skipped` : undefined,
      ].filter((part) => part !== undefined);
      return [numbers.join(', ') || undefined, o.reason];
    }
    case 'succeeded_with_warnings': {
      const issues = [
        c.warning === undefined ? undefined : count(c.warning, 'warning'),
        positive(c.error) ? count(c.error, 'error') : undefined,
      ].filter((part) => part !== undefined);
      const of = files === undefined ? '' : count(files, 'file');
      const numbers = issues.length === 0 ? of : of === '' ? issues.join(', ') : `${issues.join(', ')} in ${of}`;
      return [numbers || undefined, o.reason];
    }
    case 'failed':
      return [positive(c.error) ? count(c.error, 'file error') : undefined, o.reason];
    case 'stalled':
      return [o.silentForMs === undefined ? undefined : `no progress for ${formatDuration(o.silentForMs)}`, o.reason];
    case 'vanished':
      return [o.reason ?? 'left the active jobs without a job log'];
    case 'not_found':
      return [o.reason ?? 'no active job or job log by that name'];
    case 'timeout':
      return [o.waitedMs === undefined ? undefined : `gave up after ${formatDuration(o.waitedMs)}`, o.reason];
  }
  // An outcome from outside the type (plain JS callers) still prints its reason.
  return [o.reason];
}

function labelStyle(outcome: WaitOutcome, palette: Palette): Style {
  if (outcome === 'succeeded') return palette.ok;
  if (outcome === 'succeeded_with_warnings' || outcome === 'timeout') return palette.warn;
  return palette.error;
}

/**
 * `failed: 42 file errors (Kestrel-Spring-Publish)`, `succeeded: 120 files, 0 errors (…)`, `stalled: no progress for
 * 31m (…)`: the outcome (underscores as spaces), what is known about it, the job name. Server text is sanitised; with a
 * palette the outcome word is coloured. No trailing newline.
 */
export function outcomeLine(o: OutcomeSummary, palette?: Palette): string {
  const label = o.outcome.replace(/_/g, ' ');
  const detail = details(o)
    .filter((part): part is string => part !== undefined && part !== '')
    .map(sanitizeForTerminal)
    .join('; ');
  const name = o.jobName === undefined || o.jobName === '' ? '' : ` (${sanitizeForTerminal(o.jobName)})`;
  const shownLabel = palette ? labelStyle(o.outcome, palette)(label) : label;
  return `${shownLabel}${detail === '' ? '' : `: ${detail}`}${name}`;
}

/** The job log's counts, IPS names kept; null where the log does not say. */
interface OutcomeDocumentCounts {
  totalFileCount: number | null;
  fileSuccessCount: number | null;
  fileErrorCount: number | null;
  fileWarningCount: number | null;
  fileDuplicateCount: number | null;
  fileUpdateCount: number | null;
}

export interface OutcomeDocument {
  schemaVersion: 1;
  outcome: WaitOutcome;
  /** What is known of the job; every key present, null when unknown. */
  job: { jobHandle: string | null; name: string | null; originalName: string | null; type: string | null; jobType: string | null };
  /** null without a job log. */
  counts: OutcomeDocumentCounts | null;
  startDate: IsoDateTime | null;
  endDate: IsoDateTime | null;
  /** endDate − startDate; present only when both are known. */
  durationMs?: number;
  reason: string | null;
}

export interface OutcomeDocumentInput {
  outcome: WaitOutcome;
  /** The job as last seen in the active list (or what the user asked for, when not found). */
  job?: Pick<ActiveJob, 'jobHandle' | 'name' | 'originalName' | 'type' | 'startDate'>;
  /** The job's log once it finished. */
  log?: JobLog;
  reason?: string;
}

/** `wait -o json`: a versioned document with IPS field names and the server's dates as received (raw, not sanitised). */
export function outcomeDocument(input: OutcomeDocumentInput): OutcomeDocument {
  const { job, log } = input;
  const startDate = log?.startDate ?? job?.startDate ?? null;
  const endDate = log?.endDate ?? null;
  const started = parseIso(startDate ?? undefined);
  const ended = parseIso(endDate ?? undefined);
  return {
    schemaVersion: 1,
    outcome: input.outcome,
    job: {
      jobHandle: job?.jobHandle ?? log?.jobHandle ?? null,
      name: job?.name ?? log?.jobName ?? null,
      originalName: job?.originalName ?? log?.originalJobName ?? null,
      type: job?.type ?? null,
      jobType: jobTypeName(job?.type) ?? (log === undefined ? null : (jobTypeFromLogType(log.logType) ?? null)),
    },
    counts:
      log === undefined
        ? null
        : {
            totalFileCount: log.totalFileCount ?? null,
            fileSuccessCount: log.fileSuccessCount ?? null,
            fileErrorCount: log.fileErrorCount ?? null,
            fileWarningCount: log.fileWarningCount ?? null,
            fileDuplicateCount: log.fileDuplicateCount ?? null,
            fileUpdateCount: log.fileUpdateCount ?? null,
          },
    startDate,
    endDate,
    ...(started !== undefined && ended !== undefined ? { durationMs: ended - started } : {}),
    reason: input.reason ?? null,
  };
}
