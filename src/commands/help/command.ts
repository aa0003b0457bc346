// `ips-jobs help [topic]`: a command's help, or the exit-code table.
import { Argument, type Command } from 'commander';
import { EXIT_CODE_PRECEDENCE, EXIT_CODE_TABLE } from '../../exit-codes.js';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { write } from '../shared/io.js';
import { timesText } from '../shared/time-flags.js';
import { UsageError } from '../shared/usage-error.js';

export function exitCodesText(): string {
  const lines = EXIT_CODE_TABLE.map(({ code, meaning }) => `  ${String(code).padStart(3)}  ${meaning}`);
  return `Exit codes of ips-jobs:\n${lines.join('\n')}\n\nWhen several outcomes happen at once, the worst wins: ${EXIT_CODE_PRECEDENCE}.\n`;
}

/** The topics `help` takes besides command names. */
const TOPICS = ['exit-codes', 'times'] as const;

export function registerHelp(program: Command, context: CommandContext): void {
  program
    .command('help')
    .addArgument(offer(new Argument('[topic]'), { commands: true, words: TOPICS }))
    .description('show help for a command, or `help exit-codes`, or `help times` (the forms of every time flag)')
    .action(async (topic: string | undefined) => {
      if (topic === 'exit-codes' || topic === 'times') {
        await write(context.io.stdout, topic === 'times' ? timesText() : exitCodesText());
        return;
      }
      if (topic === undefined) {
        program.outputHelp();
        return;
      }
      const command = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
      if (!command) throw new UsageError(`no help topic "${topic}": try a command name, exit-codes or times`);
      command.outputHelp();
    });
}
