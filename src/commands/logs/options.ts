// `ips-jobs logs`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import type { OutputFormat } from '../shared/output-option.js';

/** `logs` without --limit when stdout is a terminal; in a pipe or a file there is no default limit. */
export const TERMINAL_DEFAULT_LIMIT = 200;

export interface LogsFlags {
  output: OutputFormat;
  since: TimeBound;
  until?: TimeBound;
  user?: string;
  failed?: boolean;
  withWarnings?: boolean;
  type?: string[];
  name?: string;
  sort?: string;
  /** Absent: TERMINAL_DEFAULT_LIMIT on a terminal, no limit otherwise. */
  limit?: number;
  columns?: string;
  headers: boolean;
  failOn: FailOn;
}
