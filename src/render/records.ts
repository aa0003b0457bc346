// Any list of records (job logs, log details, schedules, companies, task progress) in every output
// format of `list`: an aligned table for people, json/ndjson and csv/tsv for programs. One column
// registry per record type drives all of them.
import { type AlignedCell, type AlignedColumn, renderAlignedLines } from './aligned-table.js';
import { ColumnsError } from './columns.js';
import type { Palette, Style } from './palette.js';
import { escapeJsonText, sanitizeForTerminal } from './sanitize.js';

export interface RecordColumn<T> {
  /** What --columns calls it. */
  id: string;
  /** Table header. */
  header: string;
  /** csv/tsv header: the IPS field name where there is one. */
  field: string;
  align?: 'left' | 'right';
  /** Lower numbers give up width first on a narrow terminal; absent = never shrunk. */
  shrinkOrder?: number;
  /** When shrinking is not enough, lower numbers are left out first; absent = always shown. */
  dropOrder?: number;
  minWidth?: number;
  /** Table cell, plain text (server text is sanitised by the renderer). */
  text(row: T): string;
  /** csv/tsv value, raw. Default: the table text. */
  value?(row: T): string;
  /** A style for this cell instead of the row's. */
  style?(row: T, palette: Palette): Style | undefined;
}

export interface RecordTableOptions<T> {
  headers: boolean;
  palette: Palette;
  /** Terminal columns; absent (piped) = never cut. */
  width?: number;
  rowStyle?(row: T, palette: Palette): Style | undefined;
}

const MIN_FLEXIBLE_WIDTH = 8;

/** An aligned, borderless table (the `list` look); '' for no rows without headers. */
export function renderRecordTable<T>(rows: readonly T[], columns: readonly RecordColumn<T>[], options: RecordTableOptions<T>): string {
  const { palette } = options;
  const layout: AlignedColumn[] = columns.map((column) => ({
    align: column.align ?? 'left',
    shrinkOrder: column.shrinkOrder,
    dropOrder: column.dropOrder,
    minWidth: Math.max(column.minWidth ?? MIN_FLEXIBLE_WIDTH, column.header.length),
  }));
  const cells: AlignedCell[][] = [];
  if (options.headers) cells.push(columns.map((column) => ({ text: column.header, style: palette.heading })));
  for (const row of rows) {
    const rowStyle = options.rowStyle?.(row, palette);
    cells.push(columns.map((column) => ({ text: sanitizeForTerminal(column.text(row)), style: column.style?.(row, palette) ?? rowStyle })));
  }
  const lines = renderAlignedLines(layout, cells, options.width);
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
