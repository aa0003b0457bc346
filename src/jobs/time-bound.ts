// The one grammar of every time flag (--since, --until, --failed-since, --at, emulator --start-time); "Times" in
// docs/usage.md says it:
// - a duration (90m, 7d): that long before now; +<duration> (+30m): that long after now. "Now" is the server's clock
//   (for emulator --start-time, this machine's: the emulator is the server).
// - an ISO date-time with an offset (2026-11-28T09:00-08:00, …Z): that instant, wherever this runs.
// - one without an offset (2026-11-28T09:00), or a date alone (midnight): this machine's local time (TZ), as `date -d`
//   reads it. A local time a daylight-saving change skips is refused; a repeated one is the earlier.
import { parseDuration } from './duration.js';

/** Relative to now (`agoMs` back; negative = ahead), or an instant with its xsd:dateTime as written (offset added). */
export type TimeBound = { agoMs: number } | { atMs: number; iso: string };

const FORMS =
  'expected a duration back from now (90m, 7d), +<duration> from now (+30m), or an ISO date-time: with an offset ' +
  "(2026-11-28T09:00-08:00, 2026-11-28T17:00Z) or in this machine's time zone (2026-11-28T09:00, 2026-11-28); see ips-jobs help times";

export class TimeBoundError extends Error {
  override name = 'TimeBoundError';
  constructor(
    readonly input: string,
    reason = FORMS,
  ) {
    super(`invalid time ${JSON.stringify(input)}: ${reason}`);
  }
}

/** What is wrong with a window of finished jobs (--since, --failed-since) that starts after now, and what to give instead. */
export const STARTS_AFTER_NOW = 'a window that starts then holds no finished job; give a time before now (24h, a date) or 0 for now';

/** What is wrong with a duration alone for a time to come (submit --at): it counts back, as for every time flag. */
export const DURATION_COUNTS_BACK = 'a duration alone counts back from now; write + before it for a time from now, e.g. +30m';

/** Longer spans are typing mistakes, and would leave the dates JavaScript can write. */
const MAX_SPAN_MS = 36_500 * 86_400_000;

// Date, then optionally a time (T, t or a space) with optional seconds and fraction, then optionally an offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `+05:30`, `-10:00` for an offset east of UTC in minutes. */
function offsetText(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function relative(text: string, original: string): TimeBound {
  const ahead = text.startsWith('+');
  let ms: number;
  try {
    ms = parseDuration(ahead ? text.slice(1) : text);
  } catch {
    throw new TimeBoundError(original);
  }
  if (ms > MAX_SPAN_MS) throw new TimeBoundError(original, 'more than 100 years from now');
  return { agoMs: ahead ? -ms : ms };
}

function absolute(text: string, original: string): TimeBound {
  const match = DATE_TIME.exec(text);
  if (!match) throw new TimeBoundError(original);
  const [, y = '', mo = '', d = '', h, mi, s, fraction = '', zulu, sign, offH = '', offM = ''] = match;
  const hasOffset = zulu !== undefined || sign !== undefined;
  if (h === undefined && hasOffset) throw new TimeBoundError(original);
  const fields = [y, mo, d, h ?? '00', mi ?? '00', s ?? '00'].map(Number);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  const millis = fraction === '' ? 0 : Number(fraction.slice(1, 4).padEnd(3, '0'));
  const time = `${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${fraction}`;
  if (hasOffset) {
    const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
    const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
    utc.setUTCFullYear(year);
    const back = [utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds()];
    // Calendar overflow (02-30, 24:00, 16:60) and offsets beyond ±14:59.
    if (back.some((value, index) => value !== fields[index]) || Number(offH) > 14 || Number(offM) > 59) throw new TimeBoundError(original);
    return { atMs: utc.getTime() - offset * 60_000, iso: `${y}-${mo}-${d}T${time}${zulu !== undefined ? 'Z' : offsetText(offset)}` };
  }
  const local = new Date(year, month - 1, day, hour, minute, second, millis);
  local.setFullYear(year, month - 1, day);
  const back = [local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds()];
  if (back.slice(0, 3).some((value, index) => value !== fields[index]) || hour > 23 || minute > 59 || second > 59) throw new TimeBoundError(original);
  if (back.some((value, index) => value !== fields[index])) {
    const before = offsetText(-new Date(year, month - 1, day - 1, hour, minute).getTimezoneOffset());
    throw new TimeBoundError(
      original,
      `this local time does not exist in this machine's time zone (a daylight-saving change skips it); give an offset, e.g. ${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}${before}`,
    );
  }
  return { atMs: local.getTime(), iso: `${y}-${mo}-${d}T${time}${offsetText(-local.getTimezoneOffset())}` };
}

/** A time flag's value → the moment it names (TimeBoundError, with the forms, for anything else). */
export function parseTimeBound(text: string): TimeBound {
  const trimmed = text.trim();
  return /^\d{4}-/.test(trimmed) ? absolute(trimmed, text) : relative(trimmed, text);
}

/** The bound as epoch ms, durations counted from `nowMs` (the server's clock). */
export function timeBoundMs(bound: TimeBound, nowMs: number): number {
  return 'atMs' in bound ? bound.atMs : nowMs - bound.agoMs;
}

/** Whether working out the bound needs the current time. */
export function isRelative(bound: TimeBound | undefined): boolean {
  return bound !== undefined && 'agoMs' in bound;
}

/** Whether `until` comes after `since`, when that is known without the current time (undefined for a mixed pair). */
export function boundsInOrder(since: TimeBound, until: TimeBound): boolean | undefined {
  if ('agoMs' in since && 'agoMs' in until) return until.agoMs < since.agoMs;
  if ('atMs' in since && 'atMs' in until) return until.atMs > since.atMs;
  return undefined;
}

/** An instant for messages: ISO in UTC to the second (`2026-11-27T17:00:00Z`). */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
