// `ips-jobs wait`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import { type FollowFlags } from '../shared/follow-flags.js';

export interface WaitFlags extends FollowFlags {
  output: 'text' | 'json';
}
