// `ips-jobs stats`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { failOnOption, logTypeOption } from '../shared/log-flags.js';
import { choiceOption } from '../shared/option-parsers.js';
import { outputOption } from '../shared/output-option.js';
import { sinceOption, timeFlag } from '../shared/time-flags.js';
import { STATS_FORMATS, type StatsFlags } from './options.js';


const GROUP_BY = ['type', 'user', 'day'] as const;

export function registerStats(program: Command, context: CommandContext): void {
  program
    .command('stats')
    .description('job history in figures: jobs, outcomes, durations and files per job type, user or day, with jobs per day drawn')
    .addOption(outputOption(STATS_FORMATS))
    .addOption(sinceOption('logs of jobs started since this time: 24h, 7d, 2026-11-28T09:00-08:00', '7d'))
    .addOption(timeFlag('--until', 'logs of jobs started before this time'))
    .addOption(new Option('--by <group>', `one row per: ${GROUP_BY.join(', ')}`).argParser(choiceOption(GROUP_BY)).default('type'))
    .option('--user <email>', 'only jobs submitted by this user')
    .addOption(logTypeOption())
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .option('--no-headers', 'leave out the header row and the notes under the table (table, csv, tsv)')
    .addOption(failOnOption())
    .addHelpText(
      'after',
      `
Examples:
  ips-jobs stats                                 the last 7 days, one row per job type
  ips-jobs stats --since 30d --by user           who ran what this month, and how it went
  ips-jobs stats --type ImageServingPublish --by day
  ips-jobs stats --since 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z -o csv > november.csv

Every job log of the window is read (IPS answers in pages; stats asks for each). A job's outcome is the
one its log gives by --fail-on (succeeded, succeeded with warnings, failed); a log without an end date is
a job still running (counted, with no outcome or duration) unless it has failed already (a fatal error or
a …Failure type), as logs' STATUS says. FAIL% is failed / finished jobs. Durations
(end − start): P50 and P95 by nearest rank (the smallest duration that at least 50% or 95% of the
durations do not exceed; no interpolation), and the longest. DAILY (the table, in a pipe too; not with
--by day): the jobs started each day of the window in the server's time zone, ▁ to █ scaled to the row's
busiest day, · for none; a day with failures is red, or × without colour. On a narrow terminal the DAILY
cells merge days, and columns leave before the type, user or day is cut (in the middle, so its end stays).
-o json: { schemaVersion, window, by, failOn, percentiles, days, groups: [{ <by>: key, jobs, succeeded,
succeededWithWarnings, failed, running, failureRate, durationSeconds: { p50, p95, max }, files: { total,
errors, warnings }, jobsPerDay, failedPerDay }] }.
`,
    )
    .action(async (flags: StatsFlags, command: Command) => {
      const { statsAction } = await import('./run.js');
      await statsAction(flags, command, context);
    });
}
