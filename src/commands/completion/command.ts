// `ips-jobs completion <shell>`: its arguments. The scripts are in run.ts, loaded only when the command runs; the
// answers to a TAB come from `ips-jobs __complete` (main.ts, complete.ts).
import { Argument, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { COMPLETION_SHELLS, INSTALL_LINES, type CompletionShell } from './options.js';

export function registerCompletion(program: Command, context: CommandContext): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish (commands, flags, their values, live job names)')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      `
Install (one line each):
${COMPLETION_SHELLS.map((shell) => `  ${shell.padEnd(5)} ${INSTALL_LINES[shell]}`).join('\n')}

Or only for this shell: source <(ips-jobs completion bash)   (zsh: the same, after compinit)

A TAB after wait, watch, show, log, stop, pause, resume, delete or run offers the job names (and handles) of IPS,
with the settings already on the command line (--profile, --company, --endpoint, the environment, the config file),
kept for 30s in $XDG_CACHE_HOME/ips-jobs (~/.cache/ips-jobs). It never asks for a password, prints nothing but
candidates, and gives up after 2s: without credentials or network it offers nothing.
`,
    )
    .action(async (shell: CompletionShell) => {
      const { completionAction } = await import('./run.js');
      await completionAction(shell, context);
    });
}
