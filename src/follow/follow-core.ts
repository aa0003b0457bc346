// The follow core without I/O: what `watch`, `wait` and `submit --wait` know between polls, fed with the answers of
// successful requests only. The loop (follower.ts) asks IPS; this decides.
//
// - Selection (selection.ts) picks jobs when they first appear: the references on the command line, narrowed by the
//   filter (`--state`, `--type`, `--name`, `--user`). A job once picked is followed to its outcome whatever it does
//   next: a filter never turns a state change into an end.
// - Each picked job lives in its own state machine (job-machine.ts): listed ⇄ stalled → gone → finished | vanished.
// - A reference that picks nothing within --appear-timeout is `not_found`; a name that picks several running jobs
//   for `wait` is ambiguous.
// A failed poll or lookup never reaches this module: it can delay an answer, never change it.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { ProgressHistory } from '../jobs/eta.js';
import { jobKey, looksLikeHandle } from '../jobs/job-ref.js';
import type { FailOn, JobResult, LogOutcome } from '../jobs/outcome.js';
import { timeBoundMs, type TimeBound } from '../jobs/time-bound.js';
import { firstSeen, isTerminal, knownFromLog, step, type JobEventType, type JobState, type MachineRules, type Observation, type Step } from './job-machine.js';
import { chooseOne, notFoundReason, refPicksActive, refPicksLogs } from './selection.js';

/** How a followed job ended; `not_found` for a reference that never picked a job. */
export type Outcome = LogOutcome | 'vanished' | 'not_found';

/** What a gate reports for a job now: its outcome, or `stalled` while it is stalled (not an outcome: it may resume). */
export type Verdict = Outcome | 'stalled';

export interface CoreOptions {
  /** Jobs named on the command line (handles, names, globs); empty = every active job passing `admit`. */
  refs: readonly string[];
  /** The filter: which jobs to pick when they first appear (watch's --state/--type/--name/--user). */
  admit?: (job: ActiveJob) => boolean;
  /** How far back a name may pick a finished job's log: a time, or a span before the first poll (server clock). */
  since: TimeBound;
  stallWindowMs: number;
  logGraceMs: number;
  appearTimeoutMs: number;
  failOn: FailOn;
  /** `wait`: each reference follows one job (several running jobs of one name are ambiguous). */
  single?: boolean;
  /** Following every active job for days: finished jobs are forgotten this long after they ended (their outcome is kept). */
  forgetAfterMs?: number;
}

export interface FollowedJob {
  key: string;
  state: JobState;
  history: ProgressHistory;
}

type CoreEventType = JobEventType | 'not_found';

export interface CoreEvent {
  type: CoreEventType;
  /** The job's key (its handle); absent for `not_found`. */
  jobHandle?: string;
  job?: ActiveJob;
  detail: string;
  result?: JobResult;
}

/** A reference's log search this poll: getJobLogs since `sinceMs` for a name, the handle's own log for a handle. */
export interface RefLookup {
  ref: string;
  byHandle: boolean;
  sinceMs: number;
}

interface RefTrack {
  ref: string;
  status: 'open' | 'picked' | 'not_found' | 'ambiguous';
  /** `single`: the handle of the job the reference picked. */
  handle?: string;
  /** `ambiguous`: the running jobs of that name. */
  candidates?: ActiveJob[];
  reason?: string;
}

export interface Ambiguity {
  ref: string;
  jobs: ActiveJob[];
}

export class FollowCore {
  readonly jobs = new Map<string, FollowedJob>();
  private readonly refs: RefTrack[];
  private readonly rules: MachineRules;
  private sinceMs: number | undefined;
  private startedAt: number | undefined;
  /** Outcomes of finished jobs no longer held in `jobs`. */
  private readonly forgotten: Outcome[] = [];

  constructor(private readonly options: CoreOptions) {
    this.refs = options.refs.map((ref) => ({ ref, status: 'open' }));
    this.rules = { stallWindowMs: options.stallWindowMs, logGraceMs: options.logGraceMs, failOn: options.failOn };
  }

