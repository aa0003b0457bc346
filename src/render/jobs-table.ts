import type { ActiveJob } from '../ips/types.js';
import { stateClass } from '../jobs/state-class.js';
import { type ColumnId, COLUMNS } from './columns.js';
import type { Palette } from './palette.js';
import type { BarStyle } from './progress-bar.js';
import { renderRecordTable } from './records.js';

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

/** kubectl-style table of jobs: one line per job (plus header), rows coloured by state class; ends with a newline unless empty. */
export function renderJobsTable(jobs: readonly ActiveJob[], opts: JobsTableOptions): string {
  const { headers, palette, width, now, staleAfterMs, barStyle } = opts;
  const rowStyle = (job: ActiveJob) => palette.state(stateClass(job.state));
  return renderRecordTable(jobs, opts.columns.map((id) => COLUMNS[id]), { headers, palette, width, rowStyle }, { now, staleAfterMs, barStyle });
}
