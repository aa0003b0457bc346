// `--since` / `--until`: a duration back from now (the server's clock) or an ISO date-time with an offset.
import { parseIso } from './dates.js';
import { parseDuration } from './duration.js';

export type TimeBound = { atMs: number } | { agoMs: number };

export class TimeBoundError extends Error {
  override name = 'TimeBoundError';
  constructor(readonly input: string) {
    super(`invalid time "${input}": expected a duration back from now such as 24h, 7d, 90m, or an ISO date-time with an offset such as 2026-11-28T09:00:00-08:00`);
  }
}

// A date-time without an offset would mean a different moment on the server than here, so one is required.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

export function parseTimeBound(text: string): TimeBound {
  const trimmed = text.trim();
  if (/^\d{4}-/.test(trimmed)) {
    const atMs = ISO_WITH_OFFSET.test(trimmed) ? parseIso(trimmed) : undefined;
    if (atMs === undefined) throw new TimeBoundError(text);
    return { atMs };
  }
  try {
    return { agoMs: parseDuration(trimmed) };
  } catch {
    throw new TimeBoundError(text);
  }
}

/** The bound as epoch ms, durations counted back from `nowMs` (the server's clock). */
export function timeBoundMs(bound: TimeBound, nowMs: number): number {
  return 'atMs' in bound ? bound.atMs : nowMs - bound.agoMs;
}

/** Whether working out the bound needs the current time. */
export function isRelative(bound: TimeBound | undefined): boolean {
  return bound !== undefined && 'agoMs' in bound;
}

/** Whether `until` comes after `since`, when that is known without the current time (undefined for a mixed pair). */
export function boundsInOrder(since: TimeBound, until: TimeBound): boolean | undefined {
  if ('agoMs' in since && 'agoMs' in until) return until.agoMs < since.agoMs;
  if ('atMs' in since && 'atMs' in until) return until.atMs > since.atMs;
  return undefined;
}

/** An instant for messages: ISO in UTC to the second (`2026-11-27T17:00:00Z`). */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