  /** Step one of a poll: with its active list and the server's time, the references whose logs must be searched. */
  refLookups(active: readonly ActiveJob[], now: number): RefLookup[] {
    this.sinceMs ??= timeBoundMs(this.options.since, now);
    const sinceMs = this.sinceMs;
    return this.refs.flatMap((track) => {
      if (track.status !== 'open') return [];
      const byHandle = looksLikeHandle(track.ref);
      const listed = active.filter((job) => refPicksActive(track.ref, job)).length;
      // `wait` by name also asks when one job of that name runs: a later one may have finished already.
      const needed = this.options.single && !byHandle ? listed < 2 : listed === 0;
      return needed ? [{ ref: track.ref, byHandle, sinceMs }] : [];
    });
  }

  /**
   * Step two: a successful poll's active list, with the logs each reference's lookup found (for every reference
   * `refLookups` named). Returns the poll's events.
   */
  observePoll(now: number, active: readonly ActiveJob[], refLogs: ReadonlyMap<string, readonly JobLog[]>): CoreEvent[] {
    this.sinceMs ??= timeBoundMs(this.options.since, now);
    this.startedAt ??= now;
    const events: CoreEvent[] = [];
    for (const track of this.refs) if (track.status === 'open') events.push(...this.resolveRef(track, active, refLogs.get(track.ref) ?? [], now));
    const listed = new Set<string>();
    for (const job of active) {
      const key = jobKey(job);
      listed.add(key);
      const followed = this.jobs.get(key);
      if (followed) events.push(...this.apply(followed, { kind: 'listed', job, now }));
      else if (this.picks(job)) events.push(...this.start(key, firstSeen(job, now, this.rules), job, now));
    }
    for (const followed of this.jobs.values()) {
      if (!listed.has(followed.key)) events.push(...this.apply(followed, { kind: 'absent', now }));
    }
    return events;
  }

  /** Step three: the jobs whose own log should be read now (gone from the list, no outcome yet), by key. */
  awaitingLogs(): FollowedJob[] {
    return [...this.jobs.values()].filter((followed) => followed.state.phase === 'gone');
  }

  /**
   * A successful lookup of the job's log: every log the answer held (only the job's own finished log counts), or
   * none when the log cannot be asked for (no handle).
   */
  observeLogs(key: string, logs: readonly JobLog[], now: number): CoreEvent[] {
    const followed = this.jobs.get(key);
    if (!followed) return [];
    const own = followed.state.job.jobHandle === undefined ? undefined : refPicksLogs(followed.state.job.jobHandle, logs, -Infinity)[0];
    return this.apply(followed, { kind: 'log', log: own, now });
  }

  /** Step four, after every lookup of the poll: references that never appeared, and forgetting old outcomes. */
  settle(now: number): CoreEvent[] {
    const events: CoreEvent[] = [];
    if (this.startedAt !== undefined && now - this.startedAt >= this.options.appearTimeoutMs) {
      for (const track of this.refs) {
        if (track.status !== 'open') continue;
        track.status = 'not_found';
        track.reason = notFoundReason(track.ref, this.sinceMs ?? 0);
        events.push({ type: 'not_found', detail: track.reason });
      }
    }
    this.forgetOld(now);
    return events;
  }

  private picks(job: ActiveJob): boolean {
    if (this.options.admit && !this.options.admit(job)) return false;
    if (this.refs.length === 0) return true;
    let picked = false;
    for (const track of this.refs) {
      const picks = this.options.single ? track.status === 'picked' && track.handle === job.jobHandle : refPicksActive(track.ref, job);
      if (!picks) continue;
      picked = true;
      if (track.status === 'open') track.status = 'picked';
    }
    return picked;
  }

  private resolveRef(track: RefTrack, active: readonly ActiveJob[], logs: readonly JobLog[], now: number): CoreEvent[] {
    const sinceMs = this.sinceMs ?? 0;
    if (!this.options.single) {
      if (active.some((job) => refPicksActive(track.ref, job))) return []; // picked as the jobs are seen
      const found = refPicksLogs(track.ref, logs, sinceMs);
      if (found.length > 0) track.status = 'picked';
      return found.flatMap((log) => this.adopt(log, now));
    }
    const choice = chooseOne(track.ref, active, logs, sinceMs);
    switch (choice.kind) {
      case 'ambiguous':
        track.status = 'ambiguous';
        track.candidates = choice.jobs;
        return [];
      case 'active':
        track.status = 'picked';
        track.handle = choice.job.jobHandle;
        return [];
      case 'logged':
        track.status = 'picked';
        track.handle = choice.log.jobHandle;
        return this.adopt(choice.log, now);
      case 'none':
        return [];
    }
  }

