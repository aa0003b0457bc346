// One target, polled in the background: getActiveJobs, then getJobLogs for the window since the previous poll, every
// interval (jittered ±10 %), with backoff after failures. A failed poll changes nothing but the error counter: the
// target's last values stay. A company given by name is looked up as the first step of a poll until that succeeds
// once, so a target that cannot be reached at start is polled (and retried) like one that went down later. The
// decisions (stall, outcome, backoff) are those of src/jobs.
import { setTimeout as sleep } from 'node:timers/promises';
import type { IpsClient } from '../ips/client.js';
import type { ActiveJob, JobLog } from '../ips/types.js';
import { backoffDelay } from '../jobs/backoff.js';
import { outcomeFromLog, type FailOn } from '../jobs/outcome.js';
import { jobKey } from '../jobs/job-ref.js';
import { formatDuration } from '../text/duration.js';
import { plural } from '../text/plural.js';
import { pollErrorKind, type PollErrorKind } from './error-kind.js';
import { FinishedJobs, type LogQuery } from './finished-jobs.js';
import type { TargetLabels, TargetRecorder } from './metrics.js';
import { snapshotOf } from './snapshot.js';

export interface PollerOptions {
  intervalMs: number;
  stallWindowMs: number;
  maxJobSeries: number;
  failOn: FailOn;
  onLog?: (line: string) => void;
}

interface PolledTarget {
  name: string;
  /** The handle, or how to find it: called until it gives one. */
  companyHandle: string | (() => Promise<string>);
  client: IpsClient;
}

/** Backoff after failures grows to ten intervals, but not past ten minutes unless the interval itself is longer. */
function maxBackoffMs(intervalMs: number): number {
  return Math.max(intervalMs, Math.min(10 * intervalMs, 10 * 60_000));
}

/** The error's first line, without a closing full stop (the line goes on after it). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0]!.trim().replace(/\.$/, '') || (error instanceof Error ? error.name : 'unknown error');
}

export class TargetPoller {
  private previous: ReadonlyMap<string, ActiveJob> = new Map();
  private readonly finished: FinishedJobs;
  private failures = 0;
  private lastError: { kind: PollErrorKind; message: string } | undefined;
  /** performance.now() of the start of polling and of the end of the last successful poll. */
  private startedAt = performance.now();
  private lastSuccessAt: number | undefined;
  /** The company's handle, once known. */
  private companyHandle: string | undefined;
  /** Active jobs left without per-job series by --max-job-series at the last successful poll. */
  private dropped = 0;

  constructor(
    private readonly target: PolledTarget,
    readonly labels: TargetLabels,
    private readonly recorder: TargetRecorder,
    private readonly options: PollerOptions,
  ) {
    // A log may appear a little after its job left the list: the query reaches two intervals (at least ten minutes)
    // further back, and a counted job is remembered ten intervals (at least an hour) after its end.
    this.finished = new FinishedJobs({
      slackMs: Math.max(2 * options.intervalMs, 10 * 60_000),
      retainMs: Math.max(10 * options.intervalMs, 60 * 60_000),
    });
    if (typeof target.companyHandle === 'string') this.companyHandle = target.companyHandle;
  }

  /** Polls until the signal aborts; never rejects. A poll in flight when it aborts is left to finish unrecorded. */
  async run(signal: AbortSignal): Promise<void> {
    this.startedAt = performance.now();
    while (!signal.aborted) {
      const delay = await this.poll(signal);
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return;
      }
    }
  }

  /**
   * Why the target is stale — no successful poll for `staleAfterMs` — with its last error; undefined while it is
   * fresh. `now` is performance.now().
   */
  staleness(now: number, staleAfterMs: number): string | undefined {
    const age = now - (this.lastSuccessAt ?? this.startedAt);
    if (age < staleAfterMs) return undefined;
    const what = this.lastSuccessAt === undefined ? `no successful poll in ${formatDuration(age)}` : `last successful poll ${formatDuration(age)} ago`;
    const why = this.lastError ? `${this.lastError.kind}: ${this.lastError.message}` : 'a poll is taking that long';
    return `${this.target.name}: ${what} (${why})`;
  }

  /** One poll, recorded unless the signal aborted meanwhile; resolves with the delay before the next. */
  private async poll(signal: AbortSignal): Promise<number> {
    const started = performance.now();
    const { client } = this.target;
    let delay: number;
    try {
      const companyHandle = (this.companyHandle ??= await this.resolveCompany());
      const active = await client.getActiveJobs({ companyHandle, includeWaitingJobs: true });
      const now = client.now();
      const query = this.finished.plan(active, now.getTime());
      const logs = query.startMs === undefined ? [] : await client.getJobLogs({ companyHandle, startDate: new Date(query.startMs).toISOString() });
      if (signal.aborted) return 0;
      this.succeeded(active, now, query, logs);
      delay = this.options.intervalMs * (0.9 + 0.2 * Math.random());
    } catch (error) {
      if (signal.aborted) return 0;
      delay = this.failed(error);
    }
    this.recorder.pollDuration((performance.now() - started) / 1000);
    return delay;
  }

  /** The handle of a company given by name (a rejection is this poll's failure). */
  private async resolveCompany(): Promise<string> {
    const { companyHandle } = this.target;
    return typeof companyHandle === 'string' ? companyHandle : await companyHandle();
  }

  private succeeded(active: readonly ActiveJob[], now: Date, query: LogQuery, logs: readonly JobLog[]): void {
    for (const log of this.finished.record(query, logs)) this.recorder.finished(log, outcomeFromLog(log, this.options.failOn).outcome);
    const snapshot = snapshotOf(active, this.previous, now, this.options);
    this.recorder.snapshot(snapshot);
    this.sayCut(snapshot.dropped);
    this.previous = new Map(active.map((job) => [jobKey(job), job]));
    this.lastSuccessAt = performance.now();
    this.recorder.pollSucceeded(Date.now());
    if (this.failures > 0) this.options.onLog?.(`target ${this.target.name}: recovered after ${plural(this.failures, 'failed poll')}`);
    this.failures = 0;
    this.lastError = undefined;
  }

  /** Says when --max-job-series starts leaving jobs without series, and when it stops: once each, not every poll. */
  private sayCut(dropped: number): void {
    const before = this.dropped;
    this.dropped = dropped;
    const { name } = this.target;
    const max = this.options.maxJobSeries;
    if (dropped > 0 && before === 0) {
      this.options.onLog?.(
        `target ${name}: ${plural(dropped, 'active job')} beyond --max-job-series ${max} ${dropped === 1 ? 'has' : 'have'} no per-job series (counted in ips_job_series_dropped); raise --max-job-series to see them`,
      );
    } else if (dropped === 0 && before > 0) {
      this.options.onLog?.(`target ${name}: every active job has its per-job series again (--max-job-series ${max})`);
    }
  }

  /** Counts and says the failure; returns the backoff before the next try. */
  private failed(error: unknown): number {
    this.failures += 1;
    const kind = pollErrorKind(error);
    const message = firstLine(error);
    this.lastError = { kind, message };
    this.recorder.pollError(kind);
    const { intervalMs } = this.options;
    const delay = backoffDelay(this.failures, intervalMs, maxBackoffMs(intervalMs), Math.random);
    this.options.onLog?.(`target ${this.target.name}: poll failed (${kind}): ${message}; next try in ${formatDuration(delay)}`);
    return delay;
  }
}
