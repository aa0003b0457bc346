import { describe, expect, it } from 'vitest';
import { parseExecTime } from '../../src/jobs/exec-time.js';
import { SubmitInputError } from '../../src/jobs/submit-plan.js';

const NOW = new Date('2026-12-04T15:15:02.500Z');

const FORMS =
  'expected an ISO date-time such as 2026-12-04T16:00:00+01:00 or 2026-12-04T15:00:00Z, one without an offset ' +
  "(this machine's local time) such as 2026-12-04T16:00, or +<duration> from now such as +30m, +2h";

/** This machine's offset at that local time, written ±hh:mm, worked out independently of the code under test. */
function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function atError(text: string): string {
  try {
    parseExecTime(text, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmitInputError);
    return (error as Error).message;
  }
  throw new Error(`parseExecTime(${JSON.stringify(text)}) did not throw`);
}

describe('parseExecTime: a date-time with an offset', () => {
  it.each([
    '2026-12-04T18:00:00+01:00',
    '2026-12-04T16:00:00Z',
    '2026-12-04T08:00:00-08:00',
    '2026-12-04T22:00:00.250+05:30',
    '2027-06-30T23:59:59+14:00',
  ])('keeps %s as written', (text) => {
    expect(parseExecTime(text, NOW)).toBe(text);
  });

  it('trims spaces around it', () => {
    expect(parseExecTime('  2026-12-04T16:00:00Z \n', NOW)).toBe('2026-12-04T16:00:00Z');
  });

  it('adds the seconds xsd:dateTime needs when they are left out', () => {
    expect(parseExecTime('2026-12-04T18:00+01:00', NOW)).toBe('2026-12-04T18:00:00+01:00');
    expect(parseExecTime('2026-12-04T16:00Z', NOW)).toBe('2026-12-04T16:00:00Z');
  });

  it('honours the offset when deciding whether it is past', () => {
    // 16:00 at +01:00 is 15:00Z, a quarter of an hour before now.
    expect(atError('2026-12-04T16:00:00+01:00')).toBe(
      '--at "2026-12-04T16:00:00+01:00" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m',
    );
    // 10:15 at -05:00 is 15:15Z, now.

    expect(parseExecTime('2026-12-04T10:15:00-05:00', NOW)).toBe('2026-12-04T10:15:00-05:00');
  });
});

describe('parseExecTime: a date-time without an offset (local time)', () => {
  it('adds the offset this machine has on that day', () => {
    const expected = `2026-12-10T16:00:00${localOffset(new Date(2026, 11, 10, 16, 0, 0))}`;
    expect(parseExecTime('2026-12-10T16:00:00', NOW)).toBe(expected);
  });

  it('uses the offset of the date given, not of now (daylight saving)', () => {
    const expected = `2027-07-01T12:30:00${localOffset(new Date(2027, 6, 1, 12, 30, 0))}`;
    expect(parseExecTime('2027-07-01T12:30', NOW)).toBe(expected);
  });

  it('keeps fractional seconds', () => {
    expect(parseExecTime('2026-12-10T16:00:05.75', NOW)).toBe(`2026-12-10T16:00:05.75${localOffset(new Date(2026, 11, 10, 16, 0, 5))}`);
  });

  it('is the same moment as the local time it names', () => {
    const iso = parseExecTime('2026-12-10T16:00:00', NOW);
    expect(Date.parse(iso)).toBe(new Date(2026, 11, 10, 16, 0, 0).getTime());
  });

  it('rejects a local time in the past', () => {
    expect(atError('2020-01-01T00:00')).toBe(
      '--at "2020-01-01T00:00" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m',
    );
  });
});

describe('parseExecTime: +<duration>', () => {
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
    expect(parseExecTime(text, NOW)).toBe(expected);
  });

  it('writes UTC as +00:00 to the second', () => {
    expect(parseExecTime('+1h', new Date('2026-12-31T23:30:00.999Z'))).toBe('2027-01-01T00:30:00+00:00');
  });
});

describe('parseExecTime: the past', () => {
  it('accepts up to a minute ago', () => {
    expect(parseExecTime('2026-12-04T15:14:30Z', NOW)).toBe('2026-12-04T15:14:30Z');
    expect(parseExecTime('2026-12-04T15:14:02.5Z', NOW)).toBe('2026-12-04T15:14:02.5Z');
  });

  it('rejects more than a minute ago, saying what time it is', () => {
    expect(atError('2026-12-04T15:14:02.499Z')).toBe(
      '--at "2026-12-04T15:14:02.499Z" is in the past (it is now 2026-12-04T15:15:02Z): give a later time, or +<duration> such as +30m',
    );
    expect(atError('2025-12-04T16:00:00+01:00')).toMatch(/^--at "2025-12-04T16:00:00\+01:00" is in the past /);
  });
});

describe('parseExecTime: unparseable', () => {
  it('names --at, the input and the accepted forms', () => {
    expect(atError('tomorrow')).toBe(`invalid --at "tomorrow": ${FORMS}`);
  });

  it.each([
    '',
    '   ',
    'now',
    '2026-12-04',
    '2026-12-04T16',
    '2026-12-04 16:00:00+01:00',
    '2026-12-04t16:00:00z',
    '2026-12-04T16:00:00+0100',
    '2026-12-04T16:00:00+01',
    '2026-12-04T16:00:00 +01:00',
    '2026-02-30T10:00:00Z',
    '2027-02-29T10:00',
    '2026-12-04T25:00',
    '2026-12-04T16:60:00Z',
    '2026-12-04T16:00:60',
    '2026-13-01T10:00:00Z',
    '04/12/2026 16:00',
    '1764860400',
    '30m',
    '+',
    '+30',
    '+-5m',
    '+5x',
    '+1h30m',
    '++5m',
    '+99999999d',
  ])('rejects %j', (text) => {
    expect(atError(text)).toBe(`invalid --at ${JSON.stringify(text)}: ${FORMS}`);
  });
});
