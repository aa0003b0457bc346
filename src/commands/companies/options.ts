// `ips-jobs companies`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { OutputFormat } from '../shared/output-option.js';

export interface CompaniesFlags {
  output: OutputFormat;
  columns?: string;
  headers: boolean;
}
