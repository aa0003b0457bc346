// The in-memory IPS: companies, users, active jobs, schedules and job logs, kept current by the virtual clock.
import {
  JOB_DETAIL_ELEMENTS,
  type ActiveJob,
  type Company,
  type GetActiveJobsInput,
  type GetJobLogDetailsInput,
  type GetJobLogsInput,
  type GetScheduledJobsInput,
  type JobDetails,
  type JobLog,
  type JobLogDetail,
  type ScheduledJob,
} from '../ips/types.js';
import { formatIso, parseIso, type EmulatorClock } from './clock.js';
import { COMPANIES, DEMO_CREDENTIALS, userHandleOf, type EmulatorUser } from './directory.js';
import { createJob, generateActiveJobs, generateHistory, type JobFactory } from './generate.js';
import { ipsApiFault } from './ipsfault.js';
import { buildJobLog } from './joblog.js';
import { applyLifecycle, DONE_LINGER_MS, jobEndAt, WAITING_STATES, type EmulatedJob, type JobOutcome } from './lifecycle.js';
import { Rng, subSeed } from './random.js';
import { defaultSchedules, nextFireTime, type ScheduleRecord } from './schedule.js';

/** A job added by a test (or a demo script). Times default to "now"; durations are virtual ms. */
export interface AddJobOptions {
  originalName: string;
  type: string;
  companyHandle?: string;
  submitUserEmail?: string;
  outcome?: JobOutcome;
  /** ISO instant the job was queued; default now. */
  triggerAt?: string;
  /** Queued → Running delay; default 5000 (first 2000 ms `New`, then `waitState`). */
  waitMs?: number;
  waitState?: 'WaitingCoordinator' | 'WaitingClient';
  durationMs?: number;
  files?: number;
  failAt?: number;
  stallAt?: number;
  description?: string;
  details?: JobDetails;
}

export interface EmulatedIpsOptions {
  seed: number;
  jobs: number;
  users: readonly EmulatorUser[];
}

const LOG_SORT_KEYS: Record<string, (log: JobLog, company: (h?: string) => string) => string | number> = {
  JobName: (l) => l.jobName ?? '',
  LogType: (l) => l.logType ?? '',
  StartDate: (l) => Date.parse(l.startDate ?? '') || 0,
  CompanyName: (l, company) => company(l.companyHandle),
  UserId: (l) => l.submitUserEmail ?? '',
  Email: (l) => l.submitUserEmail ?? '',
  FileErrorCount: (l) => l.fileErrorCount ?? 0,
  FileWarningCount: (l) => l.fileWarningCount ?? 0,
  FileSuccessCount: (l) => l.fileSuccessCount ?? 0,
};

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable ascending sort; Descending is its exact reverse (ties included, so End rows come before the last file). */
function sorted<T>(list: T[], key: (item: T) => string | number, dir: 1 | -1, tieBreak: (a: T, b: T) => number = () => 0): T[] {
  const ascending = list.sort((a, b) => compare(key(a), key(b)) || tieBreak(a, b));
  return dir === 1 ? ascending : ascending.reverse();
}

function direction(value: string | undefined, fallback: 1 | -1): 1 | -1 {
  if (value === undefined || value === '') return fallback;
  if (value === 'Ascending') return 1;
  if (value === 'Descending') return -1;
  throw ipsApiFault(30001, `Invalid sortDirection '${value}' (Ascending or Descending)`);
}

function detailsOf(job: ScheduledJob): JobDetails {
  const details: Record<string, unknown> = {};
  for (const key of JOB_DETAIL_ELEMENTS) if (key in job) details[key] = (job as Record<string, unknown>)[key];
  return details as JobDetails;
}

