// The completion table (engine.ts) made from the commander program itself: its commands and aliases, their flags
// and arguments, and what each value may be (shared/completion-values.ts). The build writes it to
// dist/cli/completion.json, so a TAB is answered without loading the CLI.
import type { Argument, Command, Option } from 'commander';
import { offerOf, type Offer } from '../shared/completion-values.js';
import type { CommandEntry, CompletionTable, FlagEntry, ValueEntry } from './engine.js';

/** A value placeholder that names a file (`<path>`, `<file>`): the shell offers file names there. */
const FILE_VALUE = /<(path|file)>/;

async function valueEntry(offer: Offer | undefined, commandNames: readonly string[], placeholder: string): Promise<ValueEntry> {
  if (offer === undefined) return FILE_VALUE.test(placeholder) ? { files: true } : {};
  if ('profiles' in offer) return { profiles: true };
  if ('jobs' in offer) return { jobs: [...offer.jobs] };
  const words = typeof offer.words === 'function' ? await offer.words() : offer.words;
  if ('commands' in offer) return { words: [...commandNames, ...words] };
  return { words: [...words], ...(offer.list && { list: true }), ...(offer.descending && { descending: true }) };
}

async function flagEntry(option: Option, commandNames: readonly string[]): Promise<FlagEntry> {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const takesValue = option.required || option.optional;
  return { names, help: option.description, ...(takesValue && { value: await valueEntry(offerOf(option), commandNames, option.flags) }) };
}

const visibleOptions = (command: Command) => command.options.filter((option) => !option.hidden);

async function commandEntry(command: Command, commandNames: readonly string[]): Promise<CommandEntry> {
  const args = command.registeredArguments as readonly Argument[];
  return {
    names: [command.name(), ...command.aliases()],
    help: command.description(),
    flags: await Promise.all(visibleOptions(command).map((option) => flagEntry(option, commandNames))),
    args: await Promise.all(args.map(async (arg) => ({ variadic: arg.variadic, value: await valueEntry(offerOf(arg), commandNames, `<${arg.name()}>`) }))),
    commands: await Promise.all(visibleCommands(command).map((sub) => commandEntry(sub, commandNames))),
  };
}

const visibleCommands = (command: Command) => command.commands.filter((sub) => !(sub as unknown as { _hidden?: boolean })._hidden);

/** The table of `program`, which must define every command. */
export async function completionTable(program: Command): Promise<CompletionTable> {
  const commandNames = visibleCommands(program).flatMap((command) => [command.name(), ...command.aliases()]);
  // The help flag is commander's own, apart from the options; every command takes it.
  const help = (program as unknown as { _getHelpOption(): Option | null })._getHelpOption();
  const flags = [...visibleOptions(program), ...(help ? [help] : [])];
  return {
    flags: await Promise.all(flags.map((option) => flagEntry(option, commandNames))),
    commands: await Promise.all(visibleCommands(program).map((command) => commandEntry(command, commandNames))),
  };
}
