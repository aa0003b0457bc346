import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/text/bytes.js';
import { formatDuration } from '../../src/text/duration.js';
import { joinList } from '../../src/text/list.js';
import { plural } from '../../src/text/plural.js';
import { escapeXml } from '../../src/text/xml-escape.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [800, '800ms'],
    [45_000, '45s'],
    [12 * 60_000 + 30_000, '12m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 5 * 60_000, '3h 5m'],
    [2 * 86_400_000, '2d'],
    [2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, '2d 4h'],
    [-90_000, '-1m'],
  ])('compact: %i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [999, '0s'],
    [45_000, '45s'],
    [80_000, '1m 20s'],
    [120_000, '2m'],
    [3_900_000, '1h 5m'],
    [26 * 3_600_000, '1d 2h'],
    [-5_000, '0s'],
  ])('age: %i ms reads %s', (ms, text) => {
    expect(formatDuration(ms, 'age')).toBe(text);
  });

  it.each([
    [12_000, '12s'],
    [330_000, '5m'],
    [2 * 3_600_000 + 59 * 60_000, '2h'],
    [3 * 86_400_000 + 23 * 3_600_000, '3d'],
  ])('single: %i ms reads %s', (ms, text) => {
    expect(formatDuration(ms, 'single')).toBe(text);
  });

  it.each([
    [30_000, '30s'],
    [1_500, '1.5s'],
    [90_000, '90s'],
    [250, '0.3s'],
  ])('exact: %i ms reads %s', (ms, text) => {
    expect(formatDuration(ms, 'exact')).toBe(text);
  });

  it('says "-" for a span that is not a number', () => {
    expect([formatDuration(Number.NaN), formatDuration(Number.POSITIVE_INFINITY, 'age')]).toEqual(['-', '-']);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0B'],
    [512, '512B'],
    [1536, '1.5KB'],
    [12 * 1024 * 1024, '12MB'],
    [3 * 1024 ** 4, '3072GB'],
  ])('%i bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('plural', () => {
  it('counts with the singular for one and the plural otherwise', () => {
    expect([plural(0, 'job'), plural(1, 'job'), plural(2, 'job'), plural(2, 'match', 'matches')]).toEqual(['0 jobs', '1 job', '2 jobs', '2 matches']);
  });
});

describe('escapeXml', () => {
  it('escapes the markup characters and the whitespace an attribute would fold', () => {
    expect(escapeXml(`a&b<c>"d"'e'\tf\ng\r`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;&#x9;f&#xA;g&#xD;');
  });
});

describe('joinList', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
    [[1, 4, 5], '1, 4 and 5'],
  ])('%j reads %j', (items, text) => {
    expect(joinList(items)).toBe(text);
  });

  it('says or when asked', () => {
    expect(joinList(['username', 'password', 'company'], 'or')).toBe('username, password or company');
    expect(joinList(['password'], 'or')).toBe('password');
  });
});
