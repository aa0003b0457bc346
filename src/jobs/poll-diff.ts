// From one poll to the next: what changed for each job. Pure; the follow loop adds the events that
// need I/O (finished, vanished) and the service's own (poll_error, recovered).
import type { ActiveJob } from '../ips/types.js';
import { formatDuration } from '../text/duration.js';
import { isStalled, sinceLastUpdate } from './stall.js';

type JobEventType = 'added' | 'state' | 'progress' | 'stalled' | 'resumed' | 'gone';

export interface JobEvent {
  type: JobEventType;
  jobHandle: string;
  job: ActiveJob;
  detail: string;
}

export interface Observation {
  job: ActiveJob;
  stalled: boolean;
}

export type Observations = ReadonlyMap<string, Observation>;

/** The key a job is followed by: its handle, else (a server that left it out) its name. */
export function jobKey(job: ActiveJob): string {
  return job.jobHandle ?? job.name ?? job.originalName ?? '';
}

function progressText(job: ActiveJob): string {
  return job.progress === undefined ? '?' : `${job.progress}%`;
}

export function diffPoll(
  previous: Observations,
  current: readonly ActiveJob[],
  now: Date,
  stallWindowMs: number,
): { events: JobEvent[]; observations: Map<string, Observation> } {
  const events: JobEvent[] = [];
  const observations = new Map<string, Observation>();
  for (const job of current) {
    const key = jobKey(job);
    const before = previous.get(key);
    const stalled = isStalled(job, now, stallWindowMs, before?.job);
    observations.set(key, { job, stalled });
    if (!before) {
      events.push({ type: 'added', jobHandle: key, job, detail: `${job.state ?? '?'} ${progressText(job)}` });
      if (stalled) events.push({ type: 'stalled', jobHandle: key, job, detail: stallDetail(job, now) });
      continue;
    }
    if (before.job.state !== job.state) {
      events.push({ type: 'state', jobHandle: key, job, detail: `${before.job.state ?? '?'} → ${job.state ?? '?'}` });
    }
    if (before.job.progress !== job.progress) {
      const message = job.progressMessage ? ` ${job.progressMessage}` : '';
      events.push({ type: 'progress', jobHandle: key, job, detail: `${progressText(before.job)} → ${progressText(job)}${message}` });
    }
    if (stalled && !before.stalled) events.push({ type: 'stalled', jobHandle: key, job, detail: stallDetail(job, now) });
    if (before.stalled && !stalled) events.push({ type: 'resumed', jobHandle: key, job, detail: progressText(job) });
  }
  for (const [key, before] of previous) {
    if (!observations.has(key)) events.push({ type: 'gone', jobHandle: key, job: before.job, detail: '' });
  }
  return { events, observations };
}

export function stallDetail(job: ActiveJob, now: Date): string {
  const since = sinceLastUpdate(job, now);
  return `no progress for ${since === undefined ? '?' : formatDuration(since)} at ${progressText(job)}`;
}
