// `ips-jobs stats`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { StatsGroupBy } from '../../jobs/log-stats.js';
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import type { OutputFormat } from '../shared/output-option.js';

/** The formats of `stats`: a table for people, json, csv and tsv for programs. */
export const STATS_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'tsv'];

export interface StatsFlags {
  output: OutputFormat;
  since: TimeBound;
  until?: TimeBound;
  by: StatsGroupBy;
  user?: string;
  type?: string[];
  name?: string;
  headers: boolean;
  failOn: FailOn;
}
