// `ips-jobs watch [job…]`: its flags. The work is in run.ts, loaded only when the command runs.
import { Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { addFollowOptions, checkFollowFlags } from '../shared/follow-flags.js';
import { choiceOption, listOption } from '../shared/option-parsers.js';
import { UNTIL, type WatchFlags } from './options.js';

export function registerWatch(program: Command, context: CommandContext): void {
  const command = program
    .command('watch')
    .description('follow jobs as they run: a live table on a terminal, one line per event in a pipe')
    .argument('[jobs...]', 'job handles or names (globs allowed); none = every active job')
    .addOption(new Option('-o, --output <format>', 'table (live on a terminal, event lines in a pipe) or ndjson').argParser(choiceOption(['table', 'ndjson'] as const)).default('table'))
    .option('--state <states>', 'only jobs in these states (comma-separated, repeatable)', listOption)
    .option('--type <types>', 'only jobs of these types (comma-separated, repeatable)', listOption)
    .option('--name <glob>', 'only jobs whose name or original name matches')
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--columns <list>', 'columns of the live table')
    .addOption(new Option('--until <condition>', `stop when: ${UNTIL.join(', ')} (default all-done when jobs are named)`).argParser(choiceOption(UNTIL)))
    .option('--exit-status', 'exit with the worst outcome of the jobs followed: 0, 1 failed, 6 stalled, 7 not found');
  addFollowOptions(command).action(async (refs: string[], flags: WatchFlags, cmd: Command) => {
    checkFollowFlags(flags);
    const { watchAction } = await import('./run.js');
    await watchAction(refs, flags, cmd, context);
  });
}
