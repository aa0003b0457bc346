// Following jobs to their outcome: one getActiveJobs call per poll for every followed job, a log
// lookup for each job that left the active list, and the events `watch` and `wait` report.
// Decisions are the pure functions of src/jobs; this module only sequences the calls.
import { AuthenticationError, AuthorizationError, IpsError, type IpsFaultError } from '../ips/errors.js';
import type { IpsClient } from '../ips/client.js';
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { findJob, hasGlob, looksLikeHandle, nameMatches } from '../jobs/job-ref.js';
import { isFinishedLog, outcomeFromLog, type FailOn, type JobResult } from '../jobs/outcome.js';
import { diffPoll, jobKey, stallDetail, type Observation } from '../jobs/poll-diff.js';
import { ProgressHistory } from '../jobs/eta.js';
import { stateClass } from '../jobs/state-class.js';

type FollowEventType =
  | 'added'
  | 'state'
  | 'progress'
  | 'stalled'
  | 'resumed'
  | 'finished'
  | 'vanished'
  | 'not_found'
  | 'poll_error'
  | 'recovered';

/** How a followed job ended (or stands when the run ends). */
export type FinalOutcome = JobResult['outcome'] | 'stalled' | 'vanished' | 'not_found';

export interface FollowEvent {
  type: FollowEventType;
  /** Server time of the poll, ISO. */
  ts: string;
  jobHandle?: string;
  job?: ActiveJob;
  detail: string;
  result?: JobResult;
}

export interface FollowedJob {
  key: string;
  job: ActiveJob;
  history: ProgressHistory;
  stalled: boolean;
  /** Server time (ms) when the job was first missing from the active list. */
  goneAt?: number;
  outcome?: FinalOutcome;
  /** Server time (ms) the outcome became known. */
  settledAt?: number;
  result?: JobResult;
  /** Kept for reporting a job known only from its log. */
  log?: JobLog;
}

export interface FollowOptions {
  companyHandle?: string;
  /** Jobs named on the command line (handles, names, globs); empty = every active job passing `admit`. */
  refs: readonly string[];
  /** Extra narrowing of what is followed (state/type/name/user filters of `watch`). */
  admit?: (job: ActiveJob) => boolean;
  /** Jobs started before this never answer for a name: a time, or a span before the first poll (server clock). */
  since: { atMs: number } | { agoMs: number };
  stallWindowMs: number;
  logGraceMs: number;
  /** Following every active job for days: finished jobs are forgotten this long after they ended (their outcome is kept). */
  forgetAfterMs?: number;
  appearTimeoutMs: number;
  failOn: FailOn;
  /** `wait`: a name follows only the newest matching job, never every job of that name. */
  single?: boolean;
}

/** Faults that no retry will cure end the run at once (4); everything else is retried with backoff. */
function isPermanent(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof AuthorizationError || !(error instanceof IpsError);
}

export class Follower {
  readonly jobs = new Map<string, FollowedJob>();
  private observations = new Map<string, Observation>();
  private readonly unmatched: Set<string>;
  /** Outcomes of finished jobs no longer held in `jobs`. */
  private readonly forgotten: FinalOutcome[] = [];
  /** The refs in force: with `single`, a name is replaced by the handle of the job it picked. */
  private refs: string[];
  private startedAt: number | undefined;
  private sinceMs: number | undefined;
  private polls = 0;
  failures = 0;
  lastError: IpsError | undefined;
  /** Server time (ms) of the last successful poll. */
  lastSuccessAt: number | undefined;

  constructor(
    private readonly client: IpsClient,
    private readonly options: FollowOptions,
  ) {
    this.refs = [...options.refs];
    this.unmatched = new Set(options.refs);
  }

  get pollCount(): number {
    return this.polls;
  }

