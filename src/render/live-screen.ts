// The `watch` TTY view: a frame of lines (table, finished jobs, footer) and the escape codes that redraw it in place.
import { formatDuration } from '../text/duration.js';
import type { ActiveJob, IsoDateTime } from '../ips/types.js';
import { stateClass } from '../jobs/state-class.js';
import { type AlignedCell, type AlignedColumn, renderAlignedLines } from './aligned-table.js';
import { type ColumnContext, type ColumnId, COLUMNS } from './columns.js';
import type { Palette, Style } from './palette.js';
import type { BarStyle } from './progress-bar.js';
import { sanitizeForTerminal } from './sanitize.js';
import { truncateToWidth, visibleWidth } from './text-width.js';

export interface FinishedRow {
  job: ActiveJob;
  /** The outcome word: succeeded, succeeded_with_warnings, failed, stalled, vanished, … (underscores shown as spaces). */
  outcome: string;
  /** Shown in the MESSAGE column instead of the job's last progress message, e.g. `42 file errors`; '' keeps the message. */
  detail: string;
}

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

export interface LiveFrameInput {
  /** Current rows, already filtered and sorted. */
  jobs: ActiveJob[];
  /** Recently finished jobs still shown, dimmed, below the active ones. */
  finished: FinishedRow[];
  columns: readonly ColumnId[];
  palette: Palette;
  /** The server's clock. */
  now: Date;
  /** Running jobs silent longer than this get the stale marker; 0 = off. */
  staleAfterMs: number;
  /** Default 'unicode'. */
  barStyle?: BarStyle;
  /** Terminal size. */
  width: number;
  height: number;
  footer: LiveFooter;
}

/** Data older than this is shown in red rather than yellow. */
export const DATA_AGE_ALERT_MS = 5 * 60_000;

// Same layout rules as the list table (jobs-table.ts), so both views shrink and drop columns alike.
const MIN_FLEXIBLE_WIDTH = 8;
const SEPARATOR = ' · ';

