// `timeline`'s chart: a row a job (its outcome mark, its name, its bar on a shared time axis), the axis with local-time
// labels, and a legend. Colour tells the outcome on a terminal; without colour each outcome has its own fill and mark.
import { axisTicks, barLayout, type TimeAxis } from '../jobs/timeline-axis.js';
import { queuedSeconds, type TimelineJob, type TimelineOutcome } from '../jobs/timeline.js';
import { createPalette, type Palette, type Style } from './palette.js';
import { sanitizeForTerminal } from './sanitize.js';
import { truncateMiddle, truncateToWidth, visibleWidth } from './text-width.js';

/** The chart keeps this many cells before a name is cut; below it the names give way (to MIN_LABEL). */
export const MIN_CHART_CELLS = 20;
/** Names keep this many columns; narrower lines than this leaves no chart worth drawing (see chartLayout). */
const MIN_LABEL = 6;
/** The mark and a space before the name, a space and `│` after it. */
const FIXED = 4;

/** Left-filled eighths of a cell, one to seven. */
const EIGHTHS = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const QUEUED = '░';

interface OutcomeLook {
  /** The full cell without colour; with colour every bar is `█`. */
  fill: string;
  /** The column before the name, in every mode: a bar shorter than a cell has no fill to tell it by. */
  mark: string;
  word: string;
  style(palette: Palette): Style;
}

const LOOKS: Readonly<Record<TimelineOutcome, OutcomeLook>> = {
  succeeded: { fill: '█', mark: '✓', word: 'succeeded', style: (p) => p.ok },
  succeeded_with_warnings: { fill: '▓', mark: '!', word: 'with warnings', style: (p) => p.warn },
  failed: { fill: '╳', mark: '✗', word: 'failed', style: (p) => p.error },
  running: { fill: '═', mark: '▶', word: 'running', style: (p) => p.state('running') },
  waiting: { fill: QUEUED, mark: '…', word: 'waiting', style: (p) => p.dim },
};

export interface GanttInput {
  /** In the order drawn (by start). */
  rows: readonly TimelineJob[];
  /** The time the axis covers (axisSpan). */
  span: { fromMs: number; toMs: number };
  /** The server's now: where running and waiting jobs end. */
  nowMs: number;
  /** Columns of the terminal (or of a pipe's chart). */
  width: number;
  palette: Palette;
  zone: { name: string; offsetAt(ms: number): number };
}

/**
 * The widths of the name column and of the chart: names whole while the chart keeps MIN_CHART_CELLS; then names cut (in
 * the middle) down to MIN_LABEL; then the chart narrows to a cell. Lines are never wider than `width` from
 * FIXED + MIN_LABEL + 1 (11) columns on; a narrower width is drawn as that.
 */
export function chartLayout(longestName: number, width: number): { label: number; cells: number } {
  const room = Math.max(width, FIXED + MIN_LABEL + 1) - FIXED;
  if (room - longestName >= MIN_CHART_CELLS) return { label: longestName, cells: room - longestName };
  const cells = Math.max(1, Math.min(MIN_CHART_CELLS, room - MIN_LABEL));
  return { label: room - cells, cells };
}

/** One row's chart cells: queued ░, then the bar (full cells and a closing eighth), trailing space left out. */
function barText(job: TimelineJob, axis: TimeAxis, nowMs: number, palette: Palette): string {
  const { queued, bar } = barLayout(job, axis, nowMs);
  const look = LOOKS[job.outcome];
  let text = '';
  let at = 0;
  if (queued) {
    text += ' '.repeat(queued.from) + palette.dim(QUEUED.repeat(queued.to - queued.from));
    at = queued.to;
  }
  if (bar) {
    const full = Math.floor(bar.length / 8);
    const rest = bar.length % 8;
    const fill = palette.enabled ? '█' : look.fill;
    text += ' '.repeat(bar.start / 8 - at) + look.style(palette)(fill.repeat(full) + (rest > 0 ? EIGHTHS[rest - 1] : ''));
  }
  return text;
}

