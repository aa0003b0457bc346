// The one plural helper: `1 job`, `3 jobs`, `2 matches` (with `many` given).

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
