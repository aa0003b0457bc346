import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/jobs/dates.js';

describe('parseIso', () => {
  it('reads the server timestamp with its offset as an instant', () => {
    expect(parseIso('2026-11-28T09:14:00.123-08:00')).toBe(Date.UTC(2026, 10, 28, 17, 14, 0, 123));
    expect(parseIso('2026-11-28T17:14:00Z')).toBe(Date.UTC(2026, 10, 28, 17, 14));
  });

  it('accepts offsets without a colon and fractions longer than milliseconds', () => {
    expect(parseIso('2026-11-28T18:14:00.1239+0100')).toBe(Date.UTC(2026, 10, 28, 17, 14, 0, 123));
  });

  it('reads a timestamp without an offset as UTC, whatever this machine’s zone', () => {
    expect(parseIso('2026-11-28T17:14:00')).toBe(Date.UTC(2026, 10, 28, 17, 14));
  });

  it.each([undefined, '', 'yesterday', '1', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-28T25:00:00Z'])(
    'is undefined for %j',
    (text) => {
      expect(parseIso(text)).toBeUndefined();
    },
  );
});
