import { describe, expect, it } from 'vitest';
import { isoDay, isoOffsetMinutes, parseIso } from '../../src/jobs/dates.js';

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

describe('the day and the offset a server date is written in', () => {
  it('takes the date and the offset as written, not as this machine would read them', () => {
    expect(isoDay('2026-11-28T23:30:00.000-08:00')).toBe('2026-11-28');
    expect(isoDay('not a date')).toBeUndefined();
    expect(isoOffsetMinutes('2026-11-28T23:30:00.000-08:00')).toBe(-480);
    expect(isoOffsetMinutes('2026-11-28T23:30:00+0530')).toBe(330);
    expect(isoOffsetMinutes('2026-11-28T23:30:00Z')).toBe(0);
  });

  it('has no offset for a date that names none, nor for one that is not a date', () => {
    expect(isoOffsetMinutes('2026-11-28T23:30:00')).toBeUndefined();
    expect(isoOffsetMinutes('2026-02-30T10:00:00-08:00')).toBeUndefined();
    expect(isoOffsetMinutes(undefined)).toBeUndefined();
  });
});
