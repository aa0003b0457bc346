// `ips-jobs scheduled`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { OutputFormat } from '../shared/output-option.js';

export interface ScheduledFlags {
  output: OutputFormat;
  name?: string;
  type?: string[];
  user?: string;
  state?: string[];
  sort?: string;
  columns?: string;
  headers: boolean;
}