export class EmulatedIps {
  readonly companies: readonly Company[] = COMPANIES;
  readonly users: readonly EmulatorUser[];
  private readonly active: EmulatedJob[];
  private readonly finished: JobLog[];
  private readonly schedules: ScheduleRecord[];
  private readonly logged = new WeakSet<EmulatedJob>();
  private readonly factory: JobFactory;
  /** Time of the last sync; a sync at the same time without changes in between is skipped. */
  private syncedAt = NaN;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly options: EmulatedIpsOptions,
  ) {
    if (!Number.isInteger(options.jobs) || options.jobs < 0) throw new Error(`Invalid job count ${options.jobs}`);
    this.users = options.users;
    const start = clock.nowMs();
    this.factory = { rng: new Rng(options.seed), offsetMinutes: clock.offsetMinutes, usedIds: new Set(), usedNames: new Set() };
    this.active = generateActiveJobs(this.factory, options.jobs, start);
    // Own PRNG stream, so the history does not change with the number of active jobs.
    this.finished = generateHistory({ ...this.factory, rng: new Rng(subSeed(options.seed, 'history')) }, start);
    this.schedules = defaultSchedules().map((job) => ({ job, nextFireAt: nextFireTime(job.execSchedule ?? '', start, clock.offsetMinutes) }));
    clock.onTick((now) => this.sync(now));
    this.sync(start);
  }

  private iso(ms: number): string {
    return formatIso(ms, this.clock.offsetMinutes);
  }

  /** Applies the lifecycle at virtual time `now`: fires due schedules, advances jobs, writes logs, drops old Done jobs. */
  sync(now: number = this.clock.nowMs()): void {
    if (now === this.syncedAt) return;
    this.syncedAt = now;
    for (const schedule of this.schedules) {
      if (schedule.job.triggerState !== 'Normal' || schedule.nextFireAt > now) continue;
      // Misfires collapse into one run (like Quartz's default): a big clock jump does not start a burst of jobs.
      this.spawnFromSchedule(schedule.job, schedule.nextFireAt, 'success');
      schedule.nextFireAt = nextFireTime(schedule.job.execSchedule ?? '', now, this.clock.offsetMinutes);
    }
    for (const rec of [...this.active]) {
      applyLifecycle(rec, now, this.clock.offsetMinutes);
      const endAt = jobEndAt(rec.plan);
      if (now >= endAt && !this.logged.has(rec)) {
        this.logged.add(rec);
        this.finished.push(buildJobLog(rec, endAt, this.clock.offsetMinutes));
      }
      if (now >= endAt + DONE_LINGER_MS) this.active.splice(this.active.indexOf(rec), 1);
    }
  }

  /** Active-job records (including waiting and just-finished `Done` ones), current at the clock. */
  get jobs(): readonly EmulatedJob[] {
    this.sync();
    return this.active;
  }

  activeJobs(): ActiveJob[] {
    return this.jobs.map((rec) => rec.job);
  }

  /** Finished jobs' logs (with all detail rows), oldest first. */
  get jobLogs(): readonly JobLog[] {
    this.sync();
    return this.finished;
  }

  get scheduledJobs(): ScheduledJob[] {
    this.sync();
    return this.schedules.map((s) => ({
      ...s.job,
      ...(Number.isFinite(s.nextFireAt) ? { nextFireTime: this.iso(s.nextFireAt) } : {}),
    }));
  }

  findJob(jobHandleOrName: string): EmulatedJob | undefined {
    return this.jobs.find((rec) => rec.job.jobHandle === jobHandleOrName || rec.job.name === jobHandleOrName);
  }

  findUser(email: string): EmulatorUser | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  userHandle(user: EmulatorUser): string {
    return userHandleOf(user, this.users.indexOf(user));
  }

  company(handleOrName: { handle?: string; name?: string }): Company | undefined {
    return this.companies.find((c) =>
      handleOrName.handle !== undefined ? c.companyHandle === handleOrName.handle : c.name?.toLowerCase() === handleOrName.name?.toLowerCase(),
    );
  }

  /** Handles of the companies the user is an active member of. */
  memberCompanies(user: EmulatorUser): string[] {
    return user.memberships.filter((m) => m.isActive !== false).map((m) => m.companyHandle);
  }

  addJob(options: AddJobOptions): EmulatedJob {
    const now = this.clock.nowMs();
    const triggerAt = options.triggerAt === undefined ? now : parseIso(options.triggerAt);
    const waitMs = options.waitMs ?? 5000;
    const rec = createJob(this.factory, {
      originalName: options.originalName,
      type: options.type,
      companyHandle: options.companyHandle ?? DEMO_CREDENTIALS.companyHandle,
      submitUserEmail: options.submitUserEmail ?? DEMO_CREDENTIALS.username,
      outcome: options.outcome ?? 'success',
      triggerAt,
      newUntil: triggerAt + Math.min(2000, waitMs),
      runAt: triggerAt + waitMs,
      ...(options.waitState ? { waitState: options.waitState } : {}),
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      ...(options.files === undefined ? {} : { files: options.files }),
      ...(options.failAt === undefined ? {} : { failAt: options.failAt }),
      ...(options.stallAt === undefined ? {} : { stallAt: options.stallAt }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.details ? { details: options.details } : {}),
    });
    this.active.push(rec);
    this.resync();
    return rec;
  }

  /** Re-applies the lifecycle after a change made at the current time. */
  private resync(): void {
    this.syncedAt = NaN;
    this.sync();
  }

  private spawnFromSchedule(schedule: ScheduledJob, at: number, outcome: JobOutcome): EmulatedJob {
    // Seeded by schedule + time so a firing yields the same job whenever the clock gets there.
    const rng = new Rng(subSeed(this.options.seed, `${schedule.jobHandle}@${at}`));
    const rec = createJob(
      { ...this.factory, rng },
      {
        originalName: schedule.originalName ?? schedule.name ?? 'Scheduled-Job',
        type: schedule.type ?? 'ImageServingPublish',
        companyHandle: schedule.companyHandle ?? DEMO_CREDENTIALS.companyHandle,
        submitUserEmail: schedule.submitUserEmail ?? DEMO_CREDENTIALS.username,
        outcome,
        triggerAt: at,
        newUntil: at + 2000,
        runAt: at + rng.int(5, 20) * 1000,
        details: detailsOf(schedule),
        ...(schedule.description === undefined ? {} : { description: schedule.description }),
      },
    );
    this.active.push(rec);
    return rec;
  }

  // ---- queries (callers have checked company membership) ----

  queryActiveJobs(input: GetActiveJobsInput, companies: readonly string[]): ActiveJob[] {
    return this.activeJobs().filter(
      (job) =>
        companies.includes(job.companyHandle ?? '') &&
        (input.companyHandle === undefined || job.companyHandle === input.companyHandle) &&
        (input.jobHandle === undefined || job.jobHandle === input.jobHandle) &&
        (input.originalName === undefined || job.originalName === input.originalName) &&
        (input.includeWaitingJobs === true || !WAITING_STATES.includes(job.state ?? '')),
    );
  }

  /** Summaries (no details). Default order: StartDate Descending (newest first). */
  queryJobLogs(input: GetJobLogsInput, companies: readonly string[]): JobLog[] {
    const sortKey = LOG_SORT_KEYS[input.sortBy ?? 'StartDate'];
    if (!sortKey) throw ipsApiFault(30001, `Invalid sortBy '${input.sortBy}' (one of ${Object.keys(LOG_SORT_KEYS).join(', ')})`);
    const dir = direction(input.sortDirection, input.sortBy === undefined ? -1 : 1);
    if (input.numRows !== undefined && input.numRows < 1) throw ipsApiFault(30001, `Invalid numRows ${input.numRows}`);
    const user = input.userHandle === undefined ? undefined : this.users.find((u) => this.userHandle(u) === input.userHandle || u.email === input.userHandle);
    const from = input.startDate === undefined ? -Infinity : Date.parse(input.startDate);
    const to = input.endDate === undefined ? Infinity : Date.parse(input.endDate);
    const companyName = (handle?: string): string => this.company({ handle: handle ?? '' })?.name ?? '';
    const matching = this.jobLogs.filter((log) => {
        const start = Date.parse(log.startDate ?? '');
        return (
          companies.includes(log.companyHandle ?? '') &&
          (input.companyHandle === undefined || log.companyHandle === input.companyHandle) &&
          (input.userHandle === undefined || log.submitUserEmail === (user?.email ?? input.userHandle)) &&
          start >= from &&
          start <= to
        );
      });
    return sorted(matching, (log) => sortKey(log, companyName), dir)
      .slice(0, input.numRows ?? Infinity)
      .map(({ detailArray: _details, detailTotalRows: _rows, ...summary }) => ({ ...summary, detailArray: [] }));
  }

  /** Logs of finished jobs and, for active jobs, the log so far; each with one page of filtered, sorted details. */
  queryJobLogDetails(input: GetJobLogDetailsInput): JobLog[] {
    const perPage = Math.min(1000, input.recordsPerPage ?? 1000);
    const page = input.resultsPage ?? 1;
    if (!(perPage >= 1)) throw ipsApiFault(30001, `Invalid recordsPerPage ${input.recordsPerPage} (1–1000)`);
    if (!(page >= 1)) throw ipsApiFault(30001, `Invalid resultsPage ${input.resultsPage} (from 1)`);
    const byType = input.sortBy === undefined || input.sortBy === 'Date' ? false : input.sortBy === 'LogType' ? true : undefined;
    if (byType === undefined) throw ipsApiFault(30001, `Invalid sortBy '${input.sortBy}' (Date or LogType)`);
    const dir = direction(input.sortDirection, 1);
    const now = this.clock.nowMs();
    const running = this.jobs.filter((rec) => !this.logged.has(rec)).map((rec) => buildJobLog(rec, now, this.clock.offsetMinutes));
    const date = (d: JobLogDetail): number => Date.parse(d.dateCreated ?? '') || 0;
    return [...this.finished, ...running]
      .filter(
        (log) =>
          log.companyHandle === input.companyHandle &&
          (input.jobHandle === undefined || log.jobHandle === input.jobHandle) &&
          (input.originalName === undefined || log.originalJobName === input.originalName),
      )
      .map((log) => {
        const wanted = log.detailArray.filter((d) => !input.logTypeArray?.length || input.logTypeArray.includes(d.logType ?? ''));
        const rows = byType ? sorted(wanted, (d) => d.logType ?? '', dir, (a, b) => compare(date(a), date(b))) : sorted(wanted, date, dir);
        return { ...log, detailTotalRows: rows.length, detailArray: rows.slice((page - 1) * perPage, page * perPage) };
      });
  }

  queryScheduledJobs(input: GetScheduledJobsInput, companies: readonly string[]): ScheduledJob[] {
    return this.scheduledJobs.filter(
      (job) =>
        companies.includes(job.companyHandle ?? '') &&
        (input.companyHandle === undefined || job.companyHandle === input.companyHandle) &&
        (input.jobHandle === undefined || job.jobHandle === input.jobHandle) &&
        (input.originalName === undefined || job.originalName === input.originalName),
    );
  }

  // ---- control operations ----

  private activeRecord(companyHandle: string, jobHandle: string): EmulatedJob | undefined {
    return this.jobs.find((rec) => rec.job.companyHandle === companyHandle && rec.job.jobHandle === jobHandle);
  }

  private scheduleRecord(companyHandle: string, jobHandle: string): ScheduleRecord | undefined {
    return this.schedules.find((s) => s.job.companyHandle === companyHandle && s.job.jobHandle === jobHandle);
  }

  private unknownJob(jobHandle: string): never {
    throw ipsApiFault(30001, `Invalid job handle '${jobHandle}'`);
  }

  /** Active job → `Stopping`, then `Done` (with a log) STOP_MS later. */
  stopJob(companyHandle: string, jobHandle: string, byEmail: string): void {
    const rec = this.activeRecord(companyHandle, jobHandle) ?? this.unknownJob(jobHandle);
    if (rec.job.state === 'Done') throw ipsApiFault(30001, `Job '${rec.job.name}' has already finished`);
    if (!rec.plan.stop) rec.plan.stop = { requestedAt: this.clock.nowMs(), by: byEmail };
    this.resync();
  }

  /** Scheduled job → triggerState Paused (active jobs cannot be paused in IPS). */
  pauseJob(companyHandle: string, jobHandle: string): void {
    const schedule = this.scheduleRecord(companyHandle, jobHandle);
    if (!schedule) {
      if (this.activeRecord(companyHandle, jobHandle)) throw ipsApiFault(30001, `Job '${jobHandle}' is not a scheduled job`);
      this.unknownJob(jobHandle);
    }
    schedule.job.triggerState = 'Paused';
  }

  resumeJob(companyHandle: string, jobHandle: string): void {
    const schedule = this.scheduleRecord(companyHandle, jobHandle);
    if (!schedule) {
      if (this.activeRecord(companyHandle, jobHandle)) throw ipsApiFault(30001, `Job '${jobHandle}' is not a scheduled job`);
      this.unknownJob(jobHandle);
    }
    if (schedule.job.triggerState === 'Paused') {
      schedule.job.triggerState = 'Normal';
      schedule.nextFireAt = nextFireTime(schedule.job.execSchedule ?? '', this.clock.nowMs(), this.clock.offsetMinutes);
    }
  }

  /** Removes a scheduled job, or an active job (without writing a log). */
  deleteJob(companyHandle: string, jobHandle: string): void {
    const schedule = this.scheduleRecord(companyHandle, jobHandle);
    if (schedule) {
      this.schedules.splice(this.schedules.indexOf(schedule), 1);
      return;
    }
    const rec = this.activeRecord(companyHandle, jobHandle) ?? this.unknownJob(jobHandle);
    this.active.splice(this.active.indexOf(rec), 1);
  }

  /** Runs a scheduled job now: a new active job appears in state `New`. */
  executeJob(companyHandle: string, jobHandle: string): EmulatedJob {
    const schedule = this.scheduleRecord(companyHandle, jobHandle);
    if (!schedule) {
      if (this.activeRecord(companyHandle, jobHandle)) throw ipsApiFault(30001, `Job '${jobHandle}' is not a scheduled job`);
      this.unknownJob(jobHandle);
    }
    const rec = this.spawnFromSchedule(schedule.job, this.clock.nowMs(), 'success');
    this.resync();
    return rec;
  }
}
