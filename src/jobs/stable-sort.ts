// The one way lists are ordered: `--sort field` or `-field`, keys computed once per item, a stable
// sort, and items lacking the field last whichever the direction.

export type SortKey = string | number | undefined;

export interface FieldSort<F> {
  field: F;
  descending: boolean;
}

/** A --sort value naming no known field; the message lists the accepted ones. */
export class SortFieldError extends Error {
  override name = 'SortFieldError';
  constructor(
    readonly input: string,
    accepted: readonly string[],
  ) {
    super(`unknown sort field "${input}"; accepted: ${accepted.join(', ')} (prefix with - for descending)`);
  }
}

/** A parser of `field` / `-field` over the given names (matched case-insensitively). */
export function fieldSortParser<F>(byName: ReadonlyMap<string, F>): (text: string) => FieldSort<F> {
  const byLowerName = new Map([...byName].map(([name, field]) => [name.toLowerCase(), field]));
  const accepted = [...new Map([...byName.keys()].map((name) => [name.toLowerCase(), name])).values()];
  return (text) => {
    const trimmed = text.trim();
    const descending = trimmed.startsWith('-');
    const field = byLowerName.get((descending ? trimmed.slice(1) : trimmed).toLowerCase());
    if (field === undefined) throw new SortFieldError(text, accepted);
    return { field, descending };
  };
}

// Created on first use: building a collator loads ICU data, about 10 ms a run that never sorts text does not need.
let collator: Intl.Collator | undefined;

function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}

/** A new, stably sorted array. Numbers compare as numbers, strings naturally (`batch-2` before `batch-10`). */
export function sortByKey<T>(items: readonly T[], key: (item: T) => SortKey, descending: boolean): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: key(item) }));
  const direction = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key !== b.key) return a.key === undefined ? 1 : -1;
      return a.index - b.index;
    }
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : compareText(String(a.key), String(b.key));
    return order !== 0 ? order * direction : a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}
