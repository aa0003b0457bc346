// `ips-jobs show <job>`: everything known about one job. Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerShow(_program: Command, _context: CommandContext): void {}
