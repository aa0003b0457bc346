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
  type SubmitJobInput,
} from '../ips/types.js';
import { formatIso, parseIso, type EmulatorClock } from './clock.js';
import { COMPANIES, DEMO_CREDENTIALS, userHandleOf, type EmulatorUser } from './directory.js';
import { companyNumber, createJob, generateActiveJobs, generateHistory, type JobFactory } from './generate.js';
import { ipsApiFault } from './ipsfault.js';
import { buildJobLog } from './joblog.js';
import { applyLifecycle, jobEndAt, jobLeftAt, jobLogAt, jobLogVisibleFrom, WAITING_STATES, type EmulatedJob, type JobOutcome } from './lifecycle.js';
import { Rng, subSeed } from './random.js';
import { defaultSchedules, nextFireTime, SCHEDULE_TIME_ZONE, type ScheduleRecord } from './schedule.js';
import type { AddJobOptions, SubmitOutcome } from './job-options.js';
import { submissionOf, type Submission } from './submit.js';
import { seededLog, type LogSeed } from './seed-logs.js';

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

/** The filter getActiveJobs and getScheduledJobs share: one of `companies`, and the company, handle and name asked for. */
function matchesJobFilter(job: ActiveJob | ScheduledJob, input: GetActiveJobsInput | GetScheduledJobsInput, companies: readonly string[]): boolean {
  return (
    companies.includes(job.companyHandle ?? '') &&
    (input.companyHandle === undefined || job.companyHandle === input.companyHandle) &&
    (input.jobHandle === undefined || job.jobHandle === input.jobHandle) &&
    (input.originalName === undefined || job.originalName === input.originalName)
  );
}

function detailsOf(job: ScheduledJob): JobDetails {
  const details: Record<string, unknown> = {};
  for (const key of JOB_DETAIL_ELEMENTS) if (key in job) details[key] = (job as Record<string, unknown>)[key];
  return details as JobDetails;
}

