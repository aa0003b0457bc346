// `ips-jobs submit --at <time>` → submitJob's execTime: an xsd:dateTime with a zone offset, which IPS insists on. The
// time is read by the one grammar of every time flag (time-bound.ts); "now" is the server's clock.
import { SubmitInputError } from './submit-plan.js';
import { formatInstant, type TimeBound } from './time-bound.js';

/** A moment this long ago still counts as now (the time to confirm). */
const PAST_GRACE_MS = 60_000;

/**
 * The execTime of `--at`: an instant as written (its offset, or this machine's for a local time), or `+<duration>`
 * from `now` written `YYYY-MM-DDTHH:mm:ss+00:00`. SubmitInputError for a time more than a minute before `now`. (The
 * CLI's --at refuses a duration alone by its form, before any request: commands/shared/time-flags.ts.)
 */
export function execTime(at: TimeBound, now: Date): string {
  const nowMs = now.getTime();
  const it = `it is now ${formatInstant(nowMs)}`;
  if ('agoMs' in at) {
    if (at.agoMs > 0) throw new SubmitInputError(`--at: a duration alone counts back from now (${it}); write + before it for a time from now, e.g. +30m`);
    return formatInstant(nowMs - at.agoMs).replace(/Z$/, '+00:00');
  }
  if (at.atMs < nowMs - PAST_GRACE_MS) throw new SubmitInputError(`--at "${at.iso}" is in the past (${it}): give a later time, or +<duration> such as +30m`);
  return at.iso;
}
