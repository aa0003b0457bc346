// `ips-jobs list`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { OutputFormat } from '../shared/output-option.js';

export interface ListFlags {
  output: OutputFormat;
  state?: string[];
  type?: string[];
  name?: string;
  user?: string;
  sort?: string;
  columns?: string;
  headers: boolean;
  waiting: boolean;
  stallTimeout: number;
}
