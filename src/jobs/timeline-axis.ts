// `timeline`'s geometry: the time axis fitted to a number of cells, its ticks at round local times, and each job's bar
// in eighths of a cell (the block elements ▏▎▍▌▋▊▉█ fill a cell from the left, an eighth at a time).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The shortest axis: a single short job still gets a minute to be drawn in. */
const MIN_SPAN_MS = MINUTE;

export interface TimeAxis {
  fromMs: number;
  toMs: number;
  /** Cells of the chart, each 8 eighths. */
  cells: number;
}

/** What the axis reads of a job: queued since, started, ended (absent: still going, drawn to now). */
export interface Span {
  queuedMs?: number;
  startMs?: number;
  endMs?: number;
}

/**
 * The axis's time span: from the earliest queue or start of the rows shown to their latest end (now for one still
 * going), never outside the window; at least a minute. No rows: the window.
 */
export function axisSpan(rows: readonly Span[], window: { fromMs: number; toMs: number }, nowMs: number): { fromMs: number; toMs: number } {
  let begin = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    begin = Math.min(begin, row.queuedMs ?? row.startMs ?? nowMs, row.startMs ?? nowMs);
    end = Math.max(end, row.endMs ?? nowMs);
  }
  if (rows.length === 0) [begin, end] = [window.fromMs, window.toMs];
  const fromMs = Math.max(window.fromMs, Math.min(begin, window.toMs));
  const toMs = Math.max(fromMs + MIN_SPAN_MS, Math.min(window.toMs, end));
  return { fromMs, toMs };
}

/**
 * A row's drawing: queued cells [from, to) drawn light, then the bar in eighths: `start` on a cell edge (a left-filled
 * block cannot begin mid-cell, so a start is drawn at the edge of its cell), `length` eighths (at least one, so a job of
 * a second still shows as ▏). The length depends on the duration alone: a longer job never has a shorter bar.
 */
export interface BarLayout {
  queued?: { from: number; to: number };
  bar?: { start: number; length: number };
}

/** Eighths of the axis from its start to `ms` (the nearest: a time on an edge stays there), clamped to the axis. */
function eighthsAt(axis: TimeAxis, ms: number): number {
  const total = axis.cells * 8;
  const at = Math.round(((ms - axis.fromMs) * total) / (axis.toMs - axis.fromMs));
  return Math.min(total, Math.max(0, at));
}

export function barLayout(job: Span, axis: TimeAxis, nowMs: number): BarLayout {
  const total = axis.cells * 8;
  const span = axis.toMs - axis.fromMs;
  const endMs = Math.min(axis.toMs, job.endMs ?? nowMs);
  if (job.startMs === undefined) {
    // Waiting: only its queue, from the trigger to now, at least one cell.
    if (job.queuedMs === undefined) return {};
    const from = Math.min(axis.cells - 1, Math.floor(eighthsAt(axis, job.queuedMs) / 8));
    return { queued: { from, to: Math.max(from + 1, Math.ceil(eighthsAt(axis, endMs) / 8)) } };
  }
  const startMs = Math.max(axis.fromMs, job.startMs);
  const length = Math.min(total, Math.max(1, Math.round((Math.max(0, endMs - startMs) * total) / span)));
  let start = Math.floor(eighthsAt(axis, startMs) / 8) * 8;
  if (start + length > total) start = Math.floor((total - length) / 8) * 8;
  const layout: BarLayout = { bar: { start, length } };
  if (job.queuedMs !== undefined && job.queuedMs < job.startMs) {
    const from = Math.floor(eighthsAt(axis, job.queuedMs) / 8);
    if (from < start / 8) layout.queued = { from, to: start / 8 };
  }
  return layout;
}

/** A mark on the axis: its cell and its local-time label. */
export interface Tick {
  cell: number;
  ms: number;
  label: string;
}

/** Round steps between ticks, in local time. */
const STEPS_MS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

/** The step for at most `maxTicks` ticks over `spanMs`: the smallest round one, else whole weeks. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const fits = STEPS_MS.find((step) => Math.floor(spanMs / step) + 1 <= maxTicks);
  return fits ?? Math.ceil(spanMs / Math.max(1, maxTicks - 1) / (7 * DAY)) * 7 * DAY;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** A wall-clock time (epoch ms shifted by the zone's offset, read with the UTC getters) as `HH:MM`, or `MM-DD` at midnight or for day steps. */
function tickLabel(wallMs: number, stepMs: number): string {
  const wall = new Date(wallMs);
  if (stepMs >= DAY || (wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0)) return `${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
  return `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

/**
 * Ticks at round local times (every 5 minutes, hour, 6 hours, day…) a label's width apart at least (`minGapCells`),
 * in the zone `offsetAt` gives (minutes east of UTC at an instant).
 */
export function axisTicks(axis: TimeAxis, offsetAt: (ms: number) => number, minGapCells = 8): Tick[] {
  const span = axis.toMs - axis.fromMs;
  const step = tickStep(span, Math.max(1, Math.floor(axis.cells / minGapCells)));
  const toWall = (ms: number): number => ms + offsetAt(ms) * MINUTE;
  const fromWall = (wall: number): number => wall - offsetAt(wall - offsetAt(wall) * MINUTE) * MINUTE;
  const ticks: Tick[] = [];
  // Steps of days count from the first local midnight on the axis, the others from round times of the day.
  const align = Math.min(step, DAY);
  for (let wall = Math.ceil(toWall(axis.fromMs) / align) * align; ; wall += step) {
    const ms = fromWall(wall);
    // Past the axis's end by more than any change of the clocks: no later wall time is on it.
    if (wall > toWall(axis.toMs) + 3 * HOUR) break;
    // A local time the clocks skip (02:30 when 02:00 becomes 03:00) has no instant: no tick. One they repeat gets
    // its first; ticks only go forward.
    if (toWall(ms) !== wall || ms > axis.toMs || ms < axis.fromMs) continue;
    const last = ticks.at(-1);
    if (last !== undefined && ms <= last.ms) continue;
    const cell = Math.min(axis.cells - 1, Math.round(((ms - axis.fromMs) * axis.cells) / span));
    if (last?.cell !== cell) ticks.push({ cell, ms, label: tickLabel(wall, step) });
  }
  return ticks;
}

/**
 * The local zone: the IANA name in `timeZone` (TZ, a leading `:` allowed), else this machine's; its offset at an
 * instant (minutes east of UTC, daylight saving included) and its name for the legend.
 */
export function localZone(timeZone: string | undefined): { name: string; offsetAt(ms: number): number } {
  const options: Intl.DateTimeFormatOptions = { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' };
  const given = timeZone?.replace(/^:/, '') || undefined;
  let format: Intl.DateTimeFormat;
  let name: string | undefined = given;
  try {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone: given });
  } catch {
    // Not a zone name Intl knows (a POSIX rule such as `UTC+3`, a file path): this machine's zone.
    format = new Intl.DateTimeFormat('en-US', options);
    name = undefined;
  }
  return {
    // The name as TZ gives it (Intl would say Asia/Calcutta for Asia/Kolkata).
    name: name ?? format.resolvedOptions().timeZone,
    offsetAt(ms) {
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
      const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
      return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE);
    },
  };
}
