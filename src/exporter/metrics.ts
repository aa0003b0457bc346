// The exporter's metrics, in a prom-client Registry of its own (never the global one). Everything is set as polls
// happen, so a scrape never calls IPS and only writes out what the last polls stored: the gauges about a target's
// active jobs are replaced whole by each of its successful polls (a job that left the list leaves no series behind, and
// a failed poll leaves the last values); counters, the histogram and the timestamp move as polls go.
//
// No default process metrics (collectDefaultMetrics): they add some twenty families to every scrape, start an
// event-loop monitor and GC observers that cannot be stopped again (close() could not give them back), and the
// process's memory and CPU are what node_exporter or systemd's cgroup metrics already show.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobLog } from '../ips/types.js';
import { jobTypeFromLogType } from '../jobs/log-type.js';
import type { LogOutcome } from '../jobs/outcome.js';
import { POLL_ERROR_KINDS, type PollErrorKind } from './error-kind.js';
import type { TargetSnapshot } from './snapshot.js';

const TARGET_LABELS = ['target', 'company', 'region'] as const;
type TargetLabel = (typeof TARGET_LABELS)[number];
export type TargetLabels = Record<TargetLabel, string>;

/**
 * The per-job gauges' label for the job's name. Not `job`: Prometheus puts its own `job` label (the scrape job) on
 * every series it stores, and renames a scraped `job` to `exported_job` unless honor_labels is set.
 */
const JOB_NAME_LABEL = 'job_name';

const OUTCOMES: readonly LogOutcome[] = ['succeeded', 'succeeded_with_warnings', 'failed'];

/** Poll durations: from a fast answer to the client's 30 s deadline and beyond. */
const POLL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What a target's poller records, with its labels bound. */
export interface TargetRecorder {
  pollDuration(seconds: number): void;
  pollError(kind: PollErrorKind): void;
  /** Epoch ms (this host's clock) of a successful poll. */
  pollSucceeded(atMs: number): void;
  finished(log: JobLog, outcome: LogOutcome): void;
  /** What a successful poll saw of the active jobs: replaces the target's series of the gauges below. */
  snapshot(snapshot: TargetSnapshot): void;
}

type Samples = Iterable<readonly [labels: Record<string, string>, value: number]>;

/** A gauge whose series of one target are replaced together: the ones of its previous snapshot are removed first. */
class SnapshotGauge {
  private readonly gauge: Gauge;
  /** Per target (by name): the label sets its last snapshot set. */
  private readonly current = new Map<string, Array<Record<string, string>>>();

  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly samples: (snapshot: TargetSnapshot) => Samples,
  ) {
    this.gauge = new Gauge({ name, help, labelNames: [...TARGET_LABELS, ...labelNames], registers: [registry] });
  }

  replace(target: TargetLabels, snapshot: TargetSnapshot): void {
    for (const labels of this.current.get(target.target) ?? []) this.gauge.remove(labels);
    const set: Array<Record<string, string>> = [];
    for (const [extra, value] of this.samples(snapshot)) {
      const labels = { ...target, ...extra };
      this.gauge.set(labels, value);
      set.push(labels);
    }
    this.current.set(target.target, set);
  }
}

const NO_LABELS = {};

export class ExporterMetrics {
  readonly registry = new Registry();
  private readonly finishedJobs = this.counter(
    'ips_jobs_finished_total',
    'Jobs finished since the exporter started, by outcome and job type (the type the log type names, e.g. ImageServingPublish).',
    ['type', 'outcome'],
  );
  private readonly fileWarnings = this.counter('ips_job_file_warnings_total', 'File warnings in the logs of finished jobs (fileWarningCount).', ['type']);
  private readonly fileErrors = this.counter('ips_job_file_errors_total', 'File errors in the logs of finished jobs (fileErrorCount).', ['type']);
  private readonly pollDurations = new Histogram({
    name: 'ips_poll_duration_seconds',
    help: 'How long a poll of a target took (getActiveJobs and getJobLogs), failed polls included.',
    labelNames: TARGET_LABELS,
    buckets: POLL_BUCKETS,
    registers: [this.registry],
  });
  private readonly pollErrors = this.counter(
    'ips_poll_errors_total',
    'Failed polls of a target, by kind: auth, timeout, network, fault (an IPS fault), protocol (an unreadable answer).',
    ['kind'],
  );
  private readonly lastSuccess = new Gauge({
    name: 'ips_last_successful_poll_timestamp_seconds',
    help: "When the target's last successful poll ended (Unix time, the exporter host's clock).",
    labelNames: TARGET_LABELS,
    registers: [this.registry],
  });

