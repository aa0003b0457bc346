// Terminal column width of text, as string-width measures it (the Unicode data terminals follow: East Asian Width,
// emoji, zero-width marks), with our own ANSI stripping and a fast path for printable Latin. Our own table of wide
// ranges disagreed with Unicode (U+1F5FA, U+16FE0, U+1B000 …); test/render/text-width-unicode.test.ts holds the
// edges of every block and width range and a seeded sample to string-width, `npm run fuzz` every code point.
// docs/dependencies.md has the measurement.
import stringWidth from 'string-width';

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// Printable Latin (ASCII, Latin-1 but the soft hyphen, Latin Extended-A and -B): one column a code unit, no clusters.
// Most job names outside ASCII are this; segmenting them into graphemes cost about 20 µs a name.
const ONE_COLUMN_LATIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f]*$/;

// Created on first use: most text is printable ASCII and never needs it, and building one costs milliseconds.
let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return segmenter.segment(text);
}

/** Columns of one grapheme cluster of plain text. */
function graphemeWidth(grapheme: string): number {
  // ANSI codes are already gone: string-width need not look for them again.
  return stringWidth(grapheme, { countAnsiEscapeCodes: true });
}

/** The text without ANSI escape sequences (SGR colours, other CSI, OSC). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns the text occupies on a terminal: ANSI codes count 0, combining marks 0, wide CJK/emoji 2. */
export function visibleWidth(text: string): number {
  const plain = stripAnsi(text);
  if (ONE_COLUMN_LATIN.test(plain)) return plain.length;
  return stringWidth(plain, { countAnsiEscapeCodes: true });
}

/** The longest start of plain text that fits `width` columns, whole grapheme clusters only. */
function headOf(text: string, width: number): string {
  if (ONE_COLUMN_LATIN.test(text)) return text.slice(0, width);
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes(text)) {
    const next = graphemeWidth(segment);
    if (used + next > width) break;
    kept += segment;
    used += next;
  }
  return kept;
}

/** The longest end of plain text that fits `width` columns, whole grapheme clusters only. */
function tailOf(text: string, width: number): string {
  if (width <= 0) return '';
  if (ONE_COLUMN_LATIN.test(text)) return text.slice(Math.max(0, text.length - width));
  const clusters = [...graphemes(text)].map(({ segment }) => segment);
  let kept = '';
  let used = 0;
  for (let i = clusters.length - 1; i >= 0; i--) {
    const next = graphemeWidth(clusters[i]!);
    if (used + next > width) break;
    kept = clusters[i]! + kept;
    used += next;
  }
  return kept;
}

/** Plain (ANSI-free) text cut to at most `width` columns, ending in `…` when anything was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (visibleWidth(text) <= width) return text;
  return `${headOf(text, width - 1)}…`;
}

/**
 * Plain (ANSI-free) text cut to at most `width` columns in the middle, so both ends stay: names that differ only at
 * the end (`Outlet-Incremental-Publish-2026-12-05-08:59:19`) stay apart (`Outlet-Incr…-08:59:19`). The end keeps the
 * extra column of an odd split, since that is where job names differ.
 */
export function truncateMiddle(text: string, width: number): string {
  if (width <= 0) return '';
  if (visibleWidth(text) <= width) return text;
  const room = width - 1;
  const head = headOf(text, Math.floor(room / 2));
  // A wide cluster that did not fit the start leaves its column to the end.
  return `${head}…${tailOf(text, room - visibleWidth(head))}`;
}
