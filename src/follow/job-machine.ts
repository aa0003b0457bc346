// One followed job's life as a pure function: (state, one observation) → (state, events).
//
//   listed ⇄ listed (stalled) ──absent──▶ gone ──its own finished log──▶ finished
//      ▲                                   │ └───no log for --log-grace──▶ vanished
//      └─────────── listed again ──────────┘
//
// A job in the active list is never gone, finished or vanished: only a successful poll without it makes it gone, and
// only its own log (the one with its handle) finishes it. A failed poll or lookup is no observation at all, so it can
// delay an answer and never change it. Finished and vanished are terminal: nothing moves them.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { isFinishedLog, outcomeFromLog, type FailOn, type JobResult } from '../jobs/outcome.js';
import { isStalled, sinceLastUpdate } from '../jobs/stall.js';
import { formatDuration } from '../text/duration.js';

/** A job still on its way: in the active list (perhaps stalled), or gone from it and waiting for its log. */
type PassingState =
  | { phase: 'listed'; job: ActiveJob; stalled: boolean }
  | { phase: 'gone'; job: ActiveJob; /** Server time (ms) of the first successful poll without it. */ goneAt: number };

/** How a job ended: only these are outcomes. */
export type TerminalState =
  | { phase: 'finished'; job: ActiveJob; log: JobLog; result: JobResult; /** Server time (ms). */ at: number }
  | { phase: 'vanished'; job: ActiveJob; goneAt: number; at: number };

export type JobState = PassingState | TerminalState;

/** What one successful request said about the job. Failed requests say nothing, so they are not observations. */
export type Observation =
  /** A successful poll listed it. */
  | { kind: 'listed'; job: ActiveJob; now: number }
  /** A successful poll did not list it. */
  | { kind: 'absent'; now: number }
  /** A successful lookup of its log: the finished log with its handle, or none yet. */
  | { kind: 'log'; log: JobLog | undefined; now: number };

export type JobEventType = 'added' | 'state' | 'progress' | 'stalled' | 'resumed' | 'finished' | 'vanished';

interface JobEvent {
  type: JobEventType;
  job: ActiveJob;
  detail: string;
  result?: JobResult;
}

export interface MachineRules {
  stallWindowMs: number;
  logGraceMs: number;
  failOn: FailOn;
}

export interface Step {
  state: JobState;
  events: JobEvent[];
}

export function isTerminal(state: JobState): state is TerminalState {
  return state.phase === 'finished' || state.phase === 'vanished';
}

/** Whether `log` is this job's own finished log: the same handle, and an end date. */
export function isOwnFinishedLog(job: ActiveJob, log: JobLog): boolean {
  return job.jobHandle !== undefined && log.jobHandle === job.jobHandle && isFinishedLog(log);
}

function progressText(job: ActiveJob): string {
  return job.progress === undefined ? '?' : `${job.progress}%`;
}

function stallDetail(job: ActiveJob, now: Date): string {
  const since = sinceLastUpdate(job, now);
  return `no progress for ${since === undefined ? '?' : formatDuration(since)} at ${progressText(job)}`;
}

/** A job seen for the first time in the active list. */
export function firstSeen(job: ActiveJob, now: number, rules: MachineRules): Step {
  const stalled = isStalled(job, new Date(now), rules.stallWindowMs);
  const events: JobEvent[] = [{ type: 'added', job, detail: `${job.state ?? '?'} ${progressText(job)}` }];
  if (stalled) events.push({ type: 'stalled', job, detail: stallDetail(job, new Date(now)) });
  return { state: { phase: 'listed', job, stalled }, events };
}

function finished(job: ActiveJob, log: JobLog, now: number, rules: MachineRules): Step {
  const result = outcomeFromLog(log, rules.failOn);
  return {
    state: { phase: 'finished', job, log, result, at: now },
    events: [{ type: 'finished', job, detail: `${result.outcome}: ${result.reason}`, result }],
  };
}

/** A job known only from its log (it finished before we looked): finished at once. */
export function knownFromLog(log: JobLog, now: number, rules: MachineRules): Step {
  const job: ActiveJob = {
    jobHandle: log.jobHandle,
    name: log.jobName,
    originalName: log.originalJobName,
    companyHandle: log.companyHandle,
    submitUserEmail: log.submitUserEmail,
    startDate: log.startDate,
    taskProgressArray: [],
  };
  return finished(job, log, now, rules);
}

/** The listed job as this poll shows it, against how the last successful poll showed it. */
function relisted(before: ActiveJob, wasStalled: boolean, job: ActiveJob, now: number, rules: MachineRules): Step {
  const at = new Date(now);
  const stalled = isStalled(job, at, rules.stallWindowMs, before);
  const events: JobEvent[] = [];
  if (before.state !== job.state) events.push({ type: 'state', job, detail: `${before.state ?? '?'} → ${job.state ?? '?'}` });
  if (before.progress !== job.progress) {
    const message = job.progressMessage ? ` ${job.progressMessage}` : '';
    events.push({ type: 'progress', job, detail: `${progressText(before)} → ${progressText(job)}${message}` });
  }
  if (stalled && !wasStalled) events.push({ type: 'stalled', job, detail: stallDetail(job, at) });
  if (wasStalled && !stalled) events.push({ type: 'resumed', job, detail: progressText(job) });
  return { state: { phase: 'listed', job, stalled }, events };
}

export function step(state: JobState, observation: Observation, rules: MachineRules): Step {
  if (isTerminal(state)) return { state, events: [] };
  const { now } = observation;
  switch (observation.kind) {
    case 'listed':
      // Back in the list after a poll without it: it was never gone.
      return relisted(state.job, state.phase === 'listed' && state.stalled, observation.job, now, rules);
    case 'absent':
      return { state: state.phase === 'gone' ? state : { phase: 'gone', job: state.job, goneAt: now }, events: [] };
    case 'log': {
      // A log read while the job is listed decides nothing: a job in the active list has not ended.
      if (state.phase !== 'gone') return { state, events: [] };
      const { log } = observation;
      if (log !== undefined && isOwnFinishedLog(state.job, log)) return finished(state.job, log, now, rules);
      if (now - state.goneAt < rules.logGraceMs) return { state, events: [] };
      return {
        state: { phase: 'vanished', job: state.job, goneAt: state.goneAt, at: now },
        events: [{ type: 'vanished', job: state.job, detail: 'left the active list and no job log appeared' }],
      };
    }
  }
}
