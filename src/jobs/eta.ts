// Rate and ETA from a job's recent progress, shown only when the samples are enough to be honest.
import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { taskSummary } from './tasks.js';

interface Sample {
  at: number;
  progress: number;
  processed?: number;
}

export interface Estimate {
  /** Percent per minute. */
  percentPerMinute: number;
  /** Task items per minute, when the job reports task progress. */
  itemsPerMinute?: number;
  /** Milliseconds to 100 %, by the server's clock. */
  remainingMs: number;
}

const MIN_SAMPLES = 3;
const MIN_SPAN_MS = 10_000;

/** A bounded window of (time, progress) samples: memory stays flat over days of polling. */
export class ProgressHistory {
  private samples: Sample[] = [];

  constructor(private readonly maxSamples = 30) {}

  /** Records the job as seen at `now`; a sample is taken only when the job reported something new. */
  observe(job: ActiveJob, now: Date): void {
    if (job.progress === undefined) return;
    const at = parseIso(job.lastProgressUpdate) ?? now.getTime();
    const last = this.samples.at(-1);
    if (last && last.at === at && last.progress === job.progress) return;
    const processed = taskSummary(job)?.processed;
    this.samples.push({ at, progress: job.progress, ...(processed === undefined ? {} : { processed }) });
    if (this.samples.length > this.maxSamples) this.samples.shift();
  }

  get size(): number {
    return this.samples.length;
  }

  /** Undefined until at least 3 samples over 10 s show progress moving forward. */
  estimate(): Estimate | undefined {
    if (this.samples.length < MIN_SAMPLES) return undefined;
    const first = this.samples[0]!;
    const last = this.samples.at(-1)!;
    const span = last.at - first.at;
    const gained = last.progress - first.progress;
    if (span < MIN_SPAN_MS || gained <= 0) return undefined;
    const perMs = gained / span;
    const items =
      first.processed !== undefined && last.processed !== undefined && last.processed > first.processed
        ? ((last.processed - first.processed) / span) * 60_000
        : undefined;
    return {
      percentPerMinute: perMs * 60_000,
      ...(items === undefined ? {} : { itemsPerMinute: items }),
      remainingMs: Math.max(0, (100 - last.progress) / perMs),
    };
  }
}
