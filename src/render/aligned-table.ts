import type { Style } from './palette.js';
import { truncateMiddle, truncateToWidth, visibleWidth } from './text-width.js';

export interface AlignedColumn {
  align: 'left' | 'right';
  /** Lower numbers give up width first when the table is wider than `width`; absent = fixed. */
  shrinkOrder?: number;
  /** Narrowest a shrinkable column gets before the next one is shrunk. */
  minWidth: number;
  /** When shrinking is not enough, lower numbers are left out first; absent = never left out. */
  dropOrder?: number;
  /**
   * The column that tells rows apart (a job's name): the last thing cut. It keeps its whole width while any other
   * column can shrink or be left out, and when it must give way it is cut in the middle, so its end stays.
   */
  identifies?: boolean;
  /**
   * For the identifying column: columns whose dropOrder is below this are left out before it gives up any width, the
   * others after it is cut (so a narrow terminal keeps a job's progress beside a cut name). Absent: after every column.
   */
  cutOrder?: number;
}

export interface AlignedCell {
  /** Plain text without ANSI codes: widths are measured and cut on it before styling. */
  text: string;
  /**
   * The end of `text` an identifying column's cut keeps whole (a finished job's ` (failed)` after its name): the
   * middle cut is made in the text before it.
   */
  keepEnd?: string;
  style?: Style;
}

const GAP = '  ';

function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w, 0) + GAP.length * Math.max(0, widths.length - 1);
}

/** Widths that fit `width` as far as shrinking can; identifying columns shrink only when `cutNames`, and last. */
function fitColumns(columns: readonly AlignedColumn[], natural: number[], width: number, cutNames: boolean): number[] {
  const widths = [...natural];
  let excess = tableWidth(widths) - width;
  const order = (column: AlignedColumn) => (column.identifies ? Number.POSITIVE_INFINITY : (column.shrinkOrder ?? 0));
  const shrinkable = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.shrinkOrder !== undefined && (cutNames || !column.identifies))
    .sort((a, b) => order(a.column) - order(b.column));
  for (const { column, index } of shrinkable) {
    if (excess <= 0) break;
    const current = widths[index] ?? 0;
    const give = Math.min(excess, Math.max(0, current - column.minWidth));
    widths[index] = current - give;
    excess -= give;
  }
  return widths;
}

interface Fit {
  /** The columns kept, by index. */
  shown: number[];
  /** Whether the identifying columns must shrink too. */
  cutNames: boolean;
}

/**
 * The columns kept when shrinking alone cannot fit `width`: droppable ones leave, lowest dropOrder first, before an
 * identifying column gives up any width; only with nothing left to drop is it cut.
 */
function columnsThatFit(columns: readonly AlignedColumn[], natural: readonly number[], width: number): Fit {
  let shown = columns.map((_, c) => c);
  const cutOrder = Math.min(...columns.map((column) => (column.identifies ? (column.cutOrder ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY)));
  for (;;) {
    const droppable = shown.filter((c) => columns[c]!.dropOrder !== undefined);
    const cutNames = droppable.every((c) => columns[c]!.dropOrder! >= cutOrder);
    const widths = fitColumns(
      shown.map((c) => columns[c]!),
      shown.map((c) => natural[c]!),
      width,
      cutNames,
    );
    if (tableWidth(widths) <= width) return { shown, cutNames };
    if (droppable.length === 0) return { shown, cutNames };
    const next = droppable.reduce((a, b) => (columns[a]!.dropOrder! <= columns[b]!.dropOrder! ? a : b));
    shown = shown.filter((c) => c !== next);
  }
}

/**
 * Borderless, aligned lines (two spaces between columns, no trailing blanks). With `width`, shrinkable
 * columns are cut with `…` and, as a last resort, each line is clipped so none is wider; without it nothing is cut.
 */
export function renderAlignedLines(columns: readonly AlignedColumn[], rows: readonly AlignedCell[][], width?: number): string[] {
  // One width measurement per cell keeps this linear in the number of rows.
  const allCellWidths = rows.map((row) => row.map((cell) => visibleWidth(cell.text)));
  const allNatural = columns.map((_, c) => allCellWidths.reduce((max, widths) => Math.max(max, widths[c] ?? 0), 0));
  const { shown, cutNames } = width === undefined ? { shown: columns.map((_, c) => c), cutNames: false } : columnsThatFit(columns, allNatural, width);
  if (shown.length < columns.length) {
    return renderAlignedLines(
      shown.map((c) => columns[c]!),
      rows.map((row) => shown.map((c) => row[c] ?? { text: '' })),
      width,
    );
  }
  const cellWidths = allCellWidths;
  const natural = allNatural;
  const widths = width === undefined ? natural : fitColumns(columns, natural, width, cutNames);
  const limit = width ?? Number.POSITIVE_INFINITY;

  return rows.map((row, r) => {
    let last = row.length - 1;
    while (last >= 0 && row[last]?.text === '') last--;
    let line = '';
    let used = 0;
    for (let c = 0; c <= last; c++) {
      const cell = row[c] ?? { text: '' };
      const right = columns[c]?.align === 'right';
      const columnWidth = widths[c] ?? 0;
      const gap = c === 0 ? '' : GAP;
      const room = limit - used - gap.length;
      if (room <= 0) break;
      let text = cell.text;
      let textWidth = cellWidths[r]?.[c] ?? 0;
      if (textWidth > columnWidth) {
        text = columns[c]?.identifies ? cutMiddle(text, columnWidth, cell.keepEnd ?? '') : truncateToWidth(text, columnWidth);
        textWidth = visibleWidth(text);
      }
      const padding = columnWidth - textWidth;
      let before = right ? padding : 0;
      // The last cell of a line is not padded after, so lines carry no trailing blanks.
      let after = right || c === last ? 0 : padding;
      const clipped = before + textWidth + after > room;
      if (clipped) {
        // Fixed columns alone are wider than the terminal: cut this cell and drop the rest of the line.
        before = Math.min(before, room);
        text = truncateToWidth(text, room - before);
        textWidth = visibleWidth(text);
        after = 0;
      }
      const styled = cell.style && text !== '' ? cell.style(text) : text;
      line += gap + ' '.repeat(before) + styled + ' '.repeat(after);
      used += gap.length + before + textWidth + after;
      if (clipped) break;
    }
    // A line cut mid-padding would otherwise end in blanks.
    return line.replace(/ +$/, '');
  });
}

/** An identifying cell cut to `width` in the middle of what comes before `keepEnd` (kept whole while it fits). */
function cutMiddle(text: string, width: number, keepEnd: string): string {
  const endWidth = visibleWidth(keepEnd);
  if (keepEnd === '' || !text.endsWith(keepEnd) || endWidth >= width) return truncateMiddle(text, width);
  return truncateMiddle(text.slice(0, text.length - keepEnd.length), width - endWidth) + keepEnd;
}
