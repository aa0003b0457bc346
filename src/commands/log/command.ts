// `ips-jobs log <job>`: its flags. The work is in run.ts, loaded only when the command runs.
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { failOnOption, limitOption } from '../shared/log-flags.js';
import { listOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { sinceOption } from '../shared/time-flags.js';
import { type DetailSort, type LogFlags } from './options.js';

/** A job name finds a finished job of that name of the last 7 days unless --since says otherwise. */

/** `date`, `logtype`, `-date`, `-logtype` → getJobLogDetails' sortBy (and Descending). */
function detailSortOption(value: string): DetailSort {
  const match = /^(-?)(date|logtype)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected date or logtype, with a - prefix for descending (e.g. -date)');
  const sortBy = match[2]!.toLowerCase() === 'date' ? 'Date' : 'LogType';
  return match[1] === '-' ? { sortBy, sortDirection: 'Descending' } : { sortBy };
}

export function registerLog(program: Command, context: CommandContext): void {
  program
    .command('log')
    .description("one job's log: its summary, then its detail rows (every page of them)")
    .addArgument(offer(new Argument('<job>', 'a job handle, or a job name (the newest job of that name: running, or finished since --since; * and ? allowed)'), { jobs: ['active'] }))
    .addOption(outputOption())
    .addOption(sinceOption('a job name matches finished jobs started since this time (a running job whatever its age)', '7d'))
    .option('--type <logTypes>', 'only detail rows of these log types, asked of IPS (comma-separated, repeatable; e.g. UploadError,UploadWarning)', listOption)
    .option('--errors', 'only detail rows about errors and failures (log type or aux type holding Error, Failure or Fatal)')
    .addOption(limitOption('print at most this many detail rows (0 = all), fetching pages only until a row past them is known to be there; a cut is said on stderr, and in -o json', 0, 'all'))
    .addOption(
      offer(new Option('--sort <field>', 'order of the detail rows: date or logtype, - prefix for descending (default date)').argParser(detailSortOption), {
        words: ['date', 'logtype'],
        descending: true,
      }),
    )
    .addOption(
      offer(new Option('--columns <list>', 'detail columns to show (comma-separated; csv/tsv take IPS field names)'), {
        words: async () => (await import('../../render/log-detail-columns.js')).DETAIL_TABLE_WIDE.map((column) => column.id),
        list: true,
      }),
    )
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .addOption(failOnOption())
    .addHelpText(
      'after',
      `
Examples:
  ips-jobs log Spring-Catalog-Publish            the newest job of that name: summary and every detail row
  ips-jobs log 'j|1001||Spring-Catalog-Publish|54091' --errors
  ips-jobs log Kestrel-Upload --type UploadWarning,UploadError -o csv > findings.csv
`,
    )
    .action(async (ref: string, flags: LogFlags, command: Command) => {
      const { logAction } = await import('./run.js');
      await logAction(ref, flags, command, context);
    });
}