interface Segment {
  text: string;
  style?: Style;
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

// With an error the footer keeps at least this much room for it, giving up the poll count and company first.
const MIN_ERROR_WIDTH = 24;

/** The footer: company · last poll · next in · data age · polls · error, dim, with the data age in yellow or red. */
export function renderFooter(footer: LiveFooter, palette: Palette, now: Date, width: number): string {
  const dim = palette.dim;
  const company: Segment = { text: sanitizeForTerminal(footer.company), style: dim };
  const polls: Segment = { text: `${footer.polls} poll${footer.polls === 1 ? '' : 's'}`, style: dim };
  const middle: Segment[] = [];
  if (footer.lastPoll !== undefined) middle.push({ text: `last poll ${formatClock(footer.lastPoll)}`, style: dim });
  if (footer.nextPoll !== undefined) middle.push({ text: nextPollText(footer.nextPoll, now), style: dim });
  if (footer.staleSinceMs !== undefined) {
    const style = footer.staleSinceMs >= DATA_AGE_ALERT_MS ? palette.error : palette.warn;
    middle.push({ text: `data ${formatDuration(footer.staleSinceMs, 'age')} old`, style });
  }
  const error: Segment | undefined =
    footer.error === undefined ? undefined : { text: `error: ${sanitizeForTerminal(footer.error)}`, style: palette.error };

  const join = (parts: Segment[]): Segment[] =>
    parts.flatMap((part, i) => (i === 0 ? [part] : [{ text: SEPARATOR, style: dim }, part]));
  const widthOf = (parts: Segment[]): number => join(parts).reduce((sum, part) => sum + visibleWidth(part.text), 0);

  let parts: Segment[] = [company, ...middle, polls];
  if (error) {
    // Poll count, then company, make way for the error; what is left of the error is cut at the edge.
    for (const drop of [polls, company]) {
      if (width - widthOf(parts) - SEPARATOR.length >= MIN_ERROR_WIDTH) break;
      if (parts.length > 1) parts = parts.filter((part) => part !== drop);
    }
    parts = [...parts, error];
  }
  return fitSegments(join(parts), width);
}

function outcomeStyle(outcome: string, palette: Palette): Style {
  const word = outcome.toLowerCase();
  if (word.startsWith('succeeded')) return word.includes('warn') ? palette.warn : palette.ok;
  if (['failed', 'stalled', 'vanished', 'not_found', 'timeout'].includes(word)) return palette.error;
  return palette.dim;
}

function dimmed(palette: Palette, style: Style): Style {
  return (text) => palette.dim(style(text));
}

/**
 * The whole watch screen as lines: table header, active jobs, finished jobs (dimmed, outcome in STATE, detail in
 * MESSAGE), `+N more` when they do not fit, and the footer. At most height-1 lines (the cursor rests on the line
 * below), each at most `width` columns wide.
 */
export function renderFrame(input: LiveFrameInput): string[] {
  const width = Math.max(0, Math.floor(input.width));
  const maxLines = Math.max(0, Math.floor(input.height) - 1);
  if (maxLines === 0) return [];
  const { palette } = input;
  const footer = renderFooter(input.footer, palette, input.now, width);
  const bodyRoom = maxLines - 1;
  const total = input.jobs.length + input.finished.length;
  if (bodyRoom === 0) return [footer];

  const body: string[] = [];
  if (total === 0) {
    body.push(palette.dim(truncateToWidth('No active jobs', width)));
  } else {
    // Header + rows, or header + rows + `+N more` when they overflow; one line left only says how many there are.
    const fits = total + 1 <= bodyRoom;
    const shownRows = fits ? total : Math.max(0, bodyRoom - 2);
    const hidden = total - shownRows;
    if (shownRows > 0) body.push(...tableLines(input, shownRows, width));
    if (hidden > 0) {
      const hiddenFinished = Math.min(hidden, input.finished.length);
      const note = hiddenFinished > 0 ? ` (${hiddenFinished} finished)` : '';
      body.push(palette.dim(truncateToWidth(`+${hidden} more${note}`, width)));
    }
  }
  return [...body, footer];
}

/** Header plus the first `count` rows (active jobs, then finished ones), aligned together. */
function tableLines(input: LiveFrameInput, count: number, width: number): string[] {
  const { palette } = input;
  const columns = input.columns.map((id) => COLUMNS[id]);
  const ctx: ColumnContext = { now: input.now, staleAfterMs: input.staleAfterMs, barStyle: input.barStyle ?? 'unicode' };
  const layout: AlignedColumn[] = columns.map((column) => ({
    align: column.align,
    shrinkOrder: column.shrinkOrder,
    dropOrder: column.dropOrder,
    minWidth: Math.max(column.minWidth ?? MIN_FLEXIBLE_WIDTH, column.header.length),
  }));

  const rows: AlignedCell[][] = [columns.map((column) => ({ text: column.header, style: palette.heading }))];
  for (const job of input.jobs.slice(0, count)) {
    const rowStyle = palette.state(stateClass(job.state));
    rows.push(
      columns.map((column) => ({ text: column.text(job, ctx), style: column.alert?.(job, ctx) ? palette.stale : rowStyle })),
    );
  }
  const hasState = input.columns.includes('state');
  for (const { job, outcome, detail } of input.finished.slice(0, Math.max(0, count - input.jobs.length))) {
    const word = sanitizeForTerminal(outcome.replace(/_/g, ' '));
    // A finished job's progress and staleness no longer mean anything.
    const finishedCtx: ColumnContext = { ...ctx, staleAfterMs: 0 };
    rows.push(
      columns.map((column) => {
        if (column.id === 'state') return { text: word, style: dimmed(palette, outcomeStyle(outcome, palette)) };
        if (column.id === 'message' && detail !== '') return { text: sanitizeForTerminal(detail), style: palette.dim };
        let text = column.text(job, finishedCtx);
        if (column.id === 'name' && !hasState) text = `${text} (${word})`;
        return { text, style: palette.dim };
      }),
    );
  }
  return renderAlignedLines(layout, rows, width);
}

// ---- drawing ----

const ESC = '\x1b[';
export { HIDE_CURSOR, SHOW_CURSOR } from './cursor.js';
import { HIDE_CURSOR, SHOW_CURSOR } from './cursor.js';
export const SYNC_BEGIN = `${ESC}?2026h`;
export const SYNC_END = `${ESC}?2026l`;
const ERASE_LINE_RIGHT = `${ESC}K`;
const ERASE_BELOW = `${ESC}J`;
// CR too: a terminal whose tty has output processing (onlcr) turned off would otherwise start the next line mid-row.
const NEXT_LINE = '\r\n';

export interface UpdateOptions {
  /**
   * The terminal was resized since the last update: the old frame is erased from its top before drawing. With
   * `width`, the old frame's height is worked out as the terminal rewrapped it (most terminals reflow on resize).
   */
  resized?: boolean;
  /** The terminal's columns now; lets a full-width line skip its erase and a resize account for rewrapped lines. */
  width?: number;
}

function cursorUp(rows: number): string {
  // `ESC[0A` moves one row, so no move at all is written as nothing.
  return rows > 0 ? `\r${ESC}${rows}A` : '\r';
}

/**
 * Redraws a frame of lines in place, below wherever the cursor was when the first frame was drawn. Between updates the
 * cursor rests at the start of the line just below the frame; only the frame's own lines are ever touched (never
 * `ESC[2J`). Every line must fit the terminal width, or the terminal wraps it and the cursor arithmetic breaks.
 */
export class LiveScreen {
  /** The lines on screen, as written (empty when nothing is drawn). */
  private previous: string[] = [];

