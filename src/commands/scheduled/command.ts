// `ips-jobs scheduled`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import { TRIGGER_STATES } from '../../ips/types.js';
import { SCHEDULED_WIDE_COLUMNS } from '../../render/scheduled-column-ids.js';
import type { CommandContext } from '../shared/command-context.js';
import { JOB_TYPE_OFFER, offer } from '../shared/completion-values.js';
import { listOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { type ScheduledFlags } from './options.js';

export function registerScheduled(program: Command, context: CommandContext): void {
  program
    .command('scheduled')
    .description('list the scheduled jobs of the company, soonest next firing first')
    .addOption(outputOption())
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .addOption(offer(new Option('--type <types>', 'only jobs of these types (comma-separated, repeatable)').argParser(listOption), JOB_TYPE_OFFER))
    .option('--user <email>', 'only jobs submitted by this user')
    .addOption(
      offer(new Option('--state <states>', `only these trigger states: ${TRIGGER_STATES.join(', ')} (comma-separated, repeatable)`).argParser(listOption), {
        words: TRIGGER_STATES,
        list: true,
      }),
    )
    .addOption(
      offer(new Option('--sort <field>', 'sort by a column or IPS field; prefix - for descending (default: next)'), {
        words: async () => (await import('../../jobs/scheduled-jobs.js')).SCHEDULED_SORT_FIELDS,
        descending: true,
      }),
    )
    .addOption(
      offer(new Option('--columns <list>', `columns to show (${SCHEDULED_WIDE_COLUMNS.join(', ')}; csv/tsv also take IPS field names)`), { words: SCHEDULED_WIDE_COLUMNS, list: true }),
    )
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .action(async (flags: ScheduledFlags, command: Command) => {
      const { scheduledAction } = await import('./run.js');
      await scheduledAction(flags, command, context);
    });
}
