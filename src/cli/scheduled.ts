// `ips-jobs scheduled`: scheduled jobs (getScheduledJobs). Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerScheduled(_program: Command, _context: CommandContext): void {}
