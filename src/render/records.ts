// Any list of records (active jobs, job logs, log details, schedules, companies, task progress) in every output
// format of `list`: an aligned table for people, json/ndjson and csv/tsv for programs. One column model and one
// table layout serve them all (`list`, `watch`'s live screen, every record listing); each record type has one registry.
import { type AlignedCell, type AlignedColumn, renderAlignedLines } from './aligned-table.js';
import type { Palette, Style } from './palette.js';
import { escapeJsonText, sanitizeForTerminal } from './sanitize.js';

/** --columns named something that is not a column (or, for csv/tsv, not a field either). */
export class ColumnsError extends Error {
  override name = 'ColumnsError';
  constructor(
    readonly unknown: readonly string[],
    readonly valid: readonly string[],
  ) {
    super(
      unknown.length === 0
        ? `no columns given; valid columns: ${valid.join(', ')}`
        : `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u}"`).join(', ')}; valid columns: ${valid.join(', ')}`,
    );
  }
}

/**
 * A column of any table: jobs, job logs, log details, schedules, companies. `C` is what a cell needs besides its row
 * (jobs: the server's clock, the stale threshold and the bar style); most columns need nothing.
 */
export interface RecordColumn<T, C = void> {
  /** What --columns calls it. */
  id: string;
  /** Table header. */
  header: string;
  /** csv/tsv header: the IPS field name where there is one. */
  field: string;
  /** Default left. */
  align?: 'left' | 'right';
  /** Lower numbers give up width first on a narrow terminal; absent = never shrunk. */
  shrinkOrder?: number;
  /** Narrowest a shrinking column gets (never narrower than its header); default MIN_FLEXIBLE_WIDTH. */
  minWidth?: number;
  /** When shrinking is not enough, lower numbers are left out first; absent = always shown. */
  dropOrder?: number;
  /** The column that tells rows apart (a name): cut last, and in the middle so its end stays (AlignedColumn). */
  identifies?: boolean;
  /** For the identifying column: columns whose dropOrder is below this leave before it is cut (AlignedColumn). */
  cutOrder?: number;
  /** For the identifying column: the end of a row's text its cut keeps whole (AlignedCell.keepEnd). */
  keepEnd?(row: T, ctx: C): string;
  /** Table cell, plain text without ANSI codes (server text is sanitised by the table). */
  text(row: T, ctx: C): string;
  /** csv/tsv value, raw. Default: the table text. */
  value?(row: T): string;
  /** A style for this cell instead of the row's. */
  style?(row: T, palette: Palette, ctx: C): Style | undefined;
}

export interface RecordTableOptions<T> {
  headers: boolean;
  palette: Palette;
  /** Terminal columns; absent (piped) = never cut. */
  width?: number;
  rowStyle?(row: T, palette: Palette): Style | undefined;
}

// Shrinkable columns keep at least this much (or their header, if longer) before the next one gives way.
const MIN_FLEXIBLE_WIDTH = 8;

/** The one table layout (`list`, `watch`, every record listing): header, then one aligned line per row. */
export function renderTableLines<T, C>(rows: readonly T[], columns: readonly RecordColumn<T, C>[], options: RecordTableOptions<T>, ctx: C): string[] {
  const { palette } = options;
  const layout: AlignedColumn[] = columns.map((column) => ({
    align: column.align ?? 'left',
    shrinkOrder: column.shrinkOrder,
    dropOrder: column.dropOrder,
    identifies: column.identifies,
    cutOrder: column.cutOrder,
    minWidth: Math.max(column.minWidth ?? MIN_FLEXIBLE_WIDTH, column.header.length),
  }));
  const cells: AlignedCell[][] = [];
  if (options.headers) cells.push(columns.map((column) => ({ text: column.header, style: palette.heading })));
  for (const row of rows) {
    const rowStyle = options.rowStyle?.(row, palette);
    cells.push(
      columns.map((column) => ({
        text: sanitizeForTerminal(column.text(row, ctx)),
        keepEnd: column.keepEnd?.(row, ctx),
        style: column.style?.(row, palette, ctx) ?? rowStyle,
      })),
    );
  }
  return renderAlignedLines(layout, cells, options.width);
}

/** The table as text, each line ending in `\n`; '' for no rows without headers. `ctx` only for columns that need one. */
export function renderRecordTable<T, C = void>(
  rows: readonly T[],
  columns: readonly RecordColumn<T, C>[],
  options: RecordTableOptions<T>,
  ...[ctx]: [C] extends [void] ? [] : [ctx: C]
): string {
  const lines = renderTableLines(rows, columns, options, ctx as C);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// Values starting with = + - @ are left as they are: this output feeds scripts, and prefixing would corrupt the data.
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const TSV_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' };

export function tsvField(value: string): string {
  return value.replace(/[\\\t\r\n]/g, (char) => TSV_ESCAPES[char] ?? char);
}

/** csv (RFC 4180, LF line ends) or tsv (tab, CR, LF, backslash escaped) lines, each ending in `\n`; values raw. */
export function* renderRecordDelimited<T>(
  rows: Iterable<T>,
  columns: readonly RecordColumn<T>[],
  options: { format: 'csv' | 'tsv'; headers: boolean },
): Iterable<string> {
  const encode = options.format === 'csv' ? csvField : tsvField;
  const separator = options.format === 'csv' ? ',' : '\t';
  if (options.headers) yield `${columns.map((c) => encode(c.field)).join(separator)}\n`;
  for (const row of rows) yield `${columns.map((c) => encode((c.value ?? c.text)(row))).join(separator)}\n`;
}

/** `--columns a,b` → those columns (by id or csv field name, case-insensitive); throws ColumnsError naming the valid ones. */
export function pickColumns<T>(text: string, columns: readonly RecordColumn<T>[]): RecordColumn<T>[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const find = (name: string) =>
    columns.find((c) => c.id.toLowerCase() === name.toLowerCase() || c.field.toLowerCase() === name.toLowerCase());
  const unknown = names.filter((name) => !find(name));
  if (names.length === 0 || unknown.length > 0) throw new ColumnsError(unknown, columns.map((c) => c.id));
  return names.map((name) => find(name)!);
}

/** A `-o json` document: `{ schemaVersion: 1, …context, [key]: items }`. Items are kept raw. */
export function recordsDocument(key: string, items: readonly unknown[], context: Record<string, unknown> = {}): object {
  return { schemaVersion: 1, ...context, [key]: items };
}

/** `-o ndjson`: one compact JSON object per item, each line ending in `\n`. */
export function* renderNdjson(items: Iterable<unknown>): Iterable<string> {
  for (const item of items) yield `${escapeJsonText(JSON.stringify(item))}\n`;
}
