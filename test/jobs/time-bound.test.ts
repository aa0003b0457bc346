import { afterEach, describe, expect, it } from 'vitest';
import { boundsInOrder, formatInstant, isRelative, parseTimeBound, TimeBoundError, timeBoundMs } from '../../src/jobs/time-bound.js';

const NOW = Date.parse('2026-11-28T09:00:00-08:00');

/** Runs `work` with this machine's time zone set to `zone` (Node reads TZ again when it changes). */
const savedZone = process.env.TZ;
function inZone<T>(zone: string, work: () => T): T {
  process.env.TZ = zone;
  return work();
}
afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

/** Two zones a day apart: UTC+14 and (in winter) UTC−10. */
const KIRITIMATI = 'Pacific/Kiritimati';
const ADAK = 'America/Adak';

describe('a duration', () => {
  it('alone counts back from now (the server clock)', () => {
    expect(parseTimeBound('24h')).toEqual({ agoMs: 86_400_000 });
    expect(timeBoundMs(parseTimeBound('90m'), NOW)).toBe(NOW - 90 * 60_000);
    expect(timeBoundMs(parseTimeBound('7d'), NOW)).toBe(NOW - 7 * 86_400_000);
    expect(timeBoundMs(parseTimeBound('1.5h'), NOW)).toBe(NOW - 90 * 60_000);
    expect(timeBoundMs(parseTimeBound('0'), NOW)).toBe(NOW);
  });

  it('after + counts forward from now', () => {
    expect(timeBoundMs(parseTimeBound('+30m'), NOW)).toBe(NOW + 30 * 60_000);
    expect(timeBoundMs(parseTimeBound(' +2h '), NOW)).toBe(NOW + 2 * 3_600_000);
    expect(timeBoundMs(parseTimeBound('+0'), NOW)).toBe(NOW);
  });
});

describe('an ISO date-time with an offset', () => {
  it.each([
    ['2026-11-27T09:00:00-08:00', '2026-11-27T17:00:00.000Z', '2026-11-27T09:00:00-08:00'],
    ['2026-11-27T17:00Z', '2026-11-27T17:00:00.000Z', '2026-11-27T17:00:00Z'],
    ['2026-11-27T17:00:00.500+0100', '2026-11-27T16:00:00.500Z', '2026-11-27T17:00:00.500+01:00'],
    ['2026-11-27t17:00:00z', '2026-11-27T17:00:00.000Z', '2026-11-27T17:00:00Z'],
    ['2026-11-27 17:00:00+05:30', '2026-11-27T11:30:00.000Z', '2026-11-27T17:00:00+05:30'],
    ['2027-06-30T23:59:59+14:00', '2027-06-30T09:59:59.000Z', '2027-06-30T23:59:59+14:00'],
  ])('%s is %s whatever the machine’s zone, written %s', (text, instant, iso) => {
    for (const zone of [KIRITIMATI, ADAK, 'UTC']) {
      const bound = inZone(zone, () => parseTimeBound(text));
      expect(bound, zone).toEqual({ atMs: Date.parse(instant), iso });
    }
  });
});

describe('an ISO date-time without an offset: this machine’s local time, as date -d reads it', () => {
  it.each([
    // 09:00 on the 14th is 19:00Z on the 13th at UTC+14, and 19:00Z on the 14th at UTC−10.
    ['2031-01-14T09:00', KIRITIMATI, '2031-01-13T19:00:00.000Z', '2031-01-14T09:00:00+14:00'],
    ['2031-01-14T09:00', ADAK, '2031-01-14T19:00:00.000Z', '2031-01-14T09:00:00-10:00'],
    ['2031-01-14 09:00:30.25', ADAK, '2031-01-14T19:00:30.250Z', '2031-01-14T09:00:30.25-10:00'],
    // In July Adak keeps daylight saving time (UTC−9): the offset of the day written, not of today.
    ['2031-07-01T12:30', ADAK, '2031-07-01T21:30:00.000Z', '2031-07-01T12:30:00-09:00'],
  ])('%s in %s is %s', (text, zone, instant, iso) => {
    expect(inZone(zone, () => parseTimeBound(text))).toEqual({ atMs: Date.parse(instant), iso });
  });

  it('a date alone is its local midnight', () => {
    expect(inZone(KIRITIMATI, () => parseTimeBound('2031-01-14'))).toEqual({ atMs: Date.parse('2031-01-13T10:00:00Z'), iso: '2031-01-14T00:00:00+14:00' });
    expect(inZone(ADAK, () => parseTimeBound('2031-01-14'))).toEqual({ atMs: Date.parse('2031-01-14T10:00:00Z'), iso: '2031-01-14T00:00:00-10:00' });
  });

  it('a local time that a daylight-saving change repeats is the earlier of the two', () => {
    // Adak falls back from 02:00 (UTC−9) to 01:00 (UTC−10) on 2 November 2031: 01:30 happens twice.
    expect(inZone(ADAK, () => parseTimeBound('2031-11-02T01:30'))).toEqual({ atMs: Date.parse('2031-11-02T10:30:00Z'), iso: '2031-11-02T01:30:00-09:00' });
  });

  it('a date alone whose midnight a daylight-saving change skips is refused too', () => {
    // Santiago springs forward at midnight on 7 September 2031.
    expect(() => inZone('America/Santiago', () => parseTimeBound('2031-09-07'))).toThrow(/^invalid time "2031-09-07": this local time does not exist .*e\.g\. 2031-09-07T00:00-04:00$/);
  });

  it('a local time that a daylight-saving change skips is refused, naming the fix', () => {
    // Adak springs forward from 02:00 to 03:00 on 9 March 2031.
    expect(() => inZone(ADAK, () => parseTimeBound('2031-03-09T02:30'))).toThrow(
      'invalid time "2031-03-09T02:30": this local time does not exist in this machine\'s time zone (a daylight-saving change skips it); give an offset, e.g. 2031-03-09T02:30-10:00',
    );
  });
});

