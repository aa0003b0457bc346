import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZ_RUNS } from '../fuzz/arbitraries.js';
import { stripAnsi, truncateMiddle, truncateToWidth, visibleWidth } from '../../src/render/text-width.js';

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

describe('truncateMiddle', () => {
  it('keeps text that fits', () => {
    expect(truncateMiddle('Outlet-Publish', 14)).toBe('Outlet-Publish');
  });

  it('cuts in the middle to the exact width, so the distinguishing end stays', () => {
    const name = 'Outlet-Incremental-Publish-2026-12-05-08:59:19';
    expect(truncateMiddle(name, 21)).toBe('Outlet-Inc…5-08:59:19');
    expect(visibleWidth(truncateMiddle(name, 21))).toBe(21);
    // An odd split gives the end the extra column: that is where names differ.
    expect(truncateMiddle(name, 20)).toBe('Outlet-In…5-08:59:19');
  });

  it('keeps apart names that differ only at the end', () => {
    const a = truncateMiddle('Outlet-Incremental-Publish-2026-12-05-08:59:19', 28);
    const b = truncateMiddle('Outlet-Incremental-Publish-2026-12-05-08:59:41', 28);
    expect(a).not.toBe(b);
    expect(truncateToWidth('Outlet-Incremental-Publish-2026-12-05-08:59:19', 28)).toBe(
      truncateToWidth('Outlet-Incremental-Publish-2026-12-05-08:59:41', 28),
    );
  });

  it('never splits a wide character and never goes over the width', () => {
    const cut = truncateMiddle('春のカタログ-公開-0859', 9);
    expect(visibleWidth(cut)).toBeLessThanOrEqual(9);
    expect(cut).toBe('春の…0859');
  });

  it('gives nothing for no room, and keeps the end first when there is little', () => {
    expect(truncateMiddle('Publishing', 0)).toBe('');
    expect(truncateMiddle('Publishing', 1)).toBe('…');
    expect(truncateMiddle('Publishing', 2)).toBe('…g');
    expect(truncateMiddle('Publishing', 3)).toBe('P…g');
  });

  it('keeps a start and an end of the text, as wide as the room allows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (text, width) => {
        const cut = truncateMiddle(text, width);
        expect(visibleWidth(cut)).toBeLessThanOrEqual(width);
        if (visibleWidth(text) <= width) {
          expect(cut).toBe(text);
          return;
        }
        const at = cut.indexOf('…');
        expect(text.startsWith(cut.slice(0, at))).toBe(true);
        expect(text.endsWith(cut.slice(at + 1))).toBe(true);
        // What the split loses is less than the widest cluster that did not fit: the start's loss goes to the end.
        const widest = Math.max(1, ...[...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map(({ segment }) => visibleWidth(segment)));
        expect(visibleWidth(cut)).toBeGreaterThanOrEqual(width - widest);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
