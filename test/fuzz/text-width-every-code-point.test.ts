// Our column width against string-width for every code point (13 s) in `npm run fuzz`; the normal suite's run
// (FUZZ_RUNS unset, 100) compares FUZZ_RUNS × 100 code points spread evenly over the range, a different set each
// time FUZZ_RUNS changes. test/render/text-width-unicode.test.ts checks the edges of the ranges and a seeded sample.
import { describe, expect, it } from 'vitest';
import { isScalar, LAST_CODE_POINT, widthDifference } from '../render/string-width-oracle.js';
import { FUZZ_RUNS } from './arbitraries.js';

// `npm run fuzz`'s 20000 runs make a stride of 1: every code point.
const STRIDE = Math.max(1, Math.floor((LAST_CODE_POINT + 1) / (FUZZ_RUNS * 100)));

describe('visibleWidth against string-width, over the whole range', () => {
  it(`agrees for every ${STRIDE === 1 ? '' : `${STRIDE}th `}code point from U+0000 to U+10FFFF`, () => {
    const differences: string[] = [];
    let compared = 0;
    for (let cp = 0; cp <= LAST_CODE_POINT; cp += STRIDE) {
      if (!isScalar(cp)) continue;
      compared++;
      const difference = widthDifference(cp);
      if (difference) differences.push(difference);
    }
    expect(compared).toBeGreaterThan((LAST_CODE_POINT + 1 - 0x800) / STRIDE - 1);
    expect(differences.slice(0, 20)).toEqual([]);
  }, 300_000);
});
