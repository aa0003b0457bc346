// The `wait` command's one-line progress on stderr, redrawn in place while the job runs.
import type { ActiveJob } from '../ips/types.js';
import { formatDuration } from '../text/duration.js';
import { stateClass } from '../jobs/state-class.js';
import { taskSummary } from '../jobs/tasks.js';
import type { Palette, Style } from './palette.js';
import { type BarStyle, progressBar } from './progress-bar.js';
import { sanitizeForTerminal } from './sanitize.js';
import { truncateToWidth, visibleWidth } from './text-width.js';

export interface ProgressLineOptions {
  /** Estimated time left; shown as `ETA 3m`. */
  etaMs?: number;
  /** Items (files) processed per minute; shown as `12 files/min`. */
  filesPerMinute?: number;
  /** Terminal columns: the line is cut to fit. Absent = never cut. */
  width?: number;
  /** Default 'unicode'. */
  barStyle?: BarStyle;
  /** Colours the state by its class; absent = plain text. */
  palette?: Palette;
}

const BAR_WIDTH = 10;
const GAP = '  ';
// The name gives way down to this before the less telling parts are left out.
const MIN_NAME_WIDTH = 12;

interface Part {
  id: 'name' | 'state' | 'progress' | 'files' | 'eta' | 'rate';
  text: string;
  style?: Style;
}

function lineWidth(parts: readonly Part[]): number {
  return parts.reduce((sum, part) => sum + visibleWidth(part.text), 0) + GAP.length * Math.max(0, parts.length - 1);
}

function rate(perMinute: number): string {
  const rounded = perMinute >= 10 ? Math.round(perMinute) : Math.round(perMinute * 10) / 10;
  return `${rounded} files/min`;
}

/**
 * `Spring-Catalog-Publish  Running  ████░░░░░░  42%  120/300 files  ETA 3m  40 files/min`: parts the job does not
 * report are left out. With a width, the name is cut with `…` (to no less than 12 columns before the rate, then the
 * file count, then the state, then the ETA give way).
 * Server text is sanitised. No newline: redraw it with `\r` + line + `ESC[K`.
 */
export function progressLine(job: ActiveJob, options: ProgressLineOptions = {}): string {
  const palette = options.palette;
  const parts: Part[] = [{ id: 'name', text: sanitizeForTerminal(job.name ?? job.originalName ?? job.jobHandle ?? '') }];
  if (job.state !== undefined) {
    parts.push({ id: 'state', text: sanitizeForTerminal(job.state), style: palette?.state(stateClass(job.state)) });
  }
  if (job.progress !== undefined && !Number.isNaN(job.progress)) {
    const percent = Math.floor(Math.min(100, Math.max(0, job.progress)));
    parts.push({ id: 'progress', text: `${progressBar(job.progress, BAR_WIDTH, options.barStyle ?? 'unicode')} ${`${percent}%`.padStart(4)}` });
  }
  const summary = taskSummary(job);
  if (summary !== undefined) parts.push({ id: 'files', text: `${summary.processed}/${summary.total} files` });
  if (options.etaMs !== undefined && Number.isFinite(options.etaMs)) {
    parts.push({ id: 'eta', text: `ETA ${formatDuration(Math.max(0, options.etaMs))}` });
  }
  if (options.filesPerMinute !== undefined && Number.isFinite(options.filesPerMinute)) {
    parts.push({ id: 'rate', text: rate(options.filesPerMinute) });
  }

  let shown = parts.filter((part) => part.text !== '');
  const { width } = options;
  if (width !== undefined) shown = fit(shown, Math.max(0, Math.floor(width)));
  return shown.map((part) => (part.style ? part.style(part.text) : part.text)).join(GAP);
}

function withNameCut(parts: Part[], nameWidth: number): Part[] {
  return parts.map((part) => (part.id === 'name' ? { ...part, text: truncateToWidth(part.text, nameWidth) } : part));
}

function fit(parts: Part[], width: number): Part[] {
  if (lineWidth(parts) <= width) return parts;
  // Leave parts out until the rest fits with the name at its shortest useful width; then the name takes what is left.
  let shown = parts;
  for (const drop of ['rate', 'files', 'state', 'eta'] as const) {
    if (lineWidth(withNameCut(shown, MIN_NAME_WIDTH)) <= width) break;
    shown = shown.filter((part) => part.id !== drop);
  }
  const name = shown.find((part) => part.id === 'name');
  if (name !== undefined) {
    const others = lineWidth(shown) - visibleWidth(name.text);
    shown = withNameCut(shown, Math.max(1, width - others));
  }
  if (lineWidth(shown) <= width) return shown;
  // Still too wide (a very narrow terminal): keep what fits from the left and cut there.
  const kept: Part[] = [];
  let used = 0;
  for (const part of shown) {
    const gap = kept.length === 0 ? 0 : GAP.length;
    const room = width - used - gap;
    if (room <= 0) break;
    const text = truncateToWidth(part.text, room);
    if (text === '') break;
    kept.push({ ...part, text });
    used += gap + visibleWidth(text);
    if (text !== part.text) break;
  }
  return kept;
}
