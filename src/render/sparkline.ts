// A series in one line of block characters (▁▂▃▄▅▆▇█), scaled to its own maximum, with some cells marked (a day with
// failures): in colour, or with a glyph of its own where colour is off.
import type { Palette, Style } from './palette.js';

export const SPARK_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** A cell with nothing in it (a day without jobs). */
export const SPARK_EMPTY = '·';
/** A marked cell without colour: what the red block says in colour. */
export const SPARK_MARK = '×';

export interface SparkCell {
  value: number;
  /** How many of `value` are marked (failures); > 0 marks the cell. */
  marked: number;
}

/**
 * The series in at most `cells` cells: consecutive entries summed, the same number in each cell but the first, so the
 * last cell ends on the last entry (the latest day is whole). At least one entry per cell.
 */
export function bucketSeries(values: readonly number[], marked: readonly number[], cells: number): SparkCell[] {
  const per = Math.max(1, Math.ceil(values.length / Math.max(1, Math.floor(cells))));
  const out: SparkCell[] = [];
  for (let end = values.length; end > 0; end -= per) {
    const start = Math.max(0, end - per);
    let value = 0;
    let marks = 0;
    for (let i = start; i < end; i++) {
      value += values[i] ?? 0;
      marks += marked[i] ?? 0;
    }
    out.unshift({ value, marked: marks });
  }
  return out;
}

/** One glyph per cell: empty, or a level scaled to the largest cell (the smallest non-zero value is at least ▁). */
export function sparkGlyphs(cells: readonly SparkCell[], color: boolean): string {
  const max = cells.reduce((m, cell) => Math.max(m, cell.value), 0);
  return cells
    .map((cell) => {
      if (cell.value <= 0) return SPARK_EMPTY;
      if (cell.marked > 0 && !color) return SPARK_MARK;
      const level = Math.min(SPARK_LEVELS.length, Math.max(1, Math.ceil((cell.value / max) * SPARK_LEVELS.length)));
      return SPARK_LEVELS[level - 1]!;
    })
    .join('');
}

/**
 * The style that colours the marked cells of a sparkline's text (one code unit per cell; a text cut short keeps its
 * first cells, and its `…` is left plain).
 */
export function sparkStyle(cells: readonly SparkCell[], palette: Palette): Style | undefined {
  if (!palette.enabled || !cells.some((cell) => cell.marked > 0)) return undefined;
  return (text) => [...text].map((glyph, i) => (cells[i] !== undefined && cells[i].marked > 0 && glyph !== '…' ? palette.error(glyph) : glyph)).join('');
}
