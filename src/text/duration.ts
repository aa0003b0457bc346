// The one duration formatter. Each style is one way of reading a span of time; all share one breakdown into units.

/**
 * - `compact` (default): `800ms`, `45s`, `12m`, `3h 5m`, `2d 4h` — a span read once (a job's run time, a stall).
 * - `age`: `45s`, `1m 20s`, `1h 5m` — an age redrawn every second, so seconds stay visible under an hour.
 * - `single`: `45s`, `12m`, `3h`, `2d` — one unit, for "5m ago".
 * - `exact`: `30s`, `1.5s`, `90s` — a configured limit (a timeout) said back as the user gave it, in seconds.
 */
export type DurationStyle = 'compact' | 'age' | 'single' | 'exact';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `big` and, when not zero, `small` units of a span: `3h 5m`, `3h`. */
function twoUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${small}${smallUnit}`;
}

export function formatDuration(ms: number, style: DurationStyle = 'compact'): string {
  if (!Number.isFinite(ms)) return '-';
  if (style === 'exact') return ms % 1_000 === 0 ? `${ms / 1_000}s` : `${(ms / 1_000).toFixed(1)}s`;
  if (ms < 0) return style === 'age' ? '0s' : `-${formatDuration(-ms, style)}`;
  if (style === 'compact' && ms < 1_000) return `${Math.floor(ms)}ms`;
  const seconds = Math.floor(ms / 1_000);
  if (seconds < MINUTE) return `${seconds}s`;
  const minutes = Math.floor(seconds / MINUTE);
  if (seconds < HOUR) return style === 'age' ? twoUnits(minutes, 'm', seconds % MINUTE, 's') : `${minutes}m`;
  const hours = Math.floor(seconds / HOUR);
  if (seconds < DAY) return style === 'single' ? `${hours}h` : twoUnits(hours, 'h', minutes % 60, 'm');
  const days = Math.floor(seconds / DAY);
  return style === 'single' ? `${days}d` : twoUnits(days, 'd', hours % 24, 'h');
}
