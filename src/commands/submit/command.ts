// `ips-jobs submit <kind>`: its flags. The work is in run.ts, loaded only when the command runs.
import { Argument, Option, type Command } from 'commander';
import { EMAIL_SETTINGS, kindsTaking, misfitFlag, PUBLISH_TYPES, SUBMIT_KINDS, type SubmitKind } from '../../jobs/submit-plan.js';
import type { CommandContext } from '../shared/command-context.js';
import { addFollowOptions, checkFollowFlags } from '../shared/follow-flags.js';
import { choiceOption, countOption } from '../shared/option-parsers.js';
import { timeToComeFlag } from '../shared/time-flags.js';
import { UsageError } from '../shared/usage-error.js';
import type { SubmitFlags } from './options.js';

const EMAIL_NAMES = Object.keys(EMAIL_SETTINGS) as Array<keyof typeof EMAIL_SETTINGS & string>;
const PUBLISH_NAMES = Object.keys(PUBLISH_TYPES) as Array<keyof typeof PUBLISH_TYPES & string>;

export function registerSubmit(program: Command, context: CommandContext): void {
  const command = program
    .command('submit')
    .description('start a publish or an upload-from-URLs job (submitJob); with --wait, follow it to its outcome')
    .addArgument(new Argument('<kind>', 'what to start').choices(SUBMIT_KINDS))
    .option('--name <jobName>', "the job name (default <kind>-<the server's time, UTC>)")
    .option('--description <text>', 'the job description')
    .addOption(timeToComeFlag('--at', 'run at this time, e.g. +30m, 2026-12-04T16:00 (local time) or 2026-12-04T16:00+01:00'))
    .option('--schedule <expr>', "run on IPS's schedule expression (execSchedule) instead of once")
    .addOption(new Option('--email-setting <who>', `who gets e-mail about the job: ${EMAIL_NAMES.join(', ')}`).argParser(choiceOption(EMAIL_NAMES)).default('error'))
    .option('--completion-url <url>', 'IPS calls this URL when the publish completes (httpCompletionUrl)')
    .addOption(new Option('--publish-type <type>', `${PUBLISH_NAMES.join(', ')} (default incremental)`).argParser(choiceOption(PUBLISH_NAMES)))
    .option('--urls <file>', 'the list, one "sourceUrl<TAB>destPath" per line, or URLs alone with --dest-folder (- = standard input); an upload listed on several lines is sent for each, with a warning naming them')
    .option('--dest-folder <folder>', 'the folder for URLs listed alone, each under the last segment of its path, percent-decoded except %2F and %5C (a name never makes a subfolder); a name that is empty, . or .., or has a control character is refused with its line number')
    .option('--overwrite', 'replace assets of the same name')
    .option('--ready-for-publish', 'mark the uploaded assets ready for publish')
    .option('--create-mask', 'create masks')
    .option('--then-publish <what>', 'publish after the upload: image-serving[:full|full-with-search|incremental], image-rendering or video')
    .addOption(new Option('--batch-size <n>', 'at most this many URLs per job; more are split into several jobs').argParser(countOption(1, '500')).default(500))
    .option('-y, --yes', 'do not ask for confirmation (required when there is no terminal)')
    .option('--dry-run', 'print the request(s) it would send, password masked, and submit nothing')
    .option('--wait', 'follow the job(s) to the outcome, exactly as `ips-jobs wait` does (exit 0, 1, 6, 7 or 124)')
    .addOption(new Option('-o, --output <format>', 'text, json or ndjson').argParser(choiceOption(['text', 'json', 'ndjson'] as const)).default('text'))
    .addHelpText('after', HELP_EXAMPLES);
  markKindOnlyFlags(command);
  // The follow flags mean something only with --wait.
  const before = command.options.length;
  addFollowOptions(command);
  const followOnly = command.options.slice(before);
  command.action(async (kind: SubmitKind, flags: SubmitFlags, cmd: Command) => {
    checkFlags(kind, flags, cmd, followOnly);
    const { submitAction } = await import('./run.js');
    await submitAction(kind, flags, cmd, context);
  });
}

/** A flag that only some kinds take says which, from the table: "upload-urls: the list, …". */
function markKindOnlyFlags(command: Command): void {
  for (const option of command.options) {
    const kinds = kindsTaking(option.long ?? '');
    if (kinds.length > 0 && kinds.length < SUBMIT_KINDS.length) option.description = `${kinds.join(', ')}: ${option.description}`;
  }
}

/** The options given on the command line, in the command's order. */
function givenOptions(cmd: Command, options: readonly Option[]): Option[] {
  return options.filter((option) => cmd.getOptionValueSource(option.attributeName()) === 'cli');
}

/** What commander cannot check, before anything is read or sent. */
function checkFlags(kind: SubmitKind, flags: SubmitFlags, cmd: Command, followOnly: readonly Option[]): void {
  const misfit = misfitFlag(kind, givenOptions(cmd, cmd.options).map((option) => option.long ?? ''));
  if (misfit !== undefined) throw new UsageError(misfit);
  checkFollowFlags(flags);
  const given = flags.wait ? undefined : givenOptions(cmd, followOnly)[0];
  if (given !== undefined) throw new UsageError(`${given.long} needs --wait`);
  if (flags.wait && flags.schedule !== undefined) throw new UsageError('--wait cannot follow a --schedule: each run of a schedule is a job of its own (use `ips-jobs scheduled`)');
  if (flags.wait && flags.dryRun) throw new UsageError('--dry-run sends nothing, so there is nothing to --wait for');
}

const HELP_EXAMPLES = `
A flag marked with kinds (upload-urls: …) goes only with those kinds: given to another kind, it is
refused (exit 2) before anything is read or sent.

Examples:
  ips-jobs submit image-serving-publish --yes --wait
  ips-jobs submit image-serving-publish --publish-type full --at +2h --yes
  ips-jobs submit upload-urls --urls files.tsv --then-publish image-serving --yes --wait --timeout 30m
  printf 'https://cdn.example.com/a.jpg\\n' | ips-jobs submit upload-urls --urls - --dest-folder spring26 --dry-run
  h=$(ips-jobs submit video-publish --yes) && ips-jobs wait "$h"
`;