/** The axis line (`└──┬──…`) and the labels under its ticks, each label where it fits without touching the last. */
function axisLines(axis: TimeAxis, indent: number, input: GanttInput): string[] {
  const ticks = axisTicks(axis, input.zone.offsetAt);
  const line = Array.from({ length: axis.cells }, () => '─');
  for (const tick of ticks) line[tick.cell] = '┬';
  let labels = '';
  for (const tick of ticks) {
    const at = Math.max(labels.length === 0 ? 0 : labels.length + 1, Math.min(tick.cell, axis.cells - tick.label.length));
    if (at + tick.label.length > axis.cells || at < 0) continue;
    labels += ' '.repeat(at - labels.length) + tick.label;
  }
  const pad = ' '.repeat(indent);
  return [`${pad.slice(1)}└${line.join('')}`, `${pad}${labels}`];
}

/** The legend: each outcome's mark, fill and word, queued, and the time zone, wrapped at `width`. */
function legendLines(palette: Palette, width: number, zoneName: string): string[] {
  const items = (['succeeded', 'succeeded_with_warnings', 'failed', 'running'] as const).map((outcome) => {
    const look = LOOKS[outcome];
    return { text: `${look.mark}${palette.enabled ? '█' : look.fill} ${look.word}`, style: look.style(palette) };
  });
  items.push({ text: `${LOOKS.waiting.mark} waiting`, style: palette.dim });
  items.push({ text: `${QUEUED} queued`, style: palette.dim });
  items.push({ text: `times in ${zoneName}`, style: (text: string) => text });
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const item of items) {
    // An item wider than the terminal (a long zone name) is cut, so no line is wider.
    const text = truncateToWidth(item.text, Math.max(0, width));
    const itemWidth = visibleWidth(text);
    if (used > 0 && used + 2 + itemWidth > width) {
      lines.push(line);
      [line, used] = ['', 0];
    }
    line += (used > 0 ? '  ' : '') + item.style(text);
    used += (used > 0 ? 2 : 0) + itemWidth;
  }
  return [...lines, line];
}

/** The chart's lines, without line ends. */
export function renderGantt(input: GanttInput): string[] {
  const { palette } = input;
  const names = input.rows.map((job) => sanitizeForTerminal(job.jobName));
  const longest = names.reduce((max, name) => Math.max(max, visibleWidth(name)), 0);
  const { label, cells } = chartLayout(longest, input.width);
  const axis: TimeAxis = { ...input.span, cells };
  const lines = input.rows.map((job, i) => {
    const look = LOOKS[job.outcome];
    const name = truncateMiddle(names[i] ?? '', label);
    const padded = name + ' '.repeat(Math.max(0, label - visibleWidth(name)));
    return `${look.style(palette)(look.mark)} ${padded} │${barText(job, axis, input.nowMs, palette)}`;
  });
  return [...lines, ...axisLines(axis, FIXED + label, input), ...legendLines(palette, input.width, input.zone.name)];
}

/** Lines the chart draws below its rows (the axis, its labels and the legend) at this width. */
export function ganttFooterHeight(width: number, zoneName: string): number {
  return 2 + legendLines(createPalette(false), width, zoneName).length;
}

/** A job in `timeline -o json`: the server's dates, null where there is none (endDate while running). */
export function timelineRecord(job: TimelineJob, nowMs: number): object {
  return {
    jobName: job.jobName,
    jobHandle: job.jobHandle ?? null,
    type: job.type ?? null,
    submitUserEmail: job.submitUserEmail ?? null,
    outcome: job.outcome,
    triggerTime: job.triggerTime ?? null,
    startDate: job.startDate ?? null,
    endDate: job.endDate ?? null,
    queuedSeconds: queuedSeconds(job, nowMs),
  };
}
