// The output formats every listing command shares, written the same way everywhere.
import { renderJson } from '../../render/jobs-json.js';
import { createPalette } from '../../render/palette.js';
import {
  pickColumns,
  recordsDocument,
  renderNdjson,
  renderRecordDelimited,
  renderRecordTable,
  type RecordColumn,
  type RecordTableOptions,
} from '../../render/records.js';
import { write, writeLines, type IO } from './io.js';
import type { OutputFormat } from './output-option.js';
import { UsageError } from './usage-error.js';

export { type OutputFormat } from './output-option.js';

/** --columns for a record type, checked before any request: a bad name is a usage error. */
export function chooseColumns<T>(text: string | undefined, all: readonly RecordColumn<T>[], fallback: readonly RecordColumn<T>[]): readonly RecordColumn<T>[] {
  if (text === undefined) return fallback;
  try {
    return pickColumns(text, all);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface RecordsOutput<T> {
  format: OutputFormat;
  /** The json document's key for the items, e.g. `logs`; and what else the document says (company, …). */
  key: string;
  context?: Record<string, unknown>;
  /** Table columns for `table`; `wide` uses `wideColumns`; csv/tsv use `delimitedColumns` (default: wide). */
  columns: readonly RecordColumn<T>[];
  wideColumns: readonly RecordColumn<T>[];
  delimitedColumns?: readonly RecordColumn<T>[];
  /** What json/ndjson carry for a row (default: the row itself). */
  toJson?: (row: T) => unknown;
  headers: boolean;
  color: boolean;
  rowStyle?: RecordTableOptions<T>['rowStyle'];
  /** Said on stderr when a table has no rows and stdout is a terminal. */
  emptyMessage: string;
}

export async function writeRecords<T>(io: IO, rows: readonly T[], output: RecordsOutput<T>): Promise<void> {
  const toJson = output.toJson ?? ((row: T) => row);
  switch (output.format) {
    case 'json':
      return write(io.stdout, renderJson(recordsDocument(output.key, rows.map(toJson), output.context)));
    case 'ndjson':
      return writeLines(io.stdout, renderNdjson(rows.map(toJson)));
    case 'csv':
    case 'tsv':
      return writeLines(
        io.stdout,
        renderRecordDelimited(rows, output.delimitedColumns ?? output.wideColumns, { format: output.format, headers: output.headers }),
      );
    case 'table':
    case 'wide':
      if (rows.length === 0) {
        if (io.stdoutIsTTY) await write(io.stderr, `${output.emptyMessage}\n`);
        return;
      }
      return write(
        io.stdout,
        renderRecordTable(rows, output.format === 'wide' ? output.wideColumns : output.columns, {
          headers: output.headers,
          palette: createPalette(output.color),
          width: io.columns(),
          rowStyle: output.rowStyle,
        }),
      );
  }
}
