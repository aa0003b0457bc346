// Our column width agrees with string-width (the widths terminals follow) for every code point, alone and behind an
// ASCII letter, and a cut never overflows its width. Differences are allowed only when listed here with a reason;
// there are none today.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { truncateToWidth, visibleWidth } from '../../src/render/text-width.js';

/** Code points whose width we decide differently from string-width, with the reason. */
const ALLOWED: ReadonlyMap<number, string> = new Map();

function* everyScalar(): Generator<number> {
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) yield cp;
}

describe('visibleWidth against string-width', () => {
  it('agrees for every code point from U+0000 to U+10FFFF', () => {
    const differences: string[] = [];
    for (const cp of everyScalar()) {
      if (ALLOWED.has(cp)) continue;
      const char = String.fromCodePoint(cp);
      const ours = visibleWidth(char);
      const theirs = stringWidth(char);
      if (ours !== theirs) {
        differences.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}: ours ${ours}, string-width ${theirs}`);
      }
    }
    expect(differences.slice(0, 20)).toEqual([]);
  }, 120_000);

  it('the ones our own table got wrong are right now (East Asian Width: U+1F5FA neutral, the others wide)', () => {
    expect(visibleWidth('\u{1F5FA}')).toBe(1);
    expect(visibleWidth('\u{16FE0}')).toBe(2);
    expect(visibleWidth('\u{1B000}')).toBe(2);
    expect(visibleWidth('ab\u{1B000}\u0301c')).toBe(5);
  });

  it('a cut to any width never overflows it, for wide and zero-width characters', () => {
    const samples = ['Katalog-\u6625\u5B63-\u{1F5FA}-Ausgabe', 'e\u0301te\u0301-\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\uFF21\uFF22\uFF23-abc'];
    for (const text of samples) {
      for (let width = 1; width <= visibleWidth(text) + 1; width++) {
        const cut = truncateToWidth(text, width);
        expect(visibleWidth(cut), `${text} at ${width}`).toBeLessThanOrEqual(width);
      }
    }
  });
});
