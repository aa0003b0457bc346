// The `watch` TTY view: a frame of lines (the jobs table, finished jobs, footer) and the escape codes that redraw it in place.
import type { ActiveJob } from '../ips/types.js';
import { stateClass } from '../jobs/state-class.js';
import { type ColumnContext, type ColumnId, COLUMNS, type JobColumn } from './columns.js';
import { HIDE_CURSOR, SHOW_CURSOR } from './cursor.js';
import { type LiveFooter, renderFooter } from './live-footer.js';
import type { Palette, Style } from './palette.js';
import type { BarStyle } from './progress-bar.js';
import { type RecordColumn, renderTableLines } from './records.js';
import { truncateToWidth, visibleWidth } from './text-width.js';

interface FinishedRow {
  job: ActiveJob;
  /** The outcome word: succeeded, succeeded_with_warnings, failed, stalled, vanished, … (underscores shown as spaces). */
  outcome: string;
  /** Shown in the MESSAGE column instead of the job's last progress message, e.g. `42 file errors`; '' keeps the message. */
  detail: string;
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

/** A row of the table: an active job, or a finished one with its outcome. */
type LiveRow = Pick<FinishedRow, 'job'> & Partial<FinishedRow>;

/**
 * The whole watch screen as lines: table header, active jobs, finished jobs (dimmed, outcome in STATE, detail in
 * MESSAGE), `+N more` when they do not fit, and the footer. At most height-1 lines (the cursor rests on the line
 * below), each at most `width` columns wide.
 */
export function renderFrame(input: LiveFrameInput): string[] {
  const width = Math.max(0, Math.floor(input.width));
  const maxLines = Math.max(0, Math.floor(input.height) - 1);
  if (maxLines === 0) return [];
  const footer = renderFooter(input.footer, input.palette, input.now, width);
  return maxLines === 1 ? [footer] : [...frameBody(input, width, maxLines - 1), footer];
}

/** Header + rows, or header + rows + `+N more` when they overflow `room` lines; one line left only says how many there are. */
function frameBody(input: LiveFrameInput, width: number, room: number): string[] {
  const { palette } = input;
  const rows: LiveRow[] = [...input.jobs.map((job) => ({ job })), ...input.finished];
  if (rows.length === 0) return [palette.dim(truncateToWidth('No active jobs', width))];
  const shown = rows.length + 1 <= room ? rows.length : Math.max(0, room - 2);
  const body = shown > 0 ? liveTable(input, rows.slice(0, shown), width) : [];
  const hidden = rows.length - shown;
  if (hidden > 0) {
    const hiddenFinished = Math.min(hidden, input.finished.length);
    const note = hiddenFinished > 0 ? ` (${hiddenFinished} finished)` : '';
    body.push(palette.dim(truncateToWidth(`+${hidden} more${note}`, width)));
  }
  return body;
}

/** The `list` table of the rows, active jobs coloured by state and finished ones dimmed. */
function liveTable(input: LiveFrameInput, rows: readonly LiveRow[], width: number): string[] {
  const { palette } = input;
  const hasState = input.columns.includes('state');
  const columns = input.columns.map((id) => liveColumn(COLUMNS[id], hasState));
  const rowStyle = (row: LiveRow) => (row.outcome === undefined ? palette.state(stateClass(row.job.state)) : palette.dim);
  const ctx: ColumnContext = { now: input.now, staleAfterMs: input.staleAfterMs, barStyle: input.barStyle ?? 'unicode' };
  return renderTableLines(rows, columns, { headers: true, palette, width, rowStyle }, ctx);
}

/** A job column that shows a finished job's outcome in STATE (or after its name, without STATE) and its detail in MESSAGE. */
function liveColumn(column: JobColumn, hasState: boolean): RecordColumn<LiveRow, ColumnContext> {
  const { value: _csvOnly, ...layout } = column;
  return {
    ...layout,
    text: ({ job, outcome, detail }, ctx) => {
      if (outcome === undefined) return column.text(job, ctx);
      const word = outcome.replace(/_/g, ' ');
      if (column.id === 'state') return word;
      if (column.id === 'message' && detail) return detail;
      // A finished job is no longer stale.
      const text = column.text(job, { ...ctx, staleAfterMs: 0 });
      return column.id === 'name' && !hasState ? `${text}${outcomeAfterName(word)}` : text;
    },
    // A cut name keeps its end and the outcome after it.
    keepEnd: ({ outcome }) => (outcome !== undefined && column.id === 'name' && !hasState ? outcomeAfterName(outcome.replace(/_/g, ' ')) : ''),
    style: ({ job, outcome }, palette, ctx) => {
      if (outcome === undefined) return column.style?.(job, palette, ctx);
      return column.id === 'state' ? dimmed(palette, outcomeStyle(outcome, palette)) : undefined;
    },
  };
}

/** A finished job's outcome after its name, when there is no STATE column. */
function outcomeAfterName(word: string): string {
  return ` (${word})`;
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

// ---- drawing ----

const ESC = '\x1b[';
const SYNC_BEGIN = `${ESC}?2026h`;
const SYNC_END = `${ESC}?2026l`;
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

function cursorDown(rows: number): string {
  return rows > 0 ? `${ESC}${rows}B` : '';
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
    const redraw = options.resized ? this.redrawAll(next, options.width) : this.redrawChanged(next, options.width);
    this.previous = next;
    return SYNC_BEGIN + redraw + SYNC_END;
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

  /** After a resize: up to the old frame's top as the terminal rewrapped it, erase all below, and draw every line. */
  private redrawAll(next: readonly string[], width: number | undefined): string {
    return cursorUp(this.rowsAfterResize(width)) + ERASE_BELOW + next.map((line) => drawLine(line, width)).join('');
  }

  /** Up to the frame's top, then down over it drawing only the lines that changed; a shorter frame erases the rest. */
  private redrawChanged(next: readonly string[], width: number | undefined): string {
    let out = cursorUp(this.previous.length);
    let skipped = 0;
    for (const [i, line] of next.entries()) {
      if (i < this.previous.length && this.previous[i] === line) {
        skipped++;
        continue;
      }
      out += cursorDown(skipped) + drawLine(line, width);
      skipped = 0;
    }
    // Unchanged last lines: step down over them to the resting row (those rows exist, the old frame had them).
    out += cursorDown(skipped);
    return next.length < this.previous.length ? out + ERASE_BELOW : out;
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
