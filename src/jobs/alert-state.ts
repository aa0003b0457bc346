// Alerts on changes only: which of this run's problems are new since the last run (or due again under
// --realert), and which went away. Pure: the state file is read and written by the CLI.
import type { Problem, ProgressObservations } from './check-rules.js';

interface RememberedProblem {
  rule: Problem['rule'];
  jobHandle?: string;
  jobName?: string;
  message: string;
  /** Epoch ms (server clock) the problem was first reported. */
  firstSeen: number;
  /** Epoch ms it was last reported (first report or last re-alert). */
  lastAlerted: number;
}

export interface AlertState {
  version: 1;
  /** Epoch ms of the run that wrote it. */
  updatedAt: number;
  problems: Record<string, RememberedProblem>;
  /** Each active job's progress at that run, for the stall rule. */
  observations: ProgressObservations;
}

export interface AlertPlan {
  /** Every current problem, marked new or not (for -o json). */
  current: Array<Problem & { new: boolean; realert: boolean }>;
  /** What text and GitHub output report: the new ones and those due again. */
  report: Array<Problem & { new: boolean; realert: boolean }>;
  /** Problems of the last run that are gone now. */
  resolved: Array<RememberedProblem & { key: string }>;
  next: AlertState;
}

export function planAlerts(
  previous: AlertState | undefined,
  problems: readonly Problem[],
  observations: ProgressObservations,
  now: number,
  realertMs: number | undefined,
): AlertPlan {
  const before = previous?.problems ?? {};
  const next: AlertState = { version: 1, updatedAt: now, problems: {}, observations };
  const current: AlertPlan['current'] = [];
  for (const problem of problems) {
    const known = before[problem.key];
    const isNew = known === undefined;
    const realert = !isNew && realertMs !== undefined && realertMs > 0 && now - known.lastAlerted >= realertMs;
    current.push({ ...problem, new: isNew, realert });
    next.problems[problem.key] = {
      rule: problem.rule,
      ...(problem.jobHandle === undefined ? {} : { jobHandle: problem.jobHandle }),
      ...(problem.jobName === undefined ? {} : { jobName: problem.jobName }),
      message: problem.message,
      firstSeen: known?.firstSeen ?? now,
      lastAlerted: isNew || realert ? now : known.lastAlerted,
    };
  }
  const resolved = Object.entries(before)
    .filter(([key]) => !(key in next.problems))
    .map(([key, problem]) => ({ key, ...problem }));
  return { current, report: current.filter((p) => p.new || p.realert), resolved, next };
}

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
  }
  return obj as AlertState;
}
