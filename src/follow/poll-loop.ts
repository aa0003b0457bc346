// The polling rhythm shared by `watch` and `wait`: poll, report, sleep the interval — or back off with
// jitter after failures, give up after --retry-max of them in a row, and stop at --timeout or a signal.
import { channel } from 'node:diagnostics_channel';
import { backoffDelay } from '../jobs/backoff.js';
import type { Follower, FollowEvent } from './follower.js';

/**
 * Each poll's cost, for whoever subscribes (the benchmark and the test suite, with a preloaded module:
 * bench/poll-stats.cjs). Measured only while someone listens: without a subscriber no figure is taken.
 */
export const POLL_CHANNEL = 'ips-jobs:poll';

/** The message on POLL_CHANNEL, published once a poll's output is written. */
export interface PollFigures {
  /** 1 for the first poll of the run. */
  poll: number;
  /** CPU time (user + system) of this process from the start of the poll to the end of its output. */
  cpuMs: number;
  wallMs: number;
}

const pollChannel = channel(POLL_CHANNEL);

export interface PollLoopOptions {
  intervalMs: number;
  maxIntervalMs: number;
  retryMax: number;
  /** 0 = no limit. Measured on the local clock: it bounds how long this process runs. */
  timeoutMs: number;
  signal: AbortSignal;
  random?: () => number;
}

export type LoopEnd = 'done' | 'timeout' | 'aborted';

/** Resolves after `ms`, or early (false) when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The promise's value, or undefined as soon as the signal aborts (the listener never outlives the call). */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  promise.catch(() => undefined); // an abandoned request may still fail later: not an unhandled rejection
  let onAbort: () => void = () => {};
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Polls until `onPoll` says stop (true). After `retryMax` consecutive failed polls the last error is
 * thrown (exit 5); permanent faults (authentication, authorisation) are thrown by the follower at once.
 */
export async function pollLoop(
  follower: Follower,
  options: PollLoopOptions,
  onPoll: (events: FollowEvent[], nextPollInMs: number) => Promise<boolean> | boolean,
): Promise<LoopEnd> {
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  const timeout = new AbortController();
  const timer = Number.isFinite(deadline) ? setTimeout(() => timeout.abort(), options.timeoutMs) : undefined;
  const stop = AbortSignal.any([options.signal, timeout.signal]);
  const ended = (): LoopEnd => (options.signal.aborted ? 'aborted' : 'timeout');
  try {
    for (let poll = 1; ; poll++) {
      const measured = pollChannel.hasSubscribers ? { cpu: process.cpuUsage(), wall: performance.now() } : undefined;
      const events = await untilAborted(follower.poll(), stop);
      if (events === undefined || stop.aborted) return ended();
      if (follower.failures >= options.retryMax && follower.lastError) throw follower.lastError;
      const delay = follower.failures > 0
        ? backoffDelay(follower.failures, options.intervalMs, options.maxIntervalMs, options.random ?? Math.random)
        : options.intervalMs;
      const done = await onPoll(events, delay);
      if (measured) {
        const cpu = process.cpuUsage(measured.cpu);
        const figures: PollFigures = { poll, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - measured.wall };
        pollChannel.publish(figures);
      }
      if (done) return 'done';
      if (!(await sleep(delay, stop))) return ended();
    }
  } finally {
    clearTimeout(timer);
  }
}
