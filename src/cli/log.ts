// `ips-jobs log <job>`: one job's log details (getJobLogDetails). Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerLog(_program: Command, _context: CommandContext): void {}
