// What a flag's value or a command's argument may be, said where the flag is defined, so that shell completion
// (commands/completion/table.ts) reads it from the CLI's own definitions rather than from a list of its own.
import type { Argument, Option } from 'commander';

/** Words known only to modules that a run loads late: read when the completion table is made, not at start-up. */
type Words = readonly string[] | (() => Promise<readonly string[]>);

export type Offer =
  /** These words; `list`: the value is comma-separated (each part completes); `descending`: a - prefix is taken. */
  | { words: Words; list?: boolean; descending?: boolean }
  /** The profiles of the config file. */
  | { profiles: true }
  /** Live job names and handles from IPS, of these lists. */
  | { jobs: ReadonlyArray<'active' | 'scheduled'> }
  /** The command names, and these words (`help <topic>`). */
  | { commands: true; words: readonly string[] };

// Keyed by the commander object (or a parser function, for choiceOption): nothing is added to commander's own types.
const OFFERS = new WeakMap<object, Offer>();

/** Says what `target`'s values are; returns it, for commander's chains. */
export function offer<T extends Option | Argument | ((...args: never[]) => unknown)>(target: T, what: Offer): T {
  OFFERS.set(target, what);
  return target;
}

/** What an option or argument was said to offer; its parser's (choiceOption), or commander's own choices. */
export function offerOf(target: Option | Argument): Offer | undefined {
  const parser = (target as { parseArg?: object }).parseArg;
  const said = OFFERS.get(target) ?? (parser && OFFERS.get(parser));
  if (said) return said;
  return target.argChoices ? { words: target.argChoices } : undefined;
}

/** `--type` of the job lists: the job types (read from jobs/ only when the completion table is made). */
export const JOB_TYPE_OFFER: Offer = { words: async () => (await import('../../jobs/log-type.js')).JOB_TYPES, list: true };