describe('anything else', () => {
  it('a duration reaching more than 100 years away is refused', () => {
    expect(() => parseTimeBound('+99999999d')).toThrow('invalid time "+99999999d": more than 100 years from now');
    expect(() => parseTimeBound('36501d')).toThrow('invalid time "36501d": more than 100 years from now');
    expect(timeBoundMs(parseTimeBound('36500d'), NOW)).toBe(NOW - 36_500 * 86_400_000);
  });

  it.each([
    '',
    '   ',
    'yesterday',
    'now',
    '24',
    '-1h',
    '30',
    '+',
    '+30',
    '++5m',
    '+-5m',
    '+5x',
    '1h30m',
    '2026-11-27T09',
    '2026-11-27T09:00:00+01',
    '2026-11-27T09:00:00 +01:00',
    '2026-11-27Z',
    '2026-02-30T09:00:00Z',
    '2027-02-29T10:00',
    '2026-11-27T25:00',
    '2026-11-27T24:00:00Z',
    '2026-11-27T16:60:00Z',
    '2026-11-27T16:00:60',
    '2026-13-01T10:00:00Z',
    '04/12/2026 16:00',
    '1764860400',
  ])('%j is refused with the forms', (text) => {
    expect(() => parseTimeBound(text)).toThrow(TimeBoundError);
    expect(() => parseTimeBound(text)).toThrow(
      `invalid time ${JSON.stringify(text)}: expected a duration back from now (90m, 7d), +<duration> from now (+30m), or an ISO date-time: ` +
        'with an offset (2026-11-28T09:00-08:00, 2026-11-28T17:00Z) or in this machine\'s time zone (2026-11-28T09:00, 2026-11-28); see ips-jobs help times',
    );
  });
});

describe('bounds', () => {
  it('knows which bounds need the clock', () => {
    expect(isRelative(parseTimeBound('1h'))).toBe(true);
    expect(isRelative(parseTimeBound('+1h'))).toBe(true);
    expect(isRelative(parseTimeBound('2026-11-27T09:00:00Z'))).toBe(false);
    expect(isRelative(parseTimeBound('2026-11-27'))).toBe(false);
    expect(isRelative(undefined)).toBe(false);
  });

  it('tells whether until comes after since when it can without the clock', () => {
    expect(boundsInOrder(parseTimeBound('48h'), parseTimeBound('24h'))).toBe(true);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('2h'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('1h'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('+1h'))).toBe(true);
    expect(boundsInOrder(parseTimeBound('2026-11-27T09:00:00Z'), parseTimeBound('2026-11-28T09:00:00Z'))).toBe(true);
    expect(boundsInOrder(parseTimeBound('2026-11-28T09:00:00Z'), parseTimeBound('2026-11-27T09:00:00Z'))).toBe(false);
    expect(boundsInOrder(parseTimeBound('1h'), parseTimeBound('2026-11-27T09:00:00Z'))).toBeUndefined();
  });

  it('formats instants for messages to the second, in UTC', () => {
    expect(formatInstant(Date.parse('2026-11-27T17:00:00.789Z'))).toBe('2026-11-27T17:00:00Z');
  });
});
