// The comparison both the normal suite (test/render/text-width-unicode.test.ts: the edges of every block and East
// Asian Width range, and a seeded sample) and `npm run fuzz` (test/fuzz/text-width-every-code-point.test.ts: every
// code point) make: our column width against string-width's, the widths terminals follow.
import stringWidth from 'string-width';
import { visibleWidth } from '../../src/render/text-width.js';

/** Code points whose width we decide differently from string-width, with the reason. None today. */
const ALLOWED: ReadonlyMap<number, string> = new Map();

export const LAST_CODE_POINT = 0x10ffff;

export function isScalar(cp: number): boolean {
  return cp >= 0 && cp <= LAST_CODE_POINT && (cp < 0xd800 || cp > 0xdfff);
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Where our width of the code point, alone and behind an ASCII letter (which takes our Latin fast path's place and
 * the marks that join it), differs from string-width's; undefined when they agree.
 */
export function widthDifference(cp: number): string | undefined {
  if (ALLOWED.has(cp)) return undefined;
  const char = String.fromCodePoint(cp);
  for (const text of [char, `a${char}`]) {
    const ours = visibleWidth(text);
    const theirs = stringWidth(text);
    if (ours !== theirs) return `${hex(cp)}${text === char ? '' : ' behind "a"'}: ours ${ours}, string-width ${theirs}`;
  }
  return undefined;
}
