import { parseIso } from '../jobs/dates.js';
import { formatDuration } from '../text/duration.js';

/** `just now`, `12s ago`, `5m ago`, `2h ago`, `3d ago`, or `in 5m` for the future, measured from `now` (server clock); `-` when unknown. */
export function formatRelative(iso: string | undefined, now: Date): string {
  const at = parseIso(iso);
  if (at === undefined) return '-';
  const diff = now.getTime() - at;
  if (Math.abs(diff) < 1_000) return 'just now';
  return diff > 0 ? `${formatDuration(diff, 'single')} ago` : `in ${formatDuration(-diff, 'single')}`;
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}))?/;

/** `2026-11-28 09:14` as written by the server (its wall clock, not converted to this machine's zone); `-` when invalid. */
export function formatTimestamp(iso: string | undefined): string {
  if (parseIso(iso) === undefined || iso === undefined) return '-';
  const match = WALL_CLOCK.exec(iso.trim());
  if (!match) return '-';
  return match[2] === undefined ? `${match[1]}` : `${match[1]} ${match[2]}`;
}