  /** The bytes that replace the frame on screen by `lines`, wrapped in synchronized-output markers. */
  update(lines: string[], options: UpdateOptions = {}): string {
    const next = lines.map((line) => line.replace(/[\r\n]/g, ' '));
    const { width } = options;
    let out = SYNC_BEGIN;
    if (options.resized) {
      out += cursorUp(this.rowsAfterResize(width)) + ERASE_BELOW;
      for (const line of next) out += drawLine(line, width);
    } else {
      out += cursorUp(this.previous.length);
      let skipped = 0;
      for (const [i, line] of next.entries()) {
        if (i < this.previous.length && this.previous[i] === line) {
          skipped++;
          continue;
        }
        if (skipped > 0) out += `${ESC}${skipped}B`;
        skipped = 0;
        out += drawLine(line, width);
      }
      // Unchanged last lines: step down over them to the resting row (those rows exist, the old frame had them).
      if (skipped > 0) out += `${ESC}${skipped}B`;
      if (next.length < this.previous.length) out += ERASE_BELOW;
    }
    this.previous = next;
    return out + SYNC_END;
  }

  /** Erases the frame and leaves the cursor where it started; the next update draws afresh from there. */
  clear(): string {
    const out = this.previous.length === 0 ? '' : `${SYNC_BEGIN}${cursorUp(this.previous.length)}${ERASE_BELOW}${SYNC_END}`;
    this.previous = [];
    return out;
  }

  /** Leaves the last frame on screen, the cursor below it and visible; a later update starts a new frame there. */
  finish(): string {
    this.previous = [];
    return SHOW_CURSOR;
  }

  hideCursor(): string {
    return HIDE_CURSOR;
  }

  private rowsAfterResize(width: number | undefined): number {
    if (width === undefined || width <= 0) return this.previous.length;
    return this.previous.reduce((rows, line) => rows + Math.max(1, Math.ceil(visibleWidth(line) / width)), 0);
  }
}

/**
 * One line from column 1, then down to the next. The erase-to-end-of-line goes after the text (no cell blinks blank),
 * except when the line fills the width: every cell is overwritten anyway, and on xterm an erase with the cursor parked
 * in the last column wipes that column. Without a known width the erase goes first, which is safe either way.
 */
function drawLine(line: string, width: number | undefined): string {
  if (width === undefined) return `${ERASE_LINE_RIGHT}${line}${NEXT_LINE}`;
  return visibleWidth(line) >= width ? `${line}${NEXT_LINE}` : `${line}${ERASE_LINE_RIGHT}${NEXT_LINE}`;
}