  private readonly snapshotGauges = [
    new SnapshotGauge(this.registry, 'ips_active_jobs', 'Active jobs (getActiveJobs with waiting jobs) at the last successful poll, by job type and state.', ['type', 'state'], (s) =>
      s.active.map(({ type, state, count }) => [{ type, state }, count] as const),
    ),
    new SnapshotGauge(this.registry, 'ips_stalled_jobs', 'Running jobs without progress for the stall window (the rule of check --stalled).', [], (s) => [[NO_LABELS, s.stalled]]),
    new SnapshotGauge(this.registry, 'ips_job_progress_ratio', 'Progress of an active job, 0 to 1 (at most --max-job-series jobs per target).', [JOB_NAME_LABEL], (s) =>
      s.jobs.flatMap((job) => (job.progressRatio === undefined ? [] : [[{ [JOB_NAME_LABEL]: job.name }, job.progressRatio] as const])),
    ),
    new SnapshotGauge(this.registry, 'ips_job_seconds_since_progress', "Seconds since an active job's last progress update, by the server's clock.", [JOB_NAME_LABEL], (s) =>
      s.jobs.flatMap((job) => (job.secondsSinceProgress === undefined ? [] : [[{ [JOB_NAME_LABEL]: job.name }, job.secondsSinceProgress] as const])),
    ),
    new SnapshotGauge(this.registry, 'ips_job_series_dropped', 'Active jobs of the target left without per-job series by --max-job-series.', [], (s) => [[NO_LABELS, s.dropped]]),
  ];

  constructor(version: string) {
    new Gauge({
      name: 'ips_exporter_build_info',
      help: 'The version of ips-jobs serving these metrics; always 1.',
      labelNames: ['version'],
      registers: [this.registry],
    }).set({ version }, 1);
  }

  /** A counter of this registry, labelled by target, company and region and then `extra`. */
  private counter(name: string, help: string, extra: readonly string[]): Counter {
    return new Counter({ name, help, labelNames: [...TARGET_LABELS, ...extra], registers: [this.registry] });
  }

  forTarget(labels: TargetLabels): TargetRecorder {
    for (const kind of POLL_ERROR_KINDS) this.pollErrors.inc({ ...labels, kind }, 0);
    return {
      pollDuration: (seconds) => this.pollDurations.observe(labels, seconds),
      pollError: (kind) => this.pollErrors.inc({ ...labels, kind }),
      pollSucceeded: (atMs) => this.lastSuccess.set(labels, atMs / 1000),
      finished: (log, outcome) => {
        const type = jobTypeFromLogType(log.logType) ?? 'unknown';
        // Every outcome of a type exists from its first job on, so increase() sees the first failure of a type too.
        for (const each of OUTCOMES) this.finishedJobs.inc({ ...labels, type, outcome: each }, each === outcome ? 1 : 0);
        this.fileWarnings.inc({ ...labels, type }, Math.max(0, log.fileWarningCount ?? 0));
        this.fileErrors.inc({ ...labels, type }, Math.max(0, log.fileErrorCount ?? 0));
      },
      snapshot: (snapshot) => {
        for (const gauge of this.snapshotGauges) gauge.replace(labels, snapshot);
      },
    };
  }
}
