// "Now" for time windows is the server's clock; before any response has told us its time, one checkLogin asks.
import { formatInstant, isRelative, STARTS_AFTER_NOW, timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import type { Session } from './session.js';
import { UsageError } from './usage-error.js';

export async function serverNow(session: Session): Promise<Date> {
  if (!session.client.hasServerClock()) await session.checkLogin();
  return session.client.now();
}

/**
 * The start of a window of finished jobs (`flag`: --since, --failed-since) as epoch ms, durations counted from
 * `nowMs` (the server's); one after it is refused (exit 2): the window could hold no finished job.
 */
export function windowStartMs(flag: string, bound: TimeBound, nowMs: number): number {
  const startMs = timeBoundMs(bound, nowMs);
  if (startMs > nowMs) {
    // Only a date gets here: a duration from now was refused by its option (time-flags.ts).
    const written = 'iso' in bound ? bound.iso : formatInstant(startMs);
    throw new UsageError(`${flag} ${written} is after the server's now (${formatInstant(nowMs)}): ${STARTS_AFTER_NOW}`);
  }
  return startMs;
}

/**
 * Refuses a date given to `flag` that is after the server's now, asking the server's clock first when no answer has
 * told it. A duration needs no look: its option refused one from now (time-flags.ts).
 */
export async function refuseStartAfterNow(session: Session, flag: string, bound: TimeBound): Promise<void> {
  if (!isRelative(bound)) windowStartMs(flag, bound, (await serverNow(session)).getTime());
}
