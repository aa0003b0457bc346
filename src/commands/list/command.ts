// `ips-jobs list`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { durationOption, listOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { type ListFlags } from './options.js';

export function registerList(program: Command, context: CommandContext): void {
  program
    .command('list')
    .alias('ls')
    .description('list the active jobs of the company')
    .addOption(outputOption())
    .option('--state <states>', 'only jobs in these states (comma-separated, repeatable)', listOption)
    .option('--type <types>', 'only jobs of these types (comma-separated, repeatable)', listOption)
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--sort <field>', 'sort by a column or IPS field; prefix - for descending (e.g. -started)')
    .option('--columns <list>', 'columns to show (comma-separated; csv/tsv also take IPS field names)')
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
