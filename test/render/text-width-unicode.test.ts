// Our column width agrees with string-width (the widths terminals follow), alone and behind an ASCII letter, at the
// edges of every Unicode block, of every East Asian Width range and of every range of the properties string-width
// decides by (zero-width marks, controls, emoji), and for a seeded random sample of the rest; a cut never overflows
// its width. Every code point is compared in `npm run fuzz` (test/fuzz/text-width-every-code-point.test.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { truncateToWidth, visibleWidth } from '../../src/render/text-width.js';
import { isScalar, LAST_CODE_POINT, widthDifference } from './string-width-oracle.js';
import { UNICODE_BLOCKS } from './unicode-blocks.js';

type Range = readonly [number, number];

/** get-east-asian-width's own ranges (string-width's East Asian Width), read from its generated table. */
async function eastAsianWidthRanges(): Promise<Range[]> {
  // Not among its package exports, and a dependency of string-width rather than ours: found beside string-width.
  const require = createRequire(createRequire(import.meta.url).resolve('string-width'));
  const table = path.join(path.dirname(require.resolve('get-east-asian-width')), 'lookup-data.js');
  const data = (await import(pathToFileURL(table).href)) as Record<string, unknown>;
  const ranges: Range[] = [];
  for (const name of ['ambiguousRanges', 'fullwidthRanges', 'halfwidthRanges', 'narrowRanges', 'wideRanges']) {
    const flat = data[name] as number[];
    for (let i = 0; i < flat.length; i += 2) ranges.push([flat[i]!, flat[i + 1]!]);
  }
  return ranges;
}

/** Every scalar value, in order, as one string: a property's ranges are then its runs of matches. */
const ALL_SCALARS = (() => {
  const parts: string[] = [];
  for (let cp = 0; cp <= LAST_CODE_POINT; cp += 0x1000) {
    const chunk: number[] = [];
    for (let c = cp; c < cp + 0x1000; c++) if (isScalar(c)) chunk.push(c);
    parts.push(String.fromCodePoint(...chunk));
  }
  return parts.join('');
})();

/** The runs of the code points a property (of Node's own Unicode data) holds. */
function propertyRanges(property: RegExp): Range[] {
  const ranges: Range[] = [];
  for (const match of ALL_SCALARS.matchAll(property)) {
    const run = match[0];
    const lastUnit = run.charCodeAt(run.length - 1);
    const last = lastUnit >= 0xdc00 && lastUnit <= 0xdfff ? run.codePointAt(run.length - 2)! : lastUnit;
    ranges.push([run.codePointAt(0)!, last]);
  }
  return ranges;
}

/** What string-width's widths depend on (its index.js), besides East Asian Width. */
const WIDTH_PROPERTIES = [
  /\p{Default_Ignorable_Code_Point}+/gu,
  /\p{Control}+/gu,
  /\p{Format}+/gu,
  /\p{Nonspacing_Mark}+/gu,
  /\p{Enclosing_Mark}+/gu,
  /\p{Spacing_Mark}+/gu,
  /\p{Extended_Pictographic}+/gu,
  /\p{Emoji_Presentation}+/gu,
  /\p{Unassigned}+/gu,
];

/** The first and last code point of each range and those either side of it. */
function edges(ranges: readonly Range[]): Set<number> {
  const points = new Set<number>();
  for (const [first, last] of ranges) for (const cp of [first - 1, first, last, last + 1]) if (isScalar(cp)) points.add(cp);
  return points;
}

function differences(points: Iterable<number>): string[] {
  const found: string[] = [];
  for (const cp of points) {
    const difference = widthDifference(cp);
    if (difference) found.push(difference);
  }
  return found;
}

/** mulberry32: a small seeded generator, so a sample that finds a difference finds it again. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SAMPLE_SEED = 0x23_2026;
const SAMPLE_SIZE = 20_000;

describe('visibleWidth against string-width', () => {
  it('the block table covers U+0000 to U+10FFFF in order, as Unicode 17.0 lays it out', () => {
    expect(UNICODE_BLOCKS, 'Unicode 17.0 has 346 blocks: for a newer Unicode, regenerate test/render/unicode-blocks.ts (its header says how)').toHaveLength(346);
    expect(UNICODE_BLOCKS[0]).toEqual([0, 0x7f, 'BASICLATIN']);
    expect(UNICODE_BLOCKS.at(-1)).toEqual([0x100000, 0x10ffff, 'SUPPLEMENTARYPRIVATEUSEAREAB']);
    for (let i = 1; i < UNICODE_BLOCKS.length; i++) {
      const [previousFirst, previousLast] = UNICODE_BLOCKS[i - 1]!;
      const [first] = UNICODE_BLOCKS[i]!;
      expect(previousFirst, UNICODE_BLOCKS[i - 1]![2]).toBeLessThanOrEqual(previousLast);
      expect(first, UNICODE_BLOCKS[i]![2]).toBeGreaterThan(previousLast);
      expect(first % 16, UNICODE_BLOCKS[i]![2]).toBe(0);
    }
  });

  it('agrees at the edges of every Unicode block', () => {
    const points = edges(UNICODE_BLOCKS.map(([first, last]) => [first, last] as const));
    // Neighbouring blocks share their edges: 346 blocks make 788 code points.
    expect(points.size).toBe(788);
    expect(differences(points).slice(0, 20)).toEqual([]);
  });

  it('agrees at the edges of every East Asian Width range', async () => {
    const ranges = await eastAsianWidthRanges();
    // Unicode 17.0's EastAsianWidth.txt, all but the neutral, merged into runs: 321 of them; the wide run from U+3250 holds the CJK ideographs.
    expect(ranges, 'a newer Unicode in get-east-asian-width (string-width\'s table): count its runs again here').toHaveLength(321);
    expect(ranges).toContainEqual([0x3250, 0xa48c]);
    expect(differences(edges(ranges)).slice(0, 20)).toEqual([]);
  });

  it('agrees at the edges of every range of the properties string-width decides by', () => {
    for (const property of WIDTH_PROPERTIES) {
      const ranges = propertyRanges(property);
      expect(ranges.length, property.source).toBeGreaterThan(0);
      expect(differences(edges(ranges)).slice(0, 20), property.source).toEqual([]);
    }
  });

  it(`agrees for ${SAMPLE_SIZE} code points drawn with the seed ${SAMPLE_SEED}`, () => {
    const random = seededRandom(SAMPLE_SEED);
    const sample: number[] = [];
    while (sample.length < SAMPLE_SIZE) {
      const cp = Math.floor(random() * (LAST_CODE_POINT + 1));
      if (isScalar(cp)) sample.push(cp);
    }
    expect(new Set(sample).size).toBeGreaterThan(SAMPLE_SIZE * 0.9);
    expect(differences(sample).slice(0, 20), `seed ${SAMPLE_SEED}`).toEqual([]);
  });

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