  /** One poll. A failed poll yields `poll_error` (and throws for permanent faults); the next success yields `recovered`. */
  async poll(): Promise<FollowEvent[]> {
    this.polls += 1;
    let active: ActiveJob[];
    try {
      active = await this.client.getActiveJobs({ companyHandle: this.options.companyHandle, includeWaitingJobs: true });
      this.sinceMs ??= 'atMs' in this.options.since ? this.options.since.atMs : this.client.now().getTime() - this.options.since.agoMs;
      // Until a named job shows up, it may have come and gone between polls: its log would tell.
      if (this.unmatched.size > 0) await this.lookUpLoggedRefs(active);
    } catch (error) {
      if (isPermanent(error)) throw error;
      this.failures += 1;
      this.lastError = error as IpsError;
      return [{ type: 'poll_error', ts: this.nowIso(), detail: describePollError(error as IpsError, this.failures) }];
    }
    const now = this.client.now();
    this.startedAt ??= now.getTime();
    const events: FollowEvent[] = [];
    if (this.failures > 0) {
      events.push({ type: 'recovered', ts: now.toISOString(), detail: `after ${this.failures} failed poll${this.failures === 1 ? '' : 's'}` });
    }
    this.failures = 0;
    this.lastError = undefined;
    this.lastSuccessAt = now.getTime();

    if (this.options.single) this.pinNewest(active);
    const followed = active.filter((job) => this.follows(job));
    const { events: changes, observations } = diffPoll(this.observations, followed, now, this.options.stallWindowMs);
    this.observations = observations;
    for (const change of changes) {
      const entry = this.entry(change.job);
      if (change.type === 'gone') {
        entry.goneAt ??= now.getTime();
        continue;
      }
      if (change.type === 'stalled') {
        entry.stalled = true;
        entry.outcome ??= 'stalled';
      }
      if (change.type === 'resumed') {
        entry.stalled = false;
        if (entry.outcome === 'stalled') entry.outcome = undefined;
      }
      events.push({ type: change.type, ts: now.toISOString(), jobHandle: change.jobHandle, job: change.job, detail: change.detail });
    }
    for (const job of followed) {
      const entry = this.entry(job);
      entry.job = job;
      entry.history.observe(job, now);
      // IPS lists a finished job as Done for a moment: its log can be read already.
      if (stateClass(job.state) === 'done') entry.goneAt ??= now.getTime();
    }
    events.push(...(await this.resolveGone(now)));
    events.push(...this.expireUnmatched(now));
    this.forgetOld(now);
    return events;
  }

  private pinNewest(active: readonly ActiveJob[]): void {
    this.refs = this.refs.map((ref) => {
      if (looksLikeHandle(ref)) return ref;
      const match = findJob(ref, active, [], this.sinceMs!);
      if (match.kind !== 'active' || !match.job.jobHandle) return ref;
      this.unmatched.delete(ref);
      return match.job.jobHandle;
    });
  }

  /** Jobs named on the command line that finished before we looked: their logs decide at once. */
  private async lookUpLoggedRefs(active: readonly ActiveJob[]): Promise<void> {
    for (const ref of [...this.unmatched]) {
      if (active.some((job) => this.refMatches(ref, job))) continue;
      if (looksLikeHandle(ref)) {
        const log = await this.readLog(ref);
        if (log) this.adoptLog(log);
        continue;
      }
      const logs = await this.client.getJobLogs({
        companyHandle: this.options.companyHandle,
        startDate: new Date(this.sinceMs!).toISOString(),
      });
      const matching = hasGlob(ref) && !this.options.single
        ? logs.filter((log) => nameMatches(ref, log.jobName, log.originalJobName) && (parseIso(log.startDate) ?? Infinity) >= this.sinceMs!)
        : ((match) => (match.kind === 'logged' ? [match.log] : []))(findJob(ref, [], logs, this.sinceMs!));
      for (const log of matching) this.adoptLog(log);
    }
  }

  private adoptLog(log: JobLog): void {
    const key = log.jobHandle ?? log.jobName ?? '';
    if (this.jobs.has(key)) return;
    const job: ActiveJob = {
      jobHandle: log.jobHandle,
      name: log.jobName,
      originalName: log.originalJobName,
      companyHandle: log.companyHandle,
      submitUserEmail: log.submitUserEmail,
      startDate: log.startDate,
      taskProgressArray: [],
    };
    const entry: FollowedJob = { key, job, history: new ProgressHistory(), stalled: false, log, goneAt: 0 };
    this.jobs.set(key, entry);
    for (const ref of this.refs) if (this.refMatches(ref, job)) this.unmatched.delete(ref);
  }

  private refMatches(ref: string, job: ActiveJob): boolean {
    if (job.jobHandle === ref) return true;
    if (looksLikeHandle(ref)) return false;
    const started = parseIso(job.startDate) ?? parseIso(job.triggerTime);
    return nameMatches(ref, job.name, job.originalName) && (started === undefined || started >= this.sinceMs!);
  }

  private follows(job: ActiveJob): boolean {
    if (this.jobs.get(jobKey(job))?.outcome !== undefined && this.jobs.get(jobKey(job))?.outcome !== 'stalled') return false;
    if (this.options.admit && !this.options.admit(job)) return false;
    if (this.refs.length === 0) return true;
    const matched = this.refs.filter((ref) => this.refMatches(ref, job));
    for (const ref of matched) this.unmatched.delete(ref);
    return matched.length > 0;
  }