export class EmulatedIps {
  readonly companies: readonly Company[] = COMPANIES;
  readonly users: readonly EmulatorUser[];
  /** Jobs in the active list, plus added ones whose triggerAt is still ahead (hidden until then). */
  private readonly active: EmulatedJob[];
  /** Jobs that left the active list and get their log, or its end, later (logDelayMs, logEndDelayMs). */
  private readonly awaitingLog: EmulatedJob[] = [];
  private readonly finished: JobLog[];
  private readonly schedules: ScheduleRecord[];
  private readonly logged = new WeakSet<EmulatedJob>();
  /** Creation order of jobs (ties between logs that become due at the same moment). */
  private readonly sequence = new WeakMap<EmulatedJob, number>();
  private nextSequence = 0;
  private readonly factory: JobFactory;
  /** Time of the last sync; a sync at the same time without changes in between is skipped. */
  private syncedAt = NaN;
  /** Job handles (active or scheduled) whose control operations answer authorizationFault 20003. */
  private readonly protectedHandles = new Set<string>();
  /**
   * How the next jobs started by submitJob end, first in first out: each such job (run now or at execTime; not a
   * schedule) takes one. Empty: success, or for an upload what its URLs say. A queued `outcome` replaces what the URLs
   * say; without one its fields (e.g. durationMs, waitMs) go with it.
   */
  readonly submitOutcomes: SubmitOutcome[] = [];
  /**
   * A server that answers getJobLogDetails for a job handle with other jobs' logs beside that job's (or instead of it,
   * while its own is not written yet): the handle is then no filter at all. A client must take only the log whose
   * jobHandle is the one it asked for.
   */
  logDetailsIgnoreJobHandle = false;
  /**
   * A log written while it is read: after each getJobLogDetails answer, this many detail rows are written to the log
   * of every job in the answer that is still running, dated now, so the next page request finds a longer log (newest
   * first, every later page moves down by that many rows). 0: a log grows only with the clock.
   */
  logRowsWrittenPerDetailPage = 0;
  /**
   * A server that never answers getJobLogs with more than this many logs, whatever numRows asks (IPS documents no
   * maximum; a real one may have one): a client must page to read a window. Undefined: no cap.
   */
  jobLogsRowCap: number | undefined = undefined;
  /** Logs written by addJobLogs so far (their numbers make their names and handles unique). */
  private seededLogs = 0;
  /** The rows written by logRowsWrittenPerDetailPage, per job: part of its log from then on, its final log too. */
  private readonly writtenRows = new WeakMap<EmulatedJob, JobLogDetail[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly options: EmulatedIpsOptions,
  ) {
    if (!Number.isInteger(options.jobs) || options.jobs < 0) throw new Error(`Invalid job count ${options.jobs}`);
    this.users = options.users;
    const start = clock.nowMs();
    this.factory = { rng: new Rng(options.seed), offsetMinutes: clock.offsetMinutes, usedIds: new Set(), usedNames: new Set() };
    this.active = [];
    for (const rec of generateActiveJobs(this.factory, options.jobs, start)) this.enlist(rec);
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
    const due: EmulatedJob[] = [];
    for (const rec of [...this.active]) {
      applyLifecycle(rec, now, this.clock.offsetMinutes);
      if (this.isLogDue(rec, now)) due.push(rec);
      if (now >= jobLeftAt(rec.plan)) {
        this.active.splice(this.active.indexOf(rec), 1);
        if (!this.logged.has(rec) && !due.includes(rec) && Number.isFinite(jobLogAt(rec.plan))) this.awaitingLog.push(rec);
      }
    }
    for (const rec of [...this.awaitingLog]) {
      if (!this.isLogDue(rec, now)) continue;
      due.push(rec);
      this.awaitingLog.splice(this.awaitingLog.indexOf(rec), 1);
    }
    // Logs are appended in the order they became due (then by creation), so the list — and ties in getJobLogs'
    // sorting — come out the same whether the clock got here in one jump or in many steps.
    due.sort((a, b) => jobLogAt(a.plan) - jobLogAt(b.plan) || (this.sequence.get(a) ?? 0) - (this.sequence.get(b) ?? 0));
    for (const rec of due) {
      this.logged.add(rec);
      this.finished.push(this.jobLog(rec, jobEndAt(rec.plan)));
    }
  }

  /** The job's log at virtual time t, with the rows written into it while it was read; `endWritten` as buildJobLog's. */
  private jobLog(rec: EmulatedJob, t: number, endWritten = true): JobLog {
    const log = buildJobLog(rec, t, this.clock.offsetMinutes, endWritten);
    const written = this.writtenRows.get(rec) ?? [];
    if (written.length === 0) return log;
    return { ...log, detailArray: [...log.detailArray, ...written], detailTotalRows: log.detailArray.length + written.length };
  }

  /** logRowsWrittenPerDetailPage: rows dated now, each with a message of its own. */
  private writeRows(rec: EmulatedJob, now: number): void {
    const written = this.writtenRows.get(rec) ?? [];
    for (let i = 0; i < this.logRowsWrittenPerDetailPage; i++) {
      const n = written.length + 1;
      written.push({ logMessage: `row ${n} written while the log was read`, logType: 'Info', dateCreated: this.iso(now), auxArray: [] });
    }
    this.writtenRows.set(rec, written);
  }

  /** The job's final log is due (at Done, or logDelayMs after it left the active list) and not written yet. */
  private isLogDue(rec: EmulatedJob, now: number): boolean {
    return !this.logged.has(rec) && now >= jobLogAt(rec.plan);
  }

  /** Puts a job in the active list, numbered in creation order. */
  private enlist(rec: EmulatedJob): void {
    this.sequence.set(rec, this.nextSequence++);
    this.active.push(rec);
  }

  /**
   * Active-job records (including waiting and just-finished `Done` ones), current at the clock; jobs whose triggerAt
   * is still ahead (added for later, or the clock was moved back) are not there yet.
   */
  get jobs(): readonly EmulatedJob[] {
    this.sync();
    const now = this.clock.nowMs();
    return this.active.filter((rec) => rec.plan.triggerAt <= now);
  }

