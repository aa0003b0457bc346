// `ips-jobs submit --at <time>` → submitJob's execTime: an xsd:dateTime with a zone offset, which IPS insists on.
import { parseIso } from './dates.js';
import { parseDuration } from './duration.js';
import { SubmitInputError } from './submit-plan.js';
import { formatInstant } from './time-bound.js';

const AT_FORMS =
  'expected an ISO date-time such as 2026-12-04T16:00:00+01:00 or 2026-12-04T15:00:00Z, one without an offset ' +
  "(this machine's local time) such as 2026-12-04T16:00, or +<duration> from now such as +30m, +2h";
/** A moment this long ago still counts as now (the user's clock, the time to confirm). */
const PAST_GRACE_MS = 60_000;

/** The last moment a four-digit year can write. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;

function invalid(text: string): SubmitInputError {
  return new SubmitInputError(`invalid --at "${text}": ${AT_FORMS}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `+30m` → that much after now, in UTC to the second with a +00:00 offset. */
function relative(text: string, nowMs: number): { iso: string; ms: number } {
  let ms: number;
  try {
    ms = nowMs + parseDuration(text.slice(1));
  } catch {
    throw invalid(text);
  }
  if (ms > LAST_MS) throw invalid(text);
  return { iso: formatInstant(ms).replace(/Z$/, '+00:00'), ms };
}

/** A date-time with its offset, kept as written (seconds added when left out, as xsd:dateTime needs them). */
function withOffset(text: string): { iso: string; ms: number } | undefined {
  const match = WITH_OFFSET.exec(text);
  const ms = parseIso(text);
  if (!match || ms === undefined) return undefined;
  return { iso: `${match[1]}${match[2] ?? ':00'}${match[3]}`, ms };
}

/** A date-time without an offset: this machine's local time, given the offset it has on that day. */
function local(text: string): { iso: string; ms: number } | undefined {
  const match = LOCAL.exec(text);
  if (!match) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', fraction = ''] = match;
  const fields = [y, mo, d, h, mi, s].map(Number);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = fields;
  const date = new Date(year, month - 1, day, hour, minute, second);
  const back = [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  // Calendar overflow (02-30, 25:00) or a local time skipped by a daylight-saving change.
  if (back.some((value, index) => value !== fields[index])) return undefined;
  const offset = -date.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone}`, ms: date.getTime() };
}

/**
 * `--at <time>` → execTime: an ISO date-time with an offset or Z (kept as written), one without (local time: its
 * offset added), or `+<duration>` from `now` (written `YYYY-MM-DDTHH:mm:ss+00:00`). SubmitInputError for anything
 * else, and for a time more than a minute in the past.
 */
export function parseExecTime(text: string, now: Date): string {
  const trimmed = text.trim();
  const parsed = trimmed.startsWith('+') ? relative(trimmed, now.getTime()) : (withOffset(trimmed) ?? local(trimmed));
  if (parsed === undefined) throw invalid(text);
  if (parsed.ms < now.getTime() - PAST_GRACE_MS) {
    throw new SubmitInputError(`--at "${text}" is in the past (it is now ${formatInstant(now.getTime())}): give a later time, or +<duration> such as +30m`);
  }
  return parsed.iso;
}
