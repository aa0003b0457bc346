// `ips-jobs check`: the rules, as pure functions from what IPS says (and the previous run's
// observations) to the problems found. One problem per rule and job; nothing here does I/O.
//
// The rules are one table (RULES). Each says whether it is about an event or a condition, and what it checks:
// - an event happened once (a job failed): it is reported once and forgotten silently when it leaves the window;
//   it never resolves and is never re-alerted;
// - a condition goes on (a job stalled, queued or running too long, too many jobs active): it is reported when it
//   starts, may be re-alerted while it lasts, and resolves when a run checking its rule no longer finds it.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from './dates.js';
import { formatDuration } from '../text/duration.js';
import { isFinishedLog, outcomeFromLog, type FailOn } from './outcome.js';
import { isStalled, sinceLastUpdate } from './stall.js';
import { stateClass } from './state-class.js';

export interface CheckRules {
  stalledMs?: number;
  queuedMs?: number;
  runningLongerMs?: number;
  maxActive?: number;
  failedSinceMs?: number;
  failOn: FailOn;
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

/** What one rule found wrong with one thing it checked. */
interface Finding {
  /** What was measured, in words and in numbers. */
  measured: string;
  limit: string;
  message: string;
  /** Events: when it happened (epoch ms). */
  endedAt?: number;
}

/** One thing a rule checked (a job, a job log, or the company as a whole), and what it found wrong, if anything. */
interface Checked {
  /** What identifies it across runs (a job's handle, else its name); none for a company-wide rule. */
  id?: string;
  jobHandle?: string;
  jobName?: string;
  found?: Finding;
}

interface RuleDefinition {
  /** 'event': happened once, alerted once, forgotten when out of the window. 'condition': goes on until it resolves. */
  kind: 'event' | 'condition';
  /** What it looks at: the active jobs (getActiveJobs) or the job logs of its window (getJobLogs). */
  checks: 'active jobs' | 'job logs';
  /** Its limit in this run, undefined when its flag is not given (then it is not checked). */
  limit(rules: CheckRules): number | undefined;
  /** Everything it checks in this run, each with the problem found in it, if any. */
  check(limit: number, input: CheckInput, rules: CheckRules): Checked[];
}

function nameOf(job: { name?: string; originalName?: string; jobName?: string }): string | undefined {
  return job.name ?? job.originalName ?? job.jobName;
}

/** An active job as a rule checks it. */
function activeJob(job: ActiveJob, found: Finding | undefined): Checked {
  return { id: job.jobHandle ?? nameOf(job), jobHandle: job.jobHandle, jobName: nameOf(job), found };
}

/** A duration over its limit: the finding, with the message made from the two. */
function overLimit(measured: number, limit: number, message: (measured: string, limit: string) => string): Finding {
  return { measured: formatDuration(measured), limit: formatDuration(limit), message: message(formatDuration(measured), formatDuration(limit)) };
}

/** getJobLogs filters by start date: a day more than the window catches long jobs that ended inside it. */
const LONG_JOB_MS = 24 * 3_600_000;

const RULES = {
  stalled: {
    kind: 'condition',
    checks: 'active jobs',
    limit: (rules) => rules.stalledMs,
    check: (limit, input) =>
      input.active
        .filter((job) => stateClass(job.state) === 'running')
        .map((job) => {
          const before = job.jobHandle ? input.previous[job.jobHandle] : undefined;
          const previous = before ? { ...job, progress: before.progress } : undefined;
          const silent = sinceLastUpdate(job, input.now);
          return activeJob(
            job,
            isStalled(job, input.now, limit, previous) && silent !== undefined
              ? overLimit(silent, limit, (s, l) => `no progress for ${s} (limit ${l}) at ${job.progress ?? '?'}%`)
              : undefined,
          );
        }),
  },
  queued: {
    kind: 'condition',
    checks: 'active jobs',
    limit: (rules) => rules.queuedMs,
    check: (limit, input) =>
      input.active
        .filter((job) => stateClass(job.state) === 'waiting')
        .map((job) => {
          const since = parseIso(job.startDate) ?? parseIso(job.triggerTime);
          const waited = since === undefined ? undefined : input.now.getTime() - since;
          return activeJob(job, waited !== undefined && waited > limit ? overLimit(waited, limit, (w, l) => `${job.state} for ${w} (limit ${l})`) : undefined);
        }),
  },
  'running-longer': {
    kind: 'condition',
    checks: 'active jobs',
    limit: (rules) => rules.runningLongerMs,
    check: (limit, input) =>
      input.active
        .filter((job) => stateClass(job.state) !== 'waiting')
        .map((job) => {
          const started = parseIso(job.startDate);
          const running = started === undefined ? undefined : input.now.getTime() - started;
          return activeJob(job, running !== undefined && running > limit ? overLimit(running, limit, (r, l) => `active for ${r} (limit ${l})`) : undefined);
        }),
  },
  'max-active': {
    kind: 'condition',
    checks: 'active jobs',
    limit: (rules) => rules.maxActive,
    check: (limit, input) => [
      {
        found:
          input.active.length > limit
            ? { measured: String(input.active.length), limit: String(limit), message: `${input.active.length} active jobs (limit ${limit})` }
            : undefined,
      },
    ],
  },
  failed: {
    kind: 'event',
    checks: 'job logs',
    limit: (rules) => rules.failedSinceMs,
    check: (limit, input, rules) =>
      input.logs.flatMap((log) => {
        const ended = isFinishedLog(log) ? parseIso(log.endDate) : undefined;
        if (ended === undefined || input.now.getTime() - ended > limit) return [];
        const result = outcomeFromLog(log, rules.failOn);
        const found = result.outcome === 'failed' ? { measured: result.reason, limit: `--fail-on ${rules.failOn}`, message: `failed: ${result.reason}`, endedAt: ended } : undefined;
        return [{ id: log.jobHandle ?? log.jobName, jobHandle: log.jobHandle, jobName: log.jobName ?? log.originalJobName, found }];
      }),
  },
} satisfies Record<string, RuleDefinition>;

export type RuleName = keyof typeof RULES;

const RULE_NAMES = Object.keys(RULES) as RuleName[];

/** Whether a rule is about an event or a condition; undefined for a name this version does not know. */
export function ruleKind(rule: string): RuleDefinition['kind'] | undefined {
  return Object.hasOwn(RULES, rule) ? RULES[rule as RuleName].kind : undefined;
}

/** The rules a run with these settings checks, in the table's order. */
export function enabledRules(rules: CheckRules): RuleName[] {
  return RULE_NAMES.filter((name) => RULES[name].limit(rules) !== undefined);
}

/** What a run with these settings must ask IPS for, and how far back its query for job logs reaches (ms). */
export function checkNeeds(rules: CheckRules): { activeJobs: boolean; logLookbackMs?: number } {
  const enabled = enabledRules(rules).map((name): RuleDefinition => RULES[name]);
  const windows = enabled.filter((rule) => rule.checks === 'job logs').map((rule) => rule.limit(rules) ?? 0);
  const activeJobs = enabled.some((rule) => rule.checks === 'active jobs');
  return windows.length === 0 ? { activeJobs } : { activeJobs, logLookbackMs: Math.max(...windows) + LONG_JOB_MS };
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
  /** Events only: when it happened (epoch ms; a failed job's end), for the state file. */
  endedAt?: number;
}

/** Every rule checked, with the jobs each was checked against (for JUnit's passing cases too). */
export interface CheckReport {
  problems: Problem[];
  checked: Array<{ rule: RuleName; key: string; jobHandle?: string; jobName?: string }>;
}

export function runChecks(rules: CheckRules, input: CheckInput): CheckReport {
  const report: CheckReport = { problems: [], checked: [] };
  for (const rule of RULE_NAMES) {
    const definition: RuleDefinition = RULES[rule];
    const limit = definition.limit(rules);
    if (limit === undefined) continue; // its flag is not given
    for (const { id, jobHandle, jobName, found } of definition.check(limit, input, rules)) {
      const entry = { rule, key: id === undefined ? rule : `${rule}:${id}`, jobHandle, jobName };
      report.checked.push(entry);
      if (found) report.problems.push({ ...entry, ...found });
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
