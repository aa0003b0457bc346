// Which job logs a poll counts as finished jobs: each finished job once, none that ended before the exporter started,
// and a memory that stays bounded over months of polling.
//
// getJobLogs filters by the log's start date, so the query of a poll reaches back to the start of every job that has
// just left the active list (or is listed as Done): a six-hour publish that ended since the last poll is found without
// asking for six hours of logs on every poll. Jobs that started and ended between two polls started after the previous
// poll; `slackMs` more covers a log that appears a little after its job left the list, and clock differences.
import type { ActiveJob, JobLog } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { isFinishedLog } from '../jobs/outcome.js';
import { jobKey } from '../jobs/job-ref.js';
import { stateClass } from '../jobs/state-class.js';

export interface FinishedJobsOptions {
  /** How far before the previous poll (and before the start of a job that left the list) the log query reaches. */
  slackMs: number;
  /**
   * How long after its end a counted job is remembered (so a later query that returns its log again does not count
   * it twice), and how long a job that left the list waits for its log. A log that first appears later than this
   * after its end is not counted.
   */
  retainMs: number;
}

/** One poll's log query, from the active list of that poll; nothing is kept until `record` is called with it. */
export interface LogQuery {
  /** Server time of the poll (ms). */
  now: number;
  /** getJobLogs' startDate (ms); undefined at the first poll, whose window starts and ends "now": no query. */
  startMs: number | undefined;
  /** Jobs listed and not Done at this poll: key → start (ms). */
  running: Map<string, number>;
  /** Jobs whose log should now be there: listed as Done, or listed at the previous poll and gone since. */
  departed: Map<string, number>;
  /** Every job this poll lists, Done ones too: none of them has finished yet, whatever its log says. */
  listed: Set<string>;
}

function logKey(log: JobLog): string {
  return log.jobHandle ?? log.jobName ?? log.originalJobName ?? '';
}

export class FinishedJobs {
  /** Server time of the first successful poll: jobs that ended before it are never counted. */
  private countFrom: number | undefined;
  private previousPollAt: number | undefined;
  /** Logs that ended before this are not counted; it only moves forward, so a forgotten job can never count again. */
  private cutoff = Number.NEGATIVE_INFINITY;
  /** Counted jobs: key → end (ms), down to `cutoff`. */
  private readonly counted = new Map<string, number>();
  /** Jobs that left the list and whose log has not been read yet: key → start and since when (ms). */
  private readonly awaiting = new Map<string, { startMs: number; since: number }>();
  private running = new Map<string, number>();

  constructor(private readonly options: FinishedJobsOptions) {}

  /** What this poll asks for, given its active list and the server's time. */
  plan(active: readonly ActiveJob[], now: number): LogQuery {
    const running = new Map<string, number>();
    const departed = new Map<string, number>();
    const listed = new Set(active.map(jobKey));
    for (const job of active) {
      const start = parseIso(job.startDate) ?? parseIso(job.triggerTime) ?? now;
      (stateClass(job.state) === 'done' ? departed : running).set(jobKey(job), start);
    }
    if (this.previousPollAt === undefined) return { now, startMs: undefined, running, departed: new Map(), listed };
    for (const [key, start] of this.running) if (!running.has(key) && !departed.has(key)) departed.set(key, start);
    for (const key of departed.keys()) if (this.counted.has(key)) departed.delete(key);
    let from = this.previousPollAt;
    for (const start of departed.values()) from = Math.min(from, start);
    for (const { startMs } of this.awaiting.values()) from = Math.min(from, startMs);
    return { now, startMs: from - this.options.slackMs, running, departed, listed };
  }

  /** Keeps what the poll saw and returns the logs of jobs that finished since the exporter started and were not counted yet. */
  record(query: LogQuery, logs: readonly JobLog[]): JobLog[] {
    const { now } = query;
    this.countFrom ??= now;
    for (const [key, startMs] of query.departed) if (!this.awaiting.has(key)) this.awaiting.set(key, { startMs, since: now });
    const fresh: JobLog[] = [];
    for (const log of logs) {
      const end = isFinishedLog(log) ? parseIso(log.endDate) : undefined;
      if (end === undefined) continue;
      const key = logKey(log);
      // A job still listed (as Done) is counted once it has left: it stays awaited, so the query reaches back to it.
      if (query.listed.has(key)) continue;
      this.awaiting.delete(key);
      if (end < this.countFrom || end < this.cutoff || this.counted.has(key)) continue;
      this.counted.set(key, end);
      fresh.push(log);
    }
    this.cutoff = Math.max(this.cutoff, now - this.options.retainMs);
    for (const [key, end] of this.counted) if (end < this.cutoff) this.counted.delete(key);
    for (const [key, { since }] of this.awaiting) if (since < now - this.options.retainMs) this.awaiting.delete(key);
    this.running = query.running;
    this.previousPollAt = now;
    return fresh;
  }

  /** How many jobs are remembered in all (for the test that memory stays bounded). */
  get remembered(): number {
    return this.counted.size + this.awaiting.size + this.running.size;
  }
}
