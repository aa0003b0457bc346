// `ips-jobs stop|pause|resume|delete|run <job…>`: job control. Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerControl(_program: Command, _context: CommandContext): void {}
