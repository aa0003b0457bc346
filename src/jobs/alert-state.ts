// Alerts on changes only: which of this run's problems are new since the last run (or due again under
// --realert), and which went away. Pure: the state file is read and written by the CLI.
//
// What a remembered problem becomes when a run no longer finds it depends on its rule's kind (ruleKind, from the
// rule table; the state stores only the rule's name):
// - an event (a failed job) is forgotten silently: never "resolved". It stays remembered, quietly, until this run's
//   query can no longer return it (its end older than the lookback), so it is never reported as new twice;
// - a condition (a stall…) is resolved, but only by a run that checked its rule under the filters it was found
//   under: a run checking other rules, or other jobs, knows nothing about it and keeps it as it is.
import { ruleKind, type Problem, type ProgressObservations, type RuleName } from './check-rules.js';

interface RememberedProblem {
  rule: Problem['rule'];
  jobHandle?: string;
  jobName?: string;
  message: string;
  /** Epoch ms (server clock) the problem was first reported. */
  firstSeen: number;
  /** Epoch ms it was last reported (first report or last re-alert). */
  lastAlerted: number;
  /** Events: when it happened (epoch ms). Absent in a file written before it was kept: firstSeen stands in (later). */
  endedAt?: number;
  /** Conditions: the filters it was found under (filtersKey). Absent in a file written before it was kept: any. */
  filters?: string;
}

/**
 * The state file's content. Still version 1: endedAt and filters were added to its problems, optional both ways, so
 * a file written before reads as it was (see RememberedProblem) and an older ips-jobs reads a newer file.
 */
export interface AlertState {
  version: 1;
  /** Epoch ms of the run that wrote it. */
  updatedAt: number;
  problems: Record<string, RememberedProblem>;
  /** Each active job's progress at that run, for the stall rule. */
  observations: ProgressObservations;
}

/** What a run checked, which decides what a problem it did not find means. */
export interface CheckScope {
  /** The rules it checked. */
  rules: readonly RuleName[];
  /** The filters (--type, --name, --user) it checked them under, as filtersKey says them. */
  filters: string;
  /** How far back (ms) its query for events reaches: an event that ended before cannot come back, and is dropped. */
  eventLookbackMs?: number;
}

type Planned = Problem & { new: boolean; realert: boolean };

export interface AlertPlan {
  /** Every current problem, marked new or not (for -o json). */
  current: Planned[];
  /** What text and GitHub output report: the new ones and those due again. */
  report: Planned[];
  /** Conditions of the last run that are gone now. */
  resolved: Array<RememberedProblem & { key: string }>;
  next: AlertState;
}

/**
 * Without a scope (every rule checked, under the filters each problem was found under), an event not found is
 * forgotten at once.
 */
export function planAlerts(
  previous: AlertState | undefined,
  problems: readonly Problem[],
  observations: ProgressObservations,
  now: number,
  realertMs: number | undefined,
  scope?: CheckScope,
): AlertPlan {
  const before = previous?.problems ?? {};
  const next: AlertState = { version: 1, updatedAt: now, problems: {}, observations };
  const current: Planned[] = [];
  for (const problem of problems) {
    const event = ruleKind(problem.rule) === 'event';
    const remembered = before[problem.key];
    // The same key with another end is another occurrence: a job handle failing again.
    const known = event && remembered?.endedAt !== undefined && remembered.endedAt !== problem.endedAt ? undefined : remembered;
    const isNew = known === undefined;
    // An event happened once: --realert is for conditions, which go on.
    const realert = !isNew && !event && realertMs !== undefined && realertMs > 0 && now - known.lastAlerted >= realertMs;
    current.push({ ...problem, new: isNew, realert });
    next.problems[problem.key] = {
      rule: problem.rule,
      ...(problem.jobHandle === undefined ? {} : { jobHandle: problem.jobHandle }),
      ...(problem.jobName === undefined ? {} : { jobName: problem.jobName }),
      message: problem.message,
      firstSeen: known?.firstSeen ?? now,
      lastAlerted: isNew || realert ? now : known.lastAlerted,
      ...(problem.endedAt === undefined ? {} : { endedAt: problem.endedAt }),
      ...(event || scope === undefined ? {} : { filters: scope.filters }),
    };
  }
  const resolved: AlertPlan['resolved'] = [];
  for (const [key, problem] of Object.entries(before)) {
    if (key in next.problems) continue;
    const checked = scope === undefined || scope.rules.includes(problem.rule);
    if (ruleKind(problem.rule) === 'event') {
      // Kept while this run's query still reaches it (and while a run that does not check its rule passes by).
      const lookback = scope?.eventLookbackMs ?? 0;
      if (!checked || (problem.endedAt ?? problem.firstSeen) >= now - lookback) next.problems[key] = problem;
    } else if (checked && ruleKind(problem.rule) !== undefined && (scope === undefined || problem.filters === undefined || problem.filters === scope.filters)) {
      resolved.push({ key, ...problem });
    } else {
      next.problems[key] = problem;
    }
  }
  return { current, report: current.filter((p) => p.new || p.realert), resolved, next };
}

const optional = (value: unknown, type: 'number' | 'string') => value === undefined || typeof value === type;

/** A state file's content, checked: anything else (corrupt, foreign, another version) reads as undefined. */
export function parseAlertState(text: string): AlertState | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const obj = data as Partial<AlertState> | null;
  if (!obj || typeof obj !== 'object' || obj.version !== 1 || typeof obj.updatedAt !== 'number') return undefined;
  if (!obj.problems || typeof obj.problems !== 'object' || !obj.observations || typeof obj.observations !== 'object') return undefined;
  for (const problem of Object.values(obj.problems)) {
    if (!problem || typeof problem.message !== 'string' || typeof problem.firstSeen !== 'number' || typeof problem.lastAlerted !== 'number') {
      return undefined;
    }
    if (!optional(problem.endedAt, 'number') || !optional(problem.filters, 'string')) return undefined;
  }
  return obj as AlertState;
}
