// `ips-jobs log`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import type { OutputFormat } from '../shared/output-option.js';

export interface DetailSort {
  sortBy: 'Date' | 'LogType';
  sortDirection?: 'Descending';
}

export interface LogFlags {
  output: OutputFormat;
  since: TimeBound;
  type?: string[];
  errors?: boolean;
  limit: number;
  sort?: DetailSort;
  columns?: string;
  headers: boolean;
  failOn: FailOn;
}
