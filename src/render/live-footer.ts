// The `watch` screen's last line: company · last poll · next in · data age · polls · error, cut to the terminal width.
import type { IsoDateTime } from '../ips/types.js';
import { formatDuration } from '../text/duration.js';
import { plural } from '../text/plural.js';
import type { Palette, Style } from './palette.js';
import { sanitizeForTerminal } from './sanitize.js';
import { truncateToWidth, visibleWidth } from './text-width.js';

export interface LiveFooter {
  company: string;
  /** When the data on screen was fetched. A Date is shown as UTC (`12:00:05 UTC`); an ISO string as its own wall clock. */
  lastPoll?: Date | IsoDateTime;
  /** When the next poll starts, on the same clock as `now`. */
  nextPoll?: Date;
  /** Age of the data on screen (ms since the last successful poll); given only while polls fail. */
  staleSinceMs?: number;
  /** The last poll's error (server text is sanitised and cut here). */
  error?: string;
  polls: number;
}

/** Data older than this is shown in red rather than yellow. */
const DATA_AGE_ALERT_MS = 5 * 60_000;

// With an error the footer keeps at least this much room for it, giving up the poll count and company first.
const MIN_ERROR_WIDTH = 24;
const SEPARATOR = ' · ';

interface Segment {
  text: string;
  style?: Style;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

const WALL_TIME = /^\d{4}-\d{2}-\d{2}[Tt ](\d{2}:\d{2}(?::\d{2})?)/;

/** `12:00:05 UTC` for a Date, `12:00:05` as written for an ISO string (the server's wall clock). */
export function formatClock(at: Date | IsoDateTime): string {
  if (typeof at === 'string') {
    const match = WALL_TIME.exec(at.trim());
    if (!match?.[1]) return '-';
    return match[1].length === 5 ? `${match[1]}:00` : match[1];
  }
  if (Number.isNaN(at.getTime())) return '-';
  return `${twoDigits(at.getUTCHours())}:${twoDigits(at.getUTCMinutes())}:${twoDigits(at.getUTCSeconds())} UTC`;
}

function nextPollText(nextPoll: Date, now: Date): string {
  const ms = nextPoll.getTime() - now.getTime();
  return ms <= 0 ? 'polling…' : `next in ${Math.ceil(ms / 1_000)}s`;
}

/** Last poll, next poll and (while polls fail) the data's age in yellow, or red once it is old. */
function pollTimes(footer: LiveFooter, palette: Palette, now: Date): Segment[] {
  const times: Segment[] = [];
  if (footer.lastPoll !== undefined) times.push({ text: `last poll ${formatClock(footer.lastPoll)}`, style: palette.dim });
  if (footer.nextPoll !== undefined) times.push({ text: nextPollText(footer.nextPoll, now), style: palette.dim });
  if (footer.staleSinceMs !== undefined) {
    const style = footer.staleSinceMs >= DATA_AGE_ALERT_MS ? palette.error : palette.warn;
    times.push({ text: `data ${formatDuration(footer.staleSinceMs, 'age')} old`, style });
  }
  return times;
}

function separated(parts: readonly Segment[], palette: Palette): Segment[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [{ text: SEPARATOR, style: palette.dim }, part]));
}

function widthOf(parts: readonly Segment[]): number {
  return parts.reduce((sum, part) => sum + visibleWidth(part.text), 0) + visibleWidth(SEPARATOR) * Math.max(0, parts.length - 1);
}

/** The parts with the error last; the poll count, then the company, make way for it while it has too little room. */
function withError(parts: Segment[], error: Segment, giveWay: readonly Segment[], width: number): Segment[] {
  for (const drop of giveWay) {
    if (width - widthOf(parts) - SEPARATOR.length >= MIN_ERROR_WIDTH) break;
    if (parts.length > 1) parts = parts.filter((part) => part !== drop);
  }
  return [...parts, error];
}

/** Segments joined into one line of at most `width` columns: the segment that overflows is cut with `…`, later ones left out. */
function fitSegments(segments: readonly Segment[], width: number): string {
  let line = '';
  let used = 0;
  for (const segment of segments) {
    const room = width - used;
    if (room <= 0) break;
    const segmentWidth = visibleWidth(segment.text);
    const text = segmentWidth > room ? truncateToWidth(segment.text, room) : segment.text;
    if (text !== '') line += segment.style ? segment.style(text) : text;
    used += visibleWidth(text);
    if (segmentWidth > room) break;
  }
  return line;
}

/** The footer, dim but for the data age and the error, at most `width` columns wide. */
export function renderFooter(footer: LiveFooter, palette: Palette, now: Date, width: number): string {
  const company: Segment = { text: sanitizeForTerminal(footer.company), style: palette.dim };
  const polls: Segment = { text: plural(footer.polls, 'poll'), style: palette.dim };
  let parts: Segment[] = [company, ...pollTimes(footer, palette, now), polls];
  if (footer.error !== undefined) {
    parts = withError(parts, { text: `error: ${sanitizeForTerminal(footer.error)}`, style: palette.error }, [polls, company], width);
  }
  return fitSegments(separated(parts, palette), width);
}
