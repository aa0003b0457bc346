// `ips-jobs timeline`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';

export const TIMELINE_FORMATS = ['table', 'json'] as const;

export interface TimelineFlags {
  output: (typeof TIMELINE_FORMATS)[number];
  since: TimeBound;
  until?: TimeBound;
  type?: string[];
  user?: string;
  name?: string;
  failOn: FailOn;
  /** Absent: the rows that fit the terminal's height on a terminal, every row otherwise. */
  limit?: number;
}
