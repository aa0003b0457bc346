// `ips-jobs timeline`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import type { OutputFormat } from '../shared/output-option.js';

/** The formats of `timeline`: the chart (table) for people, json for programs. */
export const TIMELINE_FORMATS: readonly OutputFormat[] = ['table', 'json'];

export interface TimelineFlags {
  output: OutputFormat;
  since: TimeBound;
  until?: TimeBound;
  type?: string[];
  user?: string;
  name?: string;
  failOn: FailOn;
  /** Absent: the rows that fit the terminal's height on a terminal, every row otherwise. */
  limit?: number;
}
