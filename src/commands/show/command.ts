// `ips-jobs show <job>`: its flags. The work is in run.ts, loaded only when the command runs.
import { Argument, Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { durationOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { sinceOption } from '../shared/time-flags.js';
import { type ShowFlags } from './options.js';

export function registerShow(program: Command, context: CommandContext): void {
  program
    .command('show')
    .description('show everything known about one job: fields, job detail, tasks; a finished job\'s log summary')
    .addArgument(offer(new Argument('<job>', 'a job handle, or a job name (the newest job of that name: running, or finished since --since)'), { jobs: ['active'] }))
    .addOption(outputOption())
    .option('--items', 'show the progress of each task item under its task (csv/tsv: one row per item)')
    .addOption(sinceOption('a job name only matches finished jobs started since this time (a running job whatever its age)', '7d'))
    .addOption(
      new Option('--stall-timeout <duration>', 'flag a running job without progress for this long (0 = off)').argParser(durationOption).default(30 * 60_000, '30m'),
    )
    .option('--no-headers', 'leave out the header row (csv, tsv)')
    .action(async (ref: string, flags: ShowFlags, command: Command) => {
      const { showAction } = await import('./run.js');
      await showAction(ref, flags, command, context);
    });
}