  private entry(job: ActiveJob): FollowedJob {
    const key = jobKey(job);
    let entry = this.jobs.get(key);
    if (!entry) {
      entry = { key, job, history: new ProgressHistory(), stalled: false };
      this.jobs.set(key, entry);
    }
    return entry;
  }

  /** Jobs that left the list: their log decides; no log within the grace period means vanished. */
  private async resolveGone(now: Date): Promise<FollowEvent[]> {
    const events: FollowEvent[] = [];
    for (const entry of this.jobs.values()) {
      if (entry.goneAt === undefined || entry.result !== undefined || entry.outcome === 'vanished' || entry.outcome === 'not_found') continue;
      if (!entry.log && entry.job.jobHandle) {
        try {
          entry.log = await this.readLog(entry.job.jobHandle);
        } catch (error) {
          // Refused credentials or rights end the run like any other poll's (4); anything else is tried again next
          // poll: a failing service never turns a job into "vanished".
          if (isPermanent(error)) throw error;
          continue;
        }
      }
      if (entry.log) {
        entry.result = outcomeFromLog(entry.log, this.options.failOn);
        entry.outcome = entry.result.outcome;
        entry.settledAt = now.getTime();
        entry.stalled = false;
        events.push({
          type: 'finished',
          ts: now.toISOString(),
          jobHandle: entry.key,
          job: entry.job,
          detail: `${entry.result.outcome}: ${entry.result.reason}`,
          result: entry.result,
        });
      } else if (now.getTime() - entry.goneAt >= this.options.logGraceMs) {
        entry.outcome = 'vanished';
        entry.settledAt = now.getTime();
        events.push({ type: 'vanished', ts: now.toISOString(), jobHandle: entry.key, job: entry.job, detail: 'left the active list and no job log appeared' });
      }
    }
    return events;
  }

  private expireUnmatched(now: Date): FollowEvent[] {
    if (this.startedAt === undefined || now.getTime() - this.startedAt < this.options.appearTimeoutMs) return [];
    const events: FollowEvent[] = [];
    for (const ref of this.unmatched) {
      this.unmatched.delete(ref);
      this.jobs.set(`ref:${ref}`, { key: `ref:${ref}`, job: { name: ref, taskProgressArray: [] }, history: new ProgressHistory(), stalled: false, outcome: 'not_found' });
      events.push({ type: 'not_found', ts: now.toISOString(), detail: `no job named ${ref} appeared` });
    }
    return events;
  }

  /** The job's log summary (no detail rows needed), when it has finished. */
  private async readLog(jobHandle: string): Promise<JobLog | undefined> {
    if (!this.options.companyHandle) return undefined;
    const logs = await this.client.getJobLogDetails({ companyHandle: this.options.companyHandle, jobHandle, recordsPerPage: 1 });
    return logs.find((log) => isFinishedLog(log));
  }

  /** Memory stays flat over days of watching everything: old finished jobs go, their outcomes stay. */
  private forgetOld(now: Date): void {
    const after = this.options.forgetAfterMs;
    if (after === undefined) return;
    for (const [key, entry] of this.jobs) {
      if (entry.outcome === undefined || entry.outcome === 'stalled' || entry.settledAt === undefined) continue;
      if (now.getTime() - entry.settledAt < after) continue;
      if (!this.forgotten.includes(entry.outcome)) this.forgotten.push(entry.outcome);
      this.jobs.delete(key);
    }
  }

  /** Every named job has been seen (or given up on) and every followed job has an outcome. */
  allDone(): boolean {
    if (this.unmatched.size > 0 || this.jobs.size === 0) return false;
    return [...this.jobs.values()].every((entry) => entry.outcome !== undefined);
  }

  anyDone(): boolean {
    return [...this.jobs.values()].some((entry) => entry.outcome !== undefined);
  }

  anyFailed(): boolean {
    return [...this.jobs.values()].some((entry) => entry.outcome === 'failed');
  }

  outcomes(): FinalOutcome[] {
    return [...this.forgotten, ...[...this.jobs.values()].flatMap((entry) => (entry.outcome === undefined ? [] : [entry.outcome]))];
  }

  stallDetail(entry: FollowedJob): string {
    return stallDetail(entry.job, this.client.now());
  }

  private nowIso(): string {
    return this.client.now().toISOString();
  }
}

function describePollError(error: IpsError, failures: number): string {
  const fault = (error as IpsFaultError).fault ? ` (${(error as IpsFaultError).fault} ${(error as IpsFaultError).code ?? ''})` : '';
  return `poll ${failures} failed: ${error.message}${fault}`.replace(/\s+/g, ' ').trim();
}
