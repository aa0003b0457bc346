// `ips-jobs companies`: the companies the user can reach (getCompanyMembership). Placeholder until implemented.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export function registerCompanies(_program: Command, _context: CommandContext): void {}
