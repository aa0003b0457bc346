// `ips-jobs check`: the rules, as pure functions from what IPS says (and the previous run's
// observations) to the problems found. One problem per rule and job; nothing here does I/O.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';
import { formatDuration } from '../text/duration.js';
import { isFinishedLog, outcomeFromLog, type FailOn } from './outcome.js';
import { isStalled, sinceLastUpdate } from './stall.js';
import { stateClass } from './state-class.js';

type RuleName = 'stalled' | 'queued' | 'running-longer' | 'max-active' | 'failed';

export interface CheckRules {
  stalledMs?: number;
  queuedMs?: number;
  runningLongerMs?: number;
  maxActive?: number;
  failedSinceMs?: number;
  failOn: FailOn;
}

export interface Problem {
  /** Stable identity across runs: rule + job handle (or the rule alone for company-wide rules). */
  key: string;
  rule: RuleName;
  jobHandle?: string;
  jobName?: string;
  /** What was measured, in words and in numbers. */
  measured: string;
  limit: string;
  message: string;
}

/** What the previous run saw of each active job, for the stall rule's "progress unchanged" half. */
export type ProgressObservations = Readonly<Record<string, { progress?: number }>>;

export interface CheckInput {
  active: readonly ActiveJob[];
  /** Job logs ending in the --failed-since window (already narrowed by the filters). */
  logs: readonly JobLog[];
  now: Date;
  previous: ProgressObservations;
}

/** Every rule checked, with the jobs each was checked against (for JUnit's passing cases too). */
export interface CheckReport {
  problems: Problem[];
  checked: Array<{ rule: RuleName; key: string; jobHandle?: string; jobName?: string }>;
}

function nameOf(job: { name?: string; originalName?: string; jobName?: string }): string | undefined {
  return job.name ?? job.originalName ?? job.jobName;
}

function key(rule: RuleName, handle: string | undefined): string {
  return handle === undefined ? rule : `${rule}:${handle}`;
}

export function runChecks(rules: CheckRules, input: CheckInput): CheckReport {
  const report: CheckReport = { problems: [], checked: [] };
  const now = input.now.getTime();
  const perJob = (rule: RuleName, job: ActiveJob, found: { measured: string; limit: string; message: string } | undefined) => {
    const entry = { rule, key: key(rule, job.jobHandle ?? nameOf(job)), jobHandle: job.jobHandle, jobName: nameOf(job) };
    report.checked.push(entry);
    if (found) report.problems.push({ ...entry, ...found });
  };

  if (rules.stalledMs !== undefined) {
    for (const job of input.active) {
      if (stateClass(job.state) !== 'running') continue;
      const before = job.jobHandle ? input.previous[job.jobHandle] : undefined;
      const previous = before ? { ...job, progress: before.progress } : undefined;
      const stalled = isStalled(job, input.now, rules.stalledMs, previous);
      const silent = sinceLastUpdate(job, input.now);
      perJob(
        'stalled',
        job,
        stalled && silent !== undefined
          ? {
              measured: formatDuration(silent),
              limit: formatDuration(rules.stalledMs),
              message: `no progress for ${formatDuration(silent)} (limit ${formatDuration(rules.stalledMs)}) at ${job.progress ?? '?'}%`,
            }
          : undefined,
      );
    }
  }

  if (rules.queuedMs !== undefined) {
    for (const job of input.active) {
      if (stateClass(job.state) !== 'waiting') continue;
      const since = parseIso(job.startDate) ?? parseIso(job.triggerTime);
      const waited = since === undefined ? undefined : now - since;
      perJob(
        'queued',
        job,
        waited !== undefined && waited > rules.queuedMs
          ? {
              measured: formatDuration(waited),
              limit: formatDuration(rules.queuedMs),
              message: `${job.state} for ${formatDuration(waited)} (limit ${formatDuration(rules.queuedMs)})`,
            }
          : undefined,
      );
    }
  }

  if (rules.runningLongerMs !== undefined) {
    for (const job of input.active) {
      if (stateClass(job.state) === 'waiting') continue;
      const started = parseIso(job.startDate);
      const running = started === undefined ? undefined : now - started;
      perJob(
        'running-longer',
        job,
        running !== undefined && running > rules.runningLongerMs
          ? {
              measured: formatDuration(running),
              limit: formatDuration(rules.runningLongerMs),
              message: `active for ${formatDuration(running)} (limit ${formatDuration(rules.runningLongerMs)})`,
            }
          : undefined,
      );
    }
  }

  if (rules.maxActive !== undefined) {
    const entry = { rule: 'max-active' as const, key: key('max-active', undefined) };
    report.checked.push(entry);
    if (input.active.length > rules.maxActive) {
      report.problems.push({
        ...entry,
        measured: String(input.active.length),
        limit: String(rules.maxActive),
        message: `${input.active.length} active jobs (limit ${rules.maxActive})`,
      });
    }
  }

  if (rules.failedSinceMs !== undefined) {
    for (const log of input.logs) {
      if (!isFinishedLog(log)) continue;
      const ended = parseIso(log.endDate);
      if (ended === undefined || now - ended > rules.failedSinceMs) continue;
      const result = outcomeFromLog(log, rules.failOn);
      const entry = { rule: 'failed' as const, key: key('failed', log.jobHandle ?? log.jobName), jobHandle: log.jobHandle, jobName: log.jobName ?? log.originalJobName };
      report.checked.push(entry);
      if (result.outcome === 'failed') {
        report.problems.push({ ...entry, measured: result.reason, limit: `--fail-on ${rules.failOn}`, message: `failed: ${result.reason}` });
      }
    }
  }
  return report;
}

/** The progress of every active job now, for the next run's stall rule. */
export function observeProgress(active: readonly ActiveJob[]): Record<string, { progress?: number }> {
  const seen: Record<string, { progress?: number }> = {};
  for (const job of active) if (job.jobHandle) seen[job.jobHandle] = job.progress === undefined ? {} : { progress: job.progress };
  return seen;
}
