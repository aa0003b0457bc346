// `ips-jobs list`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import { ACTIVE_JOB_STATES } from '../../ips/types.js';
import type { CommandContext } from '../shared/command-context.js';
import { JOB_TYPE_OFFER, offer } from '../shared/completion-values.js';
import { durationOption, listOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { type ListFlags } from './options.js';

export function registerList(program: Command, context: CommandContext): void {
  program
    .command('list')
    .alias('ls')
    .description('list the active jobs of the company')
    .addOption(outputOption())
    .addOption(offer(new Option('--state <states>', 'only jobs in these states (comma-separated, repeatable)').argParser(listOption), { words: ACTIVE_JOB_STATES, list: true }))
    .addOption(offer(new Option('--type <types>', 'only jobs of these types (comma-separated, repeatable)').argParser(listOption), JOB_TYPE_OFFER))
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .option('--user <email>', 'only jobs submitted by this user')
    .addOption(
      offer(new Option('--sort <field>', 'sort by a column or IPS field; prefix - for descending (e.g. -started)'), {
        words: async () => (await import('../../jobs/sort.js')).SORT_FIELDS,
        descending: true,
      }),
    )
    .addOption(
      offer(new Option('--columns <list>', 'columns to show (comma-separated; csv/tsv also take IPS field names)'), {
        words: async () => (await import('../../render/columns.js')).COLUMN_IDS,
        list: true,
      }),
    )
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .option('--no-waiting', 'leave out jobs still waiting to run (do not send includeWaitingJobs)')
    .addOption(
      new Option('--stall-timeout <duration>', 'flag running jobs without progress for this long (0 = off)')
        .argParser(durationOption)
        .default(30 * 60_000, '30m'),
    )
    .action(async (flags: ListFlags, command: Command) => {
      const { listAction } = await import('./run.js');
      await listAction(flags, command, context);
    });
}
