// `ips-jobs watch`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FollowFlags } from '../shared/follow-flags.js';

export const UNTIL = ['all-done', 'any-done', 'first-failure'] as const;

export type Until = (typeof UNTIL)[number];

export interface WatchFlags extends FollowFlags {
  output: 'table' | 'ndjson';
  state?: string[];
  type?: string[];
  name?: string;
  user?: string;
  columns?: string;
  until?: Until;
  exitStatus?: boolean;
}
