// `ips-jobs logs`: job history (getJobLogs). Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerLogs(_program: Command, _context: CommandContext): void {}
