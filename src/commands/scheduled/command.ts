// `ips-jobs scheduled`: its flags. The work is in run.ts, loaded only when the command runs.
import type { Command } from 'commander';
import { SCHEDULED_WIDE_COLUMNS } from '../../render/scheduled-column-ids.js';
import type { CommandContext } from '../shared/command-context.js';
import { listOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { type ScheduledFlags } from './options.js';

export function registerScheduled(program: Command, context: CommandContext): void {
  program
    .command('scheduled')
    .description('list the scheduled jobs of the company, soonest next firing first')
    .addOption(outputOption())
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .option('--type <types>', 'only jobs of these types (comma-separated, repeatable)', listOption)
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--state <states>', 'only these trigger states: Normal, Paused, Blocked, Error, Complete, None (comma-separated, repeatable)', listOption)
    .option('--sort <field>', 'sort by a column or IPS field; prefix - for descending (default: next)')
    .option('--columns <list>', `columns to show (${SCHEDULED_WIDE_COLUMNS.join(', ')}; csv/tsv also take IPS field names)`)
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .action(async (flags: ScheduledFlags, command: Command) => {
      const { scheduledAction } = await import('./run.js');
      await scheduledAction(flags, command, context);
    });
}
