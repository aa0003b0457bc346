// `ips-jobs check`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { CheckRules } from '../../jobs/check-rules.js';
import type { TimeBound } from '../../jobs/time-bound.js';

export const FORMATS = ['text', 'json', 'github'] as const;

export interface CheckFlags {
  stalled?: number;
  queued?: number;
  runningLonger?: number;
  maxActive?: number;
  failedSince?: TimeBound;
  failOn: CheckRules['failOn'];
  type?: string[];
  name?: string;
  user?: string;
  output: (typeof FORMATS)[number];
  junit?: string;
  stateFile?: string;
  realert?: number;
  onProblem?: string;
  onProblemTimeout: number;
  lockWait: number;
  verbose?: boolean;
}
