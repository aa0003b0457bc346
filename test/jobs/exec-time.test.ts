import { describe, expect, it } from 'vitest';
import { execTime } from '../../src/jobs/exec-time.js';
import { SubmitInputError } from '../../src/jobs/submit-plan.js';
import { parseTimeBound } from '../../src/jobs/time-bound.js';

const NOW = new Date('2026-12-04T15:15:02.500Z');

/** `--at <text>` → execTime, by the one time grammar (time-bound.ts) and then the rules of --at. */
const at = (text: string, now = NOW) => execTime(parseTimeBound(text), now);

/** This machine's offset at that local time, written ±hh:mm, worked out independently of the code under test. */
function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function atError(text: string): string {
  try {
    at(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmitInputError);
    return (error as Error).message;
  }
  throw new Error(`--at ${JSON.stringify(text)} did not throw`);
}

describe('--at: a date-time with an offset', () => {
  it.each([
    '2026-12-04T18:00:00+01:00',
    '2026-12-04T16:00:00Z',
    '2026-12-04T08:00:00-08:00',
    '2026-12-04T22:00:00.250+05:30',
    '2027-06-30T23:59:59+14:00',
  ])('keeps %s as written', (text) => {
    expect(at(text)).toBe(text);
  });

  it('trims spaces around it', () => {
    expect(at('  2026-12-04T16:00:00Z \n')).toBe('2026-12-04T16:00:00Z');
  });

  it('adds the seconds xsd:dateTime needs when they are left out, and writes the other forms as xsd:dateTime', () => {
    expect(at('2026-12-04T18:00+01:00')).toBe('2026-12-04T18:00:00+01:00');
    expect(at('2026-12-04T16:00Z')).toBe('2026-12-04T16:00:00Z');
    expect(at('2026-12-04 18:00:00+0100')).toBe('2026-12-04T18:00:00+01:00');
    expect(at('2026-12-04t16:00:00z')).toBe('2026-12-04T16:00:00Z');
  });

  it('honours the offset when deciding whether it is past', () => {
    // 16:00 at +01:00 is 15:00Z, a quarter of an hour before now.
    expect(atError('2026-12-04T16:00:00+01:00')).toBe(
      '--at "2026-12-04T16:00:00+01:00" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m',
    );
    // 10:15 at -05:00 is 15:15Z, now.
    expect(at('2026-12-04T10:15:00-05:00')).toBe('2026-12-04T10:15:00-05:00');
  });
});

describe('--at: a date-time without an offset (local time)', () => {
  it('adds the offset this machine has on that day', () => {
    const expected = `2026-12-10T16:00:00${localOffset(new Date(2026, 11, 10, 16, 0, 0))}`;
    expect(at('2026-12-10T16:00:00')).toBe(expected);
  });

  it('uses the offset of the date given, not of now (daylight saving)', () => {
    const expected = `2027-07-01T12:30:00${localOffset(new Date(2027, 6, 1, 12, 30, 0))}`;
    expect(at('2027-07-01T12:30')).toBe(expected);
  });

  it('keeps fractional seconds', () => {
    expect(at('2026-12-10T16:00:05.75')).toBe(`2026-12-10T16:00:05.75${localOffset(new Date(2026, 11, 10, 16, 0, 5))}`);
  });

  it('is the same moment as the local time it names; a date alone is its local midnight', () => {
    expect(Date.parse(at('2026-12-10T16:00:00'))).toBe(new Date(2026, 11, 10, 16, 0, 0).getTime());
    expect(at('2026-12-10')).toBe(`2026-12-10T00:00:00${localOffset(new Date(2026, 11, 10))}`);
  });

  it('rejects a local time in the past', () => {
    expect(atError('2020-01-01T00:00')).toBe(
      `--at "2020-01-01T00:00:00${localOffset(new Date(2020, 0, 1))}" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m`,
    );
  });
});

describe('--at: +<duration>', () => {
  it.each([
    ['+30m', '2026-12-04T15:45:02+00:00'],
    ['+2h', '2026-12-04T17:15:02+00:00'],
    ['+1d', '2026-12-05T15:15:02+00:00'],
    ['+90s', '2026-12-04T15:16:32+00:00'],
    ['+1.5h', '2026-12-04T16:45:02+00:00'],
    ['+0', '2026-12-04T15:15:02+00:00'],
    ['+600ms', '2026-12-04T15:15:03+00:00'],
    [' +30m ', '2026-12-04T15:45:02+00:00'],
    ['+30d', '2027-01-03T15:15:02+00:00'],
  ])('%s from now is %s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it('writes UTC as +00:00 to the second', () => {
    expect(at('+1h', new Date('2026-12-31T23:30:00.999Z'))).toBe('2027-01-01T00:30:00+00:00');
  });

  it('a duration without + counts back, as for every time flag: in the past, and the message says to write +', () => {
    const message = '--at: a duration alone counts back from now (it is now 2026-12-04T15:15:02Z); write + before it for a time from now, e.g. +30m';
    expect(atError('30m')).toBe(message);
    expect(atError('0.5s')).toBe(message);
  });
});

describe('--at: the past', () => {
  it('accepts up to a minute ago', () => {
    expect(at('2026-12-04T15:14:30Z')).toBe('2026-12-04T15:14:30Z');
    expect(at('2026-12-04T15:14:02.5Z')).toBe('2026-12-04T15:14:02.5Z');
  });

  it('rejects more than a minute ago, saying what time it is', () => {
    expect(atError('2026-12-04T15:14:02.499Z')).toBe(
      '--at "2026-12-04T15:14:02.499Z" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m',
    );
    expect(atError('2025-12-04T16:00:00+01:00')).toMatch(/^--at "2025-12-04T16:00:00\+01:00" is in the past /);
  });
});