  /** A job known only from its log: finished at once (unless it is followed already). */
  private adopt(log: JobLog, now: number): CoreEvent[] {
    const started = knownFromLog(log, now, this.rules);
    const key = jobKey(started.state.job);
    if (this.jobs.has(key)) return [];
    return this.start(key, started, started.state.job, now);
  }

  private start(key: string, first: Step, job: ActiveJob, now: number): CoreEvent[] {
    const followed: FollowedJob = { key, state: first.state, history: new ProgressHistory() };
    if (first.state.phase === 'listed') followed.history.observe(job, new Date(now));
    this.jobs.set(key, followed);
    return this.events(key, first);
  }

  private apply(followed: FollowedJob, observation: Observation): CoreEvent[] {
    const next = step(followed.state, observation, this.rules);
    followed.state = next.state;
    if (observation.kind === 'listed' && next.state.phase === 'listed') followed.history.observe(observation.job, new Date(observation.now));
    return this.events(followed.key, next);
  }

  private events(key: string, { events }: Step): CoreEvent[] {
    return events.map((event) => ({ type: event.type, jobHandle: key, job: event.job, detail: event.detail, result: event.result }));
  }

  /** Memory stays flat over days of watching everything: old finished jobs go, their outcomes stay. */
  private forgetOld(now: number): void {
    const after = this.options.forgetAfterMs;
    if (after === undefined) return;
    for (const [key, { state }] of this.jobs) {
      if (!isTerminal(state) || now - state.at < after) continue;
      const outcome = outcomeOf(state);
      if (!this.forgotten.includes(outcome)) this.forgotten.push(outcome);
      this.jobs.delete(key);
    }
  }

  /** References that picked several running jobs (`wait`): the command refuses them (exit 2). */
  ambiguities(): Ambiguity[] {
    return this.refs.flatMap((track) => (track.status === 'ambiguous' ? [{ ref: track.ref, jobs: track.candidates ?? [] }] : []));
  }

  /** The followed job a reference picked (`wait`), or the reason it picked none. */
  pickedBy(ref: string): { followed?: FollowedJob; reason?: string; status: RefTrack['status'] } {
    const track = this.refs.find((t) => t.ref === ref);
    if (!track) return { status: 'open' };
    const followed = track.handle === undefined ? undefined : this.jobs.get(track.handle);
    return { followed, reason: track.reason, status: track.status };
  }

  /** Every reference has picked a job (or given up) and every followed job has a verdict. */
  allDone(): boolean {
    if (this.refs.some((track) => track.status === 'open')) return false;
    if (this.ambiguities().length > 0) return true;
    if (this.jobs.size === 0 && !this.refs.some((track) => track.status === 'not_found')) return false;
    return [...this.jobs.values()].every((followed) => verdictOf(followed.state) !== undefined);
  }

  anyDone(): boolean {
    return this.refs.some((track) => track.status === 'not_found') || [...this.jobs.values()].some((followed) => verdictOf(followed.state) !== undefined);
  }

  anyFailed(): boolean {
    return [...this.jobs.values()].some((followed) => verdictOf(followed.state) === 'failed');
  }

  /** The verdict of every job followed so far, forgotten ones included, and `not_found` for each reference that found none. */
  verdicts(): Verdict[] {
    const current = [...this.jobs.values()].flatMap((followed) => verdictOf(followed.state) ?? []);
    const missing = this.refs.flatMap((track) => (track.status === 'not_found' ? ['not_found' as const] : []));
    return [...this.forgotten, ...current, ...missing];
  }
}

export function outcomeOf(state: JobState & { phase: 'finished' | 'vanished' }): Outcome {
  return state.phase === 'finished' ? state.result.outcome : 'vanished';
}

/** A terminal job's outcome, `stalled` for a job stalled now, else undefined (still on its way). */
export function verdictOf(state: JobState): Verdict | undefined {
  if (isTerminal(state)) return outcomeOf(state);
  return state.phase === 'listed' && state.stalled ? 'stalled' : undefined;
}
