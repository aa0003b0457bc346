// The one helper for a list in a sentence: `a`, `a and b`, `a, b and c` (or `a, b or c`).

/** `a`, `a and b`, `a, b and c`; with `or`, `a, b or c`; nothing: the empty string. */
export function joinList(items: ReadonlyArray<string | number>, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length < 2) return items.length === 0 ? '' : String(items[0]);
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${String(items.at(-1))}`;
}
