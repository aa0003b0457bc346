// `ips-jobs wait <job>`: its flags. The work is in run.ts, loaded only when the command runs.
import { Argument, Option, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { addFollowOptions, checkFollowFlags } from '../shared/follow-flags.js';
import { choiceOption } from '../shared/option-parsers.js';
import { type WaitFlags } from './options.js';

export function registerWait(program: Command, context: CommandContext): void {
  const command = program
    .command('wait')
    .description('wait for one job to finish and exit by its outcome (0 succeeded, 1 failed, 6 stalled, 7 not found)')
    .addArgument(offer(new Argument('<job>', 'a job handle, or a job name (its running job, or the newest job of that name finished since --since)'), { jobs: ['active'] }))
    .addOption(new Option('-o, --output <format>', 'outcome on stdout as text or json').argParser(choiceOption(['text', 'json'] as const)).default('text'));
  addFollowOptions(command).action(async (ref: string, flags: WaitFlags, cmd: Command) => {
    checkFollowFlags(flags);
    const { waitAction } = await import('./run.js');
    await waitAction(ref, flags, cmd, context);
  });
}
