import { describe, expect, it } from 'vitest';
import { boundsInOrder, formatInstant, isRelative, parseTimeBound, TimeBoundError, timeBoundMs } from '../../src/jobs/time-bound.js';

const NOW = Date.parse('2026-11-28T09:00:00-08:00');

describe('--since and --until values', () => {
  it('a duration counts back from now (the server clock)', () => {
    expect(parseTimeBound('24h')).toEqual({ agoMs: 86_400_000 });
    expect(timeBoundMs(parseTimeBound('90m'), NOW)).toBe(NOW - 90 * 60_000);
    expect(timeBoundMs(parseTimeBound('7d'), NOW)).toBe(NOW - 7 * 86_400_000);
  });

  it('an ISO date-time with an offset is that instant', () => {
    expect(timeBoundMs(parseTimeBound('2026-11-27T09:00:00-08:00'), NOW)).toBe(Date.parse('2026-11-27T17:00:00Z'));
    expect(timeBoundMs(parseTimeBound('2026-11-27T17:00Z'), NOW)).toBe(Date.parse('2026-11-27T17:00:00Z'));
    expect(timeBoundMs(parseTimeBound('2026-11-27T17:00:00.500+0100'), NOW)).toBe(Date.parse('2026-11-27T16:00:00.500Z'));
  });

  it('refuses a date without an offset, a bare date, an impossible date and words', () => {
    for (const bad of ['2026-11-27T09:00:00', '2026-11-27', '2026-02-30T09:00:00Z', 'yesterday', '24', '-1h', '']) {
      expect(() => parseTimeBound(bad), bad).toThrow(TimeBoundError);
    }
  });

  it('knows which bounds need the clock', () => {
    expect(isRelative(parseTimeBound('1h'))).toBe(true);
    expect(isRelative(parseTimeBound('2026-11-27T09:00:00Z'))).toBe(false);
    expect(isRelative(undefined)).toBe(false);
  });

  it('tells whether until comes after since when it can without the clock', () => {
    expect(boundsInOrder(parseTimeBound('48h'), parseTimeBound('24h'))).toBe(true);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('2h'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('1h'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('2026-11-27T09:00:00Z'), parseTimeBound('2026-11-28T09:00:00Z'))).toBe(true);
    expect(boundsInOrder(parseTimeBound('2026-11-28T09:00:00Z'), parseTimeBound('2026-11-27T09:00:00Z'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('2026-11-27T09:00:00Z'))).toBeUndefined();
  });

  it('formats instants for messages to the second, in UTC', () => {
    expect(formatInstant(Date.parse('2026-11-27T17:00:00.789Z'))).toBe('2026-11-27T17:00:00Z');
  });
});
