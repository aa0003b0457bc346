// Prose for a terminal: words wrapped to a width, never cut (a word longer than the width gets a line of its own, cut).
import { truncateToWidth, visibleWidth } from './text-width.js';

/** Lines of at most `width` columns (undefined: one line); words are split on spaces. */
export function wrapWords(text: string, width: number | undefined): string[] {
  if (width === undefined) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (visibleWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = visibleWidth(word) <= width ? word : truncateToWidth(word, width);
  }
  if (line !== '') lines.push(line);
  return lines;
}
