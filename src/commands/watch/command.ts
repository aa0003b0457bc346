// `ips-jobs watch [job…]`: its flags. The work is in run.ts, loaded only when the command runs.
import { Argument, Option, type Command } from 'commander';
import { ACTIVE_JOB_STATES } from '../../ips/types.js';
import type { CommandContext } from '../shared/command-context.js';
import { JOB_TYPE_OFFER, offer } from '../shared/completion-values.js';
import { addFollowOptions, checkFollowFlags } from '../shared/follow-flags.js';
import { choiceOption, listOption } from '../shared/option-parsers.js';
import { UNTIL, type WatchFlags } from './options.js';

export function registerWatch(program: Command, context: CommandContext): void {
  const command = program
    .command('watch')
    .description('follow jobs as they run: a live table on a terminal, one line per event in a pipe')
    .addArgument(offer(new Argument('[jobs...]', 'job handles or names (globs allowed); none = every active job'), { jobs: ['active'] }))
    .addOption(new Option('-o, --output <format>', 'table (live on a terminal, event lines in a pipe) or ndjson').argParser(choiceOption(['table', 'ndjson'] as const)).default('table'))
    .addOption(offer(new Option('--state <states>', 'only jobs in these states (comma-separated, repeatable)').argParser(listOption), { words: ACTIVE_JOB_STATES, list: true }))
    .addOption(offer(new Option('--type <types>', 'only jobs of these types (comma-separated, repeatable)').argParser(listOption), JOB_TYPE_OFFER))
    .option('--name <glob>', 'only jobs whose name or original name matches')
    .option('--user <email>', 'only jobs submitted by this user')
    .addOption(offer(new Option('--columns <list>', 'columns of the live table'), { words: async () => (await import('../../render/columns.js')).COLUMN_IDS, list: true }))
    .addOption(new Option('--until <condition>', `stop when: ${UNTIL.join(', ')} (default all-done when jobs are named)`).argParser(choiceOption(UNTIL)))
    .option('--exit-status', 'exit with the worst outcome of the jobs followed: 0, 1 failed, 6 stalled, 7 not found');
  addFollowOptions(command).action(async (refs: string[], flags: WatchFlags, cmd: Command) => {
    checkFollowFlags(flags);
    const { watchAction } = await import('./run.js');
    await watchAction(refs, flags, cmd, context);
  });
}
