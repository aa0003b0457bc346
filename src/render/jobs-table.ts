import type { ActiveJob } from '../ips/types.js';
import { stateClass } from '../jobs/state-class.js';
import { type AlignedCell, type AlignedColumn, renderAlignedLines } from './aligned-table.js';
import { type ColumnContext, type ColumnId, COLUMNS } from './columns.js';
import type { Palette } from './palette.js';
import type { BarStyle } from './progress-bar.js';

export interface JobsTableOptions {
  columns: readonly ColumnId[];
  /** Print the header row. */
  headers: boolean;
  palette: Palette;
  /** The server's clock. */
  now: Date;
  /** Running jobs silent longer than this get the stale marker; 0 = off. */
  staleAfterMs: number;
  barStyle: BarStyle;
  /** Terminal columns: cut the flexible columns so no line is wider. Absent (piped) = never cut. */
  width?: number;
}

// Shrinkable columns keep at least this much (or their header, if longer) before the next one gives way.
const MIN_FLEXIBLE_WIDTH = 8;

/** kubectl-style table of jobs: one line per job (plus header), rows coloured by state class; ends with a newline unless empty. */
export function renderJobsTable(jobs: readonly ActiveJob[], opts: JobsTableOptions): string {
  const columns = opts.columns.map((id) => COLUMNS[id]);
  const ctx: ColumnContext = { now: opts.now, staleAfterMs: opts.staleAfterMs, barStyle: opts.barStyle };
  const { palette } = opts;

  const layout: AlignedColumn[] = columns.map((column) => ({
    align: column.align,
    shrinkOrder: column.shrinkOrder,
    dropOrder: column.dropOrder,
    minWidth: Math.max(column.minWidth ?? MIN_FLEXIBLE_WIDTH, column.header.length),
  }));

  const rows: AlignedCell[][] = [];
  if (opts.headers) rows.push(columns.map((column) => ({ text: column.header, style: palette.heading })));
  for (const job of jobs) {
    const rowStyle = palette.state(stateClass(job.state));
    rows.push(
      columns.map((column) => ({
        text: column.text(job, ctx),
        style: column.alert?.(job, ctx) ? palette.stale : rowStyle,
      })),
    );
  }

  const lines = renderAlignedLines(layout, rows, opts.width);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
