// `ips-jobs check`: its rules and flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import { FAIL_ON } from '../../jobs/outcome.js';
import type { CommandContext } from '../shared/command-context.js';
import { JOB_TYPE_OFFER, offer } from '../shared/completion-values.js';
import { choiceOption, countOption, durationOption, listOption, positiveDurationOption } from '../shared/option-parsers.js';
import { windowStartFlag } from '../shared/time-flags.js';
import { FORMATS, type CheckFlags } from './options.js';

export function registerCheck(program: Command, context: CommandContext): void {
  program
    .command('check')
    .description('check once for problems (stalled, queued too long, running too long, too many, failed); exit 3 when any')
    .option('--stalled <duration>', 'a running job without progress for this long', durationOption)
    .option('--queued <duration>', 'a job still waiting to run after this long', durationOption)
    .option('--running-longer <duration>', 'a job active for longer than this', durationOption)
    .option('--max-active <n>', 'more than this many active jobs', countOption(0))
    .addOption(windowStartFlag('--failed-since', 'jobs that ended failed (by --fail-on) since this time, e.g. 1h'))
    .addOption(new Option('--fail-on <level>', `what counts as failed: ${FAIL_ON.join(', ')}`).argParser(choiceOption(FAIL_ON)).default('error'))
    .addOption(offer(new Option('--type <types>', 'only jobs of these types (comma-separated, repeatable)').argParser(listOption), JOB_TYPE_OFFER))
    .option('--name <glob>', 'only jobs whose name or original name matches')
    .option('--user <email>', 'only jobs submitted by this user')
    .addOption(new Option('-o, --output <format>', `text, json or github (workflow commands)`).argParser(choiceOption(FORMATS)).default('text'))
    .option('--junit <file>', 'also write a JUnit XML report, one test case per rule and job')
    .option('--state-file <path>', 'report only problems that are new since the last run, and conditions resolved (a failed job is reported once); missing directories of the path are made (0700)')
    .option('--realert <duration>', 'with --state-file: report a condition (not a failed job) still open after this long again', durationOption)
    .option('--on-problem <command>', 'run this command (with sh) once per reported problem; job data in IPS_JOBS_* variables')
    .addOption(
      new Option(
        '--on-problem-timeout <duration>',
        'kill a --on-problem command still running after this long (SIGTERM to its process group, SIGKILL 5s later); said on stderr, the exit code stays 3 or 0',
      )
        .argParser(positiveDurationOption)
        .default(30_000, '30s'),
    )
    .addOption(
      // A check holds the lock only for its requests (hooks run after it is released), so 30s is several times what
      // a healthy run needs, and well over the 10s after which a killed run's lock is stale and taken over.
      new Option('--lock-wait <duration>', 'with --state-file: how long to wait while another check holds its lock (then exit 75, try again later); keep it over 10s to outlast a killed run')
        .argParser(positiveDurationOption)
        .default(30_000, '30s'),
    )
    .option('-v, --verbose', 'say so in one line when all is well')
    .action(async (flags: CheckFlags, command: Command) => {
      const { checkAction } = await import('./run.js');
      await checkAction(flags, command, context);
    });
}
