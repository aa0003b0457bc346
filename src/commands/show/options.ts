// `ips-jobs show`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import { type FollowFlags } from '../shared/follow-flags.js';
import type { OutputFormat } from '../shared/output-option.js';

export interface ShowFlags {
  output: OutputFormat;
  items: boolean;
  since: FollowFlags['since'];
  stallTimeout: number;
  headers: boolean;
}
