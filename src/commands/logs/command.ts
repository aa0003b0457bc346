// `ips-jobs logs`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { failOnOption, limitOption, logTypeOption } from '../shared/log-flags.js';
import { outputOption } from '../shared/output-option.js';
import { sinceOption, timeFlag } from '../shared/time-flags.js';
import { offer } from '../shared/completion-values.js';
import { TERMINAL_DEFAULT_LIMIT, type LogsFlags } from './options.js';


export function registerLogs(program: Command, context: CommandContext): void {
  program
    .command('logs')
    .description('job history: the job logs of a time window (default the last 24 hours), newest first')
    .addOption(outputOption())
    .addOption(sinceOption('logs of jobs started since this time: 24h, 7d, 2026-11-28T09:00-08:00', '24h'))
    .addOption(timeFlag('--until', 'logs of jobs started before this time'))
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--failed', 'only jobs that failed (by --fail-on)')
    .option('--with-warnings', 'only jobs with warnings, errors or a failure')
    .addOption(logTypeOption())
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .addOption(
      offer(
        new Option(
          '--sort <field>',
          'order by started, ended, duration, name, type, user, files, successes, warnings, errors, duplicates, updates, status, handle, logtype, subtype or an IPS field; - prefix for descending (default -started); --limit cuts this order',
        ),
        { words: async () => (await import('../../jobs/log-sort.js')).LOG_SORT_FIELDS, descending: true },
      ),
    )
    .addOption(limitOption(`print at most this many logs (0 = all; default ${TERMINAL_DEFAULT_LIMIT} on a terminal, all in a pipe or a file)`))
    .addOption(
      offer(new Option('--columns <list>', 'columns to show (comma-separated; csv/tsv take IPS field names)'), {
        words: async () => (await import('../../render/job-log-columns.js')).jobLogColumns('error').all.map((column) => column.id),
        list: true,
      }),
    )
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .addOption(failOnOption())
    .addHelpText(
      'after',
      `
Examples:
  ips-jobs logs                                  the last 24 hours, newest first
  ips-jobs logs --since 7d --failed              what failed this week
  ips-jobs logs --type ImageServingPublish --with-warnings -o wide
  ips-jobs logs --since 2026-11-01T00:00:00Z --until 2026-11-08T00:00:00Z -o csv > week.csv

--limit: a terminal shows the first ${TERMINAL_DEFAULT_LIMIT} by default; a pipe or a file gets every log unless --limit
says otherwise. The limit cuts the order shown: the logs of the window are filtered and sorted, then
cut. Text (name, user, logtype) sorts naturally and case-insensitively (batch-9 before batch-10), so
the whole window is read; IPS does the cutting (numRows) only for orders it does as we do (started,
errors, warnings, successes) with no filter. Whenever --limit leaves logs out, stderr says so (every
format), and -o json has "truncated": true and the "limit".
`,
    )
    .action(async (flags: LogsFlags, command: Command) => {
      const { logsAction } = await import('./run.js');
      await logsAction(flags, command, context);
    });
}