  activeJobs(): ActiveJob[] {
    return this.jobs.map((rec) => rec.job);
  }

  /** Finished jobs' logs (with all detail rows), oldest first. */
  get jobLogs(): readonly JobLog[] {
    this.sync();
    return this.finished;
  }

  /** The logs of jobs gone from the active list whose end is not written yet (logEndDelayMs), as they stand now. */
  private unendedLogs(now: number): JobLog[] {
    return this.awaitingLog.filter((rec) => rec.plan.logEndDelayMs !== undefined).map((rec) => this.jobLog(rec, now, false));
  }

  get scheduledJobs(): ScheduledJob[] {
    this.sync();
    return this.schedules.map((s) => ({
      ...s.job,
      ...(Number.isFinite(s.nextFireAt) ? { nextFireTime: this.iso(s.nextFireAt) } : {}),
    }));
  }

  /** An active-job record by handle or unique name, else the first with that originalName (a submitJob jobName). */
  findJob(jobHandleOrName: string): EmulatedJob | undefined {
    const jobs = this.jobs;
    return (
      jobs.find((rec) => rec.job.jobHandle === jobHandleOrName || rec.job.name === jobHandleOrName) ??
      jobs.find((rec) => rec.job.originalName === jobHandleOrName)
    );
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

  /**
   * Adds a job (see AddJobOptions for the scenarios) and returns its record: `rec.jobHandle`, `rec.name` (unique),
   * `rec.originalName`, `rec.job` (live ActiveJob), `rec.plan` (jobTimes(rec.plan) for its moments).
   */
  addJob(options: AddJobOptions): EmulatedJob {
    const handle = options.jobHandle;
    if (handle !== undefined && (this.active.some((rec) => rec.jobHandle === handle) || this.finished.some((log) => log.jobHandle === handle)))
      throw new Error(`addJob: the handle ${options.jobHandle} is taken`);
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
      ...(options.fatal === undefined ? {} : { fatal: options.fatal }),
      ...(options.errorFiles === undefined ? {} : { errorFiles: options.errorFiles }),
      ...(options.warningFiles === undefined ? {} : { warningFiles: options.warningFiles }),
      ...(options.stallAt === undefined ? {} : { stallAt: options.stallAt }),
      ...(options.resumeAt === undefined ? {} : { resumeAfterRunMs: options.resumeAt }),
      ...(options.logDelayMs === undefined ? {} : { logDelayMs: options.logDelayMs }),
      ...(options.logEndDelayMs === undefined ? {} : { logEndDelayMs: options.logEndDelayMs }),
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.details ? { details: options.details } : {}),
      ...(options.namedFiles ? { namedFiles: options.namedFiles } : {}),
      ...(options.jobHandle === undefined ? {} : { jobHandle: options.jobHandle }),
    });
    this.enlist(rec);
    if (options.protected) this.protectJob(rec.jobHandle);
    this.resync();
    return rec;
  }

  /**
   * Writes finished jobs' logs straight into the history (see LogSeed): dates, counts and outcomes exactly as given, fast
   * enough for 10,000. No job is listed or followed; getJobLogs serves them (getJobLogDetails too, without details).
   */
  addJobLogs(seeds: readonly LogSeed[]): JobLog[] {
    const defaults = { companyHandle: DEMO_CREDENTIALS.companyHandle, submitUserEmail: DEMO_CREDENTIALS.username };
    const logs = seeds.map((seed) => seededLog(seed, ++this.seededLogs, this.clock.offsetMinutes, defaults));
    this.finished.push(...logs);
    return logs;
  }

  /**
   * submitJob, its input checked (handlers.ts): with execSchedule a schedule and no job now; else an addJob job, from
   * execTime when that is ahead, ending as the next submitOutcomes entry says. Returns the new handle.
   */
  submitJob(input: SubmitJobInput, submitUserEmail: string): string {
    const submission = submissionOf(input);
    if (input.execSchedule !== undefined) return this.addSchedule(input, input.execSchedule, submission, submitUserEmail);
    const chosen = this.submitOutcomes.shift() ?? {};
    const later = input.execTime !== undefined && Date.parse(input.execTime) > this.clock.nowMs();
    return this.addJob({
      originalName: input.jobName,
      type: submission.type,
      companyHandle: input.companyHandle,
      submitUserEmail,
      details: submission.details,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(later ? { triggerAt: input.execTime } : {}),
      ...(submission.namedFiles ? { namedFiles: submission.namedFiles } : {}),
      ...(chosen.outcome === undefined ? { ...submission.outcome, ...chosen } : chosen),
    }).jobHandle;
  }

  /** A submitted schedule: triggerState Normal, handle `j|<company number>|<name>|`; an expression that never fires is a fault. */
  private addSchedule(input: SubmitJobInput, execSchedule: string, submission: Submission, submitUserEmail: string): string {
    const nextFireAt = nextFireTime(execSchedule, this.clock.nowMs(), this.clock.offsetMinutes);
    if (!Number.isFinite(nextFireAt)) throw ipsApiFault(30001, `Invalid execSchedule '${execSchedule}'`);
    const name = this.unusedScheduleName(input.jobName);
    const jobHandle = `j|${companyNumber(input.companyHandle)}|${name}|`;
    this.schedules.push({
      job: {
        companyHandle: input.companyHandle,
        jobHandle,
        name,
        originalName: input.jobName,
        type: submission.type,
        submitUserEmail,
        locale: input.locale ?? 'en-US',
        ...(input.description === undefined ? {} : { description: input.description }),
        execSchedule,
        timeZone: SCHEDULE_TIME_ZONE,
        triggerState: 'Normal',
        ...submission.details,
      },
      nextFireAt,
    });
    return jobHandle;
  }

  /** `jobName`, or `jobName_2`, `_3`… when a schedule has that name already. */
  private unusedScheduleName(jobName: string): string {
    let name = jobName;
    for (let n = 2; this.schedules.some((s) => s.job.name === name); n++) name = `${jobName}_${n}`;
    return name;
  }

  /** Makes stopJob, pauseJob, resumeJob, deleteJob and executeJob on this handle (active or scheduled) answer 20003. */
  protectJob(jobHandle: string): void {
    this.protectedHandles.add(jobHandle);
  }

  isProtected(jobHandle: string): boolean {
    return this.protectedHandles.has(jobHandle);
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
    this.enlist(rec);
    return rec;
  }

  // ---- queries (callers have checked company membership) ----

  queryActiveJobs(input: GetActiveJobsInput, companies: readonly string[]): ActiveJob[] {
    return this.activeJobs().filter(
      (job) => matchesJobFilter(job, input, companies) && (input.includeWaitingJobs === true || !WAITING_STATES.includes(job.state ?? '')),
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
    const matching = [...this.jobLogs, ...this.unendedLogs(this.clock.nowMs())].filter((log) => {
      const start = Date.parse(log.startDate ?? '');
      return (
        companies.includes(log.companyHandle ?? '') &&
        (input.companyHandle === undefined || log.companyHandle === input.companyHandle) &&
        (input.userHandle === undefined || log.submitUserEmail === (user?.email ?? input.userHandle)) &&
        start >= from &&
        start <= to
      );
    });
    // Each key worked out once: a history of 10,000 logs is sorted at every page.
    const keyed = matching.map((log) => ({ log, key: sortKey(log, companyName) }));
    return sorted(keyed, (entry) => entry.key, dir)
      .slice(0, Math.min(input.numRows ?? Infinity, this.jobLogsRowCap ?? Infinity))
      .map(({ log: { detailArray: _details, detailTotalRows: _rows, ...summary } }) => ({ ...summary, detailArray: [] }));
  }

  /**
   * Logs of finished jobs and, for active jobs, the log so far; each with one page of filtered, sorted details.
   * A jobHandle IPS has no log for (unknown, not yet triggered, vanished, log still delayed) matches nothing: the
   * answer is an empty jobLogArray, not a fault. Adobe documents no "no such log" fault for this operation and the
   * handle is only a filter here (like originalName), so an empty array is the plausible and the safest answer;
   * the client treats it as "no log yet".
   */
  queryJobLogDetails(input: GetJobLogDetailsInput): JobLog[] {
    const perPage = Math.min(1000, input.recordsPerPage ?? 1000);
    const page = input.resultsPage ?? 1;
    if (!(perPage >= 1)) throw ipsApiFault(30001, `Invalid recordsPerPage ${input.recordsPerPage} (1–1000)`);
    if (!(page >= 1)) throw ipsApiFault(30001, `Invalid resultsPage ${input.resultsPage} (from 1)`);
    const byType = input.sortBy === undefined || input.sortBy === 'Date' ? false : input.sortBy === 'LogType' ? true : undefined;
    if (byType === undefined) throw ipsApiFault(30001, `Invalid sortBy '${input.sortBy}' (Date or LogType)`);
    const dir = direction(input.sortDirection, 1);
    const now = this.clock.nowMs();
    // The log so far of a job still listed, and of one gone whose end is not written yet (logEndDelayMs).
    const unfinished = [...this.jobs, ...this.awaitingLog].filter((rec) => !this.logged.has(rec) && jobLogVisibleFrom(rec.plan) <= now);
    const running = unfinished.map((rec) => this.jobLog(rec, now, rec.plan.logEndDelayMs === undefined));
    const date = (d: JobLogDetail): number => Date.parse(d.dateCreated ?? '') || 0;
    const answer = [...this.finished, ...running]
      .filter(
        (log) =>
          log.companyHandle === input.companyHandle &&
          (input.jobHandle === undefined || this.logDetailsIgnoreJobHandle || log.jobHandle === input.jobHandle) &&
          (input.originalName === undefined || log.originalJobName === input.originalName),
      )
      .map((log) => {
        const wanted = log.detailArray.filter((d) => !input.logTypeArray?.length || input.logTypeArray.includes(d.logType ?? ''));
        const rows = byType ? sorted(wanted, (d) => d.logType ?? '', dir, (a, b) => compare(date(a), date(b))) : sorted(wanted, date, dir);
        return { ...log, detailTotalRows: rows.length, detailArray: rows.slice((page - 1) * perPage, page * perPage) };
      });
    if (this.logRowsWrittenPerDetailPage > 0) {
      for (const rec of unfinished) if (now < jobEndAt(rec.plan) && answer.some((log) => log.jobHandle === rec.jobHandle)) this.writeRows(rec, now);
    }
    return answer;
  }

  queryScheduledJobs(input: GetScheduledJobsInput, companies: readonly string[]): ScheduledJob[] {
    return this.scheduledJobs.filter((job) => matchesJobFilter(job, input, companies));
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

  /** The schedule a pause, resume or run acts on; the handle of an active job, or of none, is a fault. */
  private scheduledOnly(companyHandle: string, jobHandle: string): ScheduleRecord {
    const schedule = this.scheduleRecord(companyHandle, jobHandle);
    if (schedule) return schedule;
    if (this.activeRecord(companyHandle, jobHandle)) throw ipsApiFault(30001, `Job '${jobHandle}' is not a scheduled job`);
    return this.unknownJob(jobHandle);
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
    const schedule = this.scheduledOnly(companyHandle, jobHandle);
    schedule.job.triggerState = 'Paused';
  }

  resumeJob(companyHandle: string, jobHandle: string): void {
    const schedule = this.scheduledOnly(companyHandle, jobHandle);
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
    const schedule = this.scheduledOnly(companyHandle, jobHandle);
    const rec = this.spawnFromSchedule(schedule.job, this.clock.nowMs(), 'success');
    this.resync();
    return rec;
  }
}
