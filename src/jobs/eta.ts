// Rate and ETA from a job's recent progress, shown only when the samples are enough to be honest.
import type { ActiveJob } from '../ips/types.js';
import { parseIso } from './dates.js';
import { taskSummary } from './tasks.js';

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

/** Numbers per sample: time, progress, task items processed (NaN when the job reports none). */
const FIELDS = 3;

/**
 * A bounded window of (time, progress) samples, kept in a ring allocated once: a job's history takes the same
 * memory on its first poll as after days of polling (a growing array made a watch's heap climb until every
 * window was full).
 */
export class ProgressHistory {
  private readonly ring: Float64Array;
  /** Where the next sample goes. */
  private next = 0;
  private count = 0;

  constructor(private readonly maxSamples = 30) {
    this.ring = new Float64Array(maxSamples * FIELDS);
  }

  /** Records the job as seen at `now`; a sample is taken only when the job reported something new. */
  observe(job: ActiveJob, now: Date): void {
    if (job.progress === undefined) return;
    const at = parseIso(job.lastProgressUpdate) ?? now.getTime();
    if (this.count > 0 && this.time(this.count - 1) === at && this.progress(this.count - 1) === job.progress) return;
    const base = this.next * FIELDS;
    this.ring[base] = at;
    this.ring[base + 1] = job.progress;
    this.ring[base + 2] = taskSummary(job)?.processed ?? Number.NaN;
    this.next = (this.next + 1) % this.maxSamples;
    this.count = Math.min(this.count + 1, this.maxSamples);
  }

  get size(): number {
    return this.count;
  }

  /** Offset in the ring of the i-th sample in the window, oldest first. */
  private offset(i: number): number {
    return ((this.next - this.count + i + this.maxSamples) % this.maxSamples) * FIELDS;
  }

  private time(i: number): number {
    return this.ring[this.offset(i)]!;
  }

  private progress(i: number): number {
    return this.ring[this.offset(i) + 1]!;
  }

  private processed(i: number): number | undefined {
    const value = this.ring[this.offset(i) + 2]!;
    return Number.isNaN(value) ? undefined : value;
  }

  /** Undefined until at least 3 samples over 10 s show progress moving forward. */
  estimate(): Estimate | undefined {
    if (this.count < MIN_SAMPLES) return undefined;
    const last = this.count - 1;
    const span = this.time(last) - this.time(0);
    const gained = this.progress(last) - this.progress(0);
    if (span < MIN_SPAN_MS || gained <= 0) return undefined;
    const perMs = gained / span;
    const firstDone = this.processed(0);
    const lastDone = this.processed(last);
    const items =
      firstDone !== undefined && lastDone !== undefined && lastDone > firstDone ? ((lastDone - firstDone) / span) * 60_000 : undefined;
    return {
      percentPerMinute: perMs * 60_000,
      ...(items === undefined ? {} : { itemsPerMinute: items }),
      remainingMs: Math.max(0, (100 - this.progress(last)) / perMs),
    };
  }
}
