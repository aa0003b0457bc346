import { describe, expect, it } from 'vitest';
import { stripAnsi, truncateToWidth, visibleWidth } from '../../src/render/text-width.js';

describe('visibleWidth', () => {
  it('does not count colour codes', () => {
    expect(visibleWidth('\x1b[36mRunning\x1b[39m')).toBe(7);
    expect(stripAnsi('\x1b[1mNAME\x1b[22m')).toBe('NAME');
  });

  it('counts CJK and emoji as two columns and combining marks as none', () => {
    expect(visibleWidth('春のカタログ')).toBe(12);
    expect(visibleWidth('📦 box')).toBe(6);
    expect(visibleWidth('Cafe\u0301')).toBe(4);
    expect(visibleWidth('█████░░░░░')).toBe(10);
  });
});

describe('truncateToWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateToWidth('short', 5)).toBe('short');
  });

  it('cuts with an ellipsis to the exact width', () => {
    expect(truncateToWidth('Publishing images', 8)).toBe('Publish…');
  });

  it('never splits a wide character across the limit', () => {
    const cut = truncateToWidth('春のカタログ', 6);
    expect(cut).toBe('春の…');
    expect(visibleWidth(cut)).toBeLessThanOrEqual(6);
  });

  it('gives an empty string for no room and a lone ellipsis for one column', () => {
    expect(truncateToWidth('abc', 0)).toBe('');
    expect(truncateToWidth('abc', 1)).toBe('…');
  });
});
