// Date.parse alone accepts too much ("1", "2026-02-30"), so server timestamps are checked against xsd:dateTime first.
const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of an ISO/xsd:dateTime string, honouring its offset; undefined when missing or invalid. */
export function parseIso(text?: string): number | undefined {
  if (text === undefined) return undefined;
  const match = XSD_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', fraction = '', offset = 'Z'] = match;
  const monthIndex = Number(month) - 1;
  // Reject calendar overflow such as 02-30 that Date.parse would silently roll into March.
  if (new Date(Date.UTC(Number(year), monthIndex, Number(day))).getUTCDate() !== Number(day)) return undefined;
  const millis = fraction === '' ? '' : fraction.slice(0, 4).padEnd(4, '0');
  // No offset written: read as UTC so the result never depends on the machine's zone.
  const zone = /^z$/i.test(offset) ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const epoch = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${zone}`);
  return Number.isNaN(epoch) ? undefined : epoch;
}

/** The parts of a valid server date; undefined when parseIso would refuse it. */
function validMatch(text: string | undefined): RegExpExecArray | undefined {
  return text === undefined || parseIso(text) === undefined ? undefined : (XSD_DATE_TIME.exec(text.trim()) ?? undefined);
}

/** The day a server date names, in the offset it is written in: `2026-11-28T23:30:00-08:00` → `2026-11-28`. */
export function isoDay(text: string | undefined): string | undefined {
  const match = validMatch(text);
  return match === undefined ? undefined : `${match[1]}-${match[2]}-${match[3]}`;
}

/** The offset (minutes east of UTC) a server date is written in; undefined when it names none or is not a date. */
export function isoOffsetMinutes(text: string | undefined): number | undefined {
  const offset = validMatch(text)?.[8];
  if (offset === undefined) return undefined;
  if (/^z$/i.test(offset)) return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return offset.startsWith('-') ? -minutes : minutes;
}
