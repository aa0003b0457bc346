// The time flags (--since, --until, --failed-since, --at, emulator --start-time): one grammar (jobs/time-bound.ts), one pointer to it in
// their help, and `ips-jobs help times` that tells it.
import { InvalidArgumentError, Option } from 'commander';
import { DURATION_COUNTS_BACK, parseTimeBound, STARTS_AFTER_NOW, type TimeBound } from '../../jobs/time-bound.js';

/** A time flag's value; a bad one is commander's invalid-argument error (exit 2) naming the forms. */
function timeOption(value: string): TimeBound {
  try {
    return parseTimeBound(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/**
 * The start of a window of finished jobs (--since, --failed-since): never after now. A duration from now (+1h) is
 * refused here, before anything is asked; a date, once the server's clock is known (server-clock.ts).
 */
function windowStartOption(value: string): TimeBound {
  const bound = timeOption(value);
  if ('agoMs' in bound && bound.agoMs < 0) throw new InvalidArgumentError(`${JSON.stringify(value)} is after now: ${STARTS_AFTER_NOW}`);
  return bound;
}

/**
 * A time to come (submit --at): a duration alone counts back, so it is refused here, by its form, before credentials
 * are looked for or anything is asked; only a date's comparison with the server's now waits for the server.
 */
function timeToComeOption(value: string): TimeBound {
  const bound = timeOption(value);
  if ('agoMs' in bound && bound.agoMs > 0) throw new InvalidArgumentError(DURATION_COUNTS_BACK);
  return bound;
}

/** `<flag> <time>`, its help ending with where the forms are told. */
export function timeFlag(flag: string, help: string): Option {
  return new Option(`${flag} <time>`, `${help} (see ips-jobs help times)`).argParser(timeOption);
}

/** `<flag> <time>` that starts a window of finished jobs: a time after now is refused (exit 2). */
export function windowStartFlag(flag: string, help: string): Option {
  return timeFlag(flag, help).argParser(windowStartOption);
}

/** `<flag> <time>` of a time to come: a duration alone (it counts back from now) is refused (exit 2). */
export function timeToComeFlag(flag: string, help: string): Option {
  return timeFlag(flag, help).argParser(timeToComeOption);
}

/** `--since <time>` with the command's own default, written as a user would (`24h`) and read by the same grammar. */
export function sinceOption(help: string, fallback: string): Option {
  return windowStartFlag('--since', help).default(windowStartOption(fallback), fallback);
}

/** `ips-jobs help times`. */
export function timesText(): string {
  return `Times: every time flag (--since, --until, --failed-since, --at, emulator --start-time) takes the same forms.

  90m, 24h, 7d, 1.5h        that long before now (units ms, s, m, h, d; 0 = now)
  +30m, +2h                 that long after now
  2026-11-28T09:00-08:00    an ISO date-time with an offset, or Z (2026-11-28T17:00Z): that instant,
                            wherever this runs
  2026-11-28T09:00          no offset: this machine's local time (its TZ), as date -d reads it
  2026-11-28                a date alone: midnight, this machine's local time

"Now" is the server's clock, never this machine's: ips-jobs asks IPS for it before anything depends on it
(emulator --start-time counts from this machine's clock: there the emulator is the server).
--since and --failed-since start a window of finished jobs: a time after now is refused (0 is now).
Seconds and a fraction are optional (09:00:30.5), T may be a space, an offset may be written +0100. A local
time that a daylight-saving change skips is refused (give an offset); one it repeats is the earlier.
`;
}
