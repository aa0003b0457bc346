// `ips-jobs timeline`: its flags. The work is in run.ts, loaded only when the command runs.
import type { Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { failOnOption, limitOption, logTypeOption } from '../shared/log-flags.js';
import { outputOption } from '../shared/output-option.js';
import { sinceOption, timeFlag } from '../shared/time-flags.js';
import { TIMELINE_FORMATS, type TimelineFlags } from './options.js';


export function registerTimeline(program: Command, context: CommandContext): void {
  program
    .command('timeline')
    .description('a Gantt chart of the jobs of a time window (default the last 24 hours): what ran when, and beside what')
    .addOption(outputOption(TIMELINE_FORMATS))
    .addOption(sinceOption('jobs started since this time: 24h, 7d, 2026-11-28T09:00-08:00', '24h'))
    .addOption(timeFlag('--until', 'jobs started before this time'))
    .addOption(logTypeOption())
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .addOption(failOnOption())
    .addOption(limitOption('draw at most this many jobs, the latest by start (0 = all; default what fits the terminal, all in a pipe)'))
    .addHelpText(
      'after',
      `
Examples:
  ips-jobs timeline                              the last 24 hours: what ran when, and beside what
  ips-jobs timeline --since 7d --type ImageServingPublish
  ips-jobs timeline --since 2026-11-28T06:00 --until 2026-11-28T12:00
  ips-jobs timeline -o json | jq '.jobs[] | select(.outcome == "failed")'

One row a job, ordered by start: finished jobs from the job logs, active ones from the active list (drawn up
to the server's now). A job in both is one row, running. The axis spans the jobs shown, within the window.
A job whose times IPS wrote unreadably is listed last, without a bar.
Bars fill eighths of a cell; a bar begins at the edge of the cell its start falls in.

  ✓█ succeeded   !▓ with warnings   ✗╳ failed   ▶═ running   … waiting (not started)   ░ queued
On a terminal the bars are coloured (green, yellow, red, cyan; queued dim) and all drawn █; without colour
(a pipe, NO_COLOR, --no-color) each outcome has the fill shown. The mark before the name is always there.
Queued time (trigger → start) shows where IPS gives it: for active jobs (triggerTime); a job log has none.

Axis labels are in local time: the zone of TZ (e.g. TZ=Europe/Berlin), else this machine's; the legend
names it. The chart fits the terminal's width (in a pipe COLUMNS, else 100); a name is cut last, in the
middle, so its end stays. A terminal shows the latest jobs that fit its height; a pipe gets every job
unless --limit says otherwise. Whenever jobs are left out, stderr says how many.
-o json: every job (or the latest --limit) with jobName, jobHandle, type, submitUserEmail, outcome
(succeeded, succeeded_with_warnings, failed, running, waiting), triggerTime, startDate, endDate (null
while running) and queuedSeconds.
`,
    )
    .action(async (flags: TimelineFlags, command: Command) => {
      const { timelineAction } = await import('./run.js');
      await timelineAction(flags, command, context);
    });
}
