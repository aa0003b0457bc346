// Shell completion's reasoning, pure: from the command line up to the cursor and the table of commands and flags
// (table.ts) to the candidates, and from the candidates to what each shell's script reads. bin/ips-jobs.js runs it
// from dist/cli/complete.cjs with the table the build wrote, without loading the CLI (a TAB is a process start);
// only live names (profiles, jobs) need the CLI, which runs it too (complete.ts).
//
// The protocol, after Cobra's (gh, kubectl): `ips-jobs __complete <shell> <line> [<COMP_WORDBREAKS>]` prints one
// candidate a line, then `:<directive>`: `:0` the shell may offer file names when there is no candidate, `:4` never.

type Shell = 'bash' | 'zsh' | 'fish';
const SHELLS: readonly string[] = ['bash', 'zsh', 'fish'];

/** What a flag's value or an argument may be, resolved (table.ts makes it from the commands' own offers). */
export interface ValueEntry {
  words?: string[];
  /** Comma-separated: the part after the last comma completes. */
  list?: boolean;
  /** A - prefix (descending order) is taken. */
  descending?: boolean;
  files?: boolean;
  profiles?: boolean;
  jobs?: Array<'active' | 'scheduled'>;
}

export interface FlagEntry {
  /** `-o`, `--output`. */
  names: string[];
  help: string;
  /** Absent: a flag without a value. */
  value?: ValueEntry;
}

export interface CommandEntry {
  /** The name, then its aliases. */
  names: string[];
  help: string;
  flags: FlagEntry[];
  args: Array<{ variadic: boolean; value: ValueEntry }>;
  commands: CommandEntry[];
}

export interface CompletionTable {
  /** The global flags. */
  flags: FlagEntry[];
  commands: CommandEntry[];
}

export interface Candidate {
  value: string;
  help?: string;
}

/** The word under the cursor as typed, and how much of its value lies before where the shell will insert. */
interface CurrentWord {
  /** Its value, quotes and backslashes removed. */
  value: string;
  /** The quote left open at the cursor, if any. */
  quote?: "'" | '"';
  /** The length of `value` before the last point where bash splits the word (an open quote, or a COMP_WORDBREAKS character outside quotes). */
  bashPieceStart: number;
}

export interface Query {
  shell: Shell;
  /** The words before the cursor's word, the command name left out. */
  words: string[];
  current: CurrentWord;
}

/** `__complete <shell> <line> [<wordbreaks>]`; undefined when the shell is not one of ours. */
export function readQuery(args: readonly string[]): Query | undefined {
  const [shell, line = '', wordbreaks = `"'><=;|&(:`] = args;
  if (shell === undefined || !SHELLS.includes(shell)) return undefined;
  const { words, current } = splitLine(line, wordbreaks);
  return { shell: shell as Shell, words: words.slice(1), current };
}

/**
 * Splits a command line as a shell would (quotes, backslashes; a new command after ; & | ( or a newline); the last
 * word is the one under the cursor, empty after a space.
 */
function splitLine(line: string, wordbreaks: string): { words: string[]; current: CurrentWord } {
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  // Bash inserts after the last COMP_WORDBREAKS character outside quotes, or after a quote left open; a quote closed
  // again is no such point.
  let pieceStart = 0;
  let pieceBeforeQuote = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote === "'") {
      if (char === "'") [quote, pieceStart] = [undefined, pieceBeforeQuote];
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') [quote, pieceStart] = [undefined, pieceBeforeQuote];
      else if (char === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) word += line[++i];
      else word += char;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\n' || ';&|()'.includes(char)) {
      if (inWord) words.push(word);
      [word, inWord, pieceStart] = ['', false, 0];
      if (char !== ' ' && char !== '\t') words = [];
      continue;
    }
    if (!inWord) [inWord, pieceStart] = [true, 0];
    if (char === '\\') {
      if (i + 1 < line.length) word += line[++i];
    } else if (char === "'" || char === '"') {
      quote = char;
      pieceBeforeQuote = pieceStart;
      pieceStart = word.length;
    } else {
      word += char;
      if (wordbreaks.includes(char)) pieceStart = word.length;
    }
  }
  return { words, current: { value: word, ...(quote && { quote }), bashPieceStart: pieceStart } };
}

/** What the cursor's word needs: candidates known now, or names only IPS or the config file has. */
export type Need =
  | { candidates: Candidate[]; files: boolean }
  | { live: { profiles: true } | { jobs: Array<'active' | 'scheduled'> }; prefix: string; globals: string[] };

const findFlag = (flags: readonly FlagEntry[], name: string) => flags.find((flag) => flag.names.includes(name));
const findCommand = (commands: readonly CommandEntry[], name: string) => commands.find((command) => command.names.includes(name));
const longest = (names: readonly string[]) => names[names.length - 1]!;

/** Which command the words name, which global flags they give (for live names), and what the last one awaits. */
function walk(table: CompletionTable, words: readonly string[]) {
  const path: CommandEntry[] = [];
  const globals: string[] = [];
  let positionals = 0;
  let awaiting: FlagEntry | undefined;
  let afterDashes = false;
  const flagsHere = () => [...(path[path.length - 1]?.flags ?? []), ...path.slice(0, -1).flatMap((c) => c.flags), ...table.flags];
  for (const word of words) {
    if (awaiting) {
      if (table.flags.includes(awaiting)) globals.push(word);
      awaiting = undefined;
    } else if (!afterDashes && word === '--') {
      afterDashes = true;
    } else if (!afterDashes && word.startsWith('-') && word !== '-') {
      const [name, inline] = splitFlag(word);
      const flag = findFlag(flagsHere(), name);
      if (flag && table.flags.includes(flag)) globals.push(longest(flag.names), ...(inline === undefined ? [] : [inline]));
      if (flag?.value && inline === undefined) awaiting = flag;
    } else {
      const command = findCommand(path[path.length - 1]?.commands ?? table.commands, word);
      if (command && positionals === 0) path.push(command);
      else positionals += 1;
    }
  }
  return { command: path[path.length - 1], flags: flagsHere(), globals, positionals, awaiting, afterDashes };
}

/** `--output=json` → ['--output', 'json']; `-ojson` → ['-o', 'json']; `--output` → ['--output', undefined]. */
function splitFlag(word: string): [string, string | undefined] {
  if (word.startsWith('--')) {
    const equals = word.indexOf('=');
    return equals === -1 ? [word, undefined] : [word.slice(0, equals), word.slice(equals + 1)];
  }
  return word.length > 2 ? [word.slice(0, 2), word.slice(2)] : [word, undefined];
}

/** The candidates of a value: `prefix` is what comes before it in the word (`--state=`, `Running,`). */
function valueNeed(value: ValueEntry, typed: string, before: string, globals: string[]): Need {
  let prefix = before;
  let part = typed;
  if (value.list) {
    const comma = typed.lastIndexOf(',');
    prefix += typed.slice(0, comma + 1);
    part = typed.slice(comma + 1);
  }
  if (value.profiles) return { live: { profiles: true }, prefix, globals };
  if (value.jobs) return { live: { jobs: value.jobs }, prefix, globals };
  let words = value.words ?? [];
  if (value.descending && part.startsWith('-')) words = words.map((word) => `-${word}`);
  return { candidates: words.map((word) => ({ value: prefix + word })), files: value.files === true };
}

/** What the word under the cursor needs. */
export function need(table: CompletionTable, query: Query): Need {
  const { command, flags, globals, positionals, awaiting, afterDashes } = walk(table, query.words);
  const typed = query.current.value;
  if (awaiting) return valueNeed(awaiting.value!, typed, '', globals);
  if (!afterDashes && typed.startsWith('-')) {
    const [name, inline] = splitFlag(typed);
    const flag = inline === undefined ? undefined : findFlag(flags, name);
    if (flag?.value && inline !== undefined) return valueNeed(flag.value, inline, typed.slice(0, typed.length - inline.length), globals);
    return { candidates: flags.flatMap((f) => f.names.filter((n) => n.startsWith('--') || n === typed).map((n) => ({ value: n, help: f.help }))), files: false };
  }
  const subcommands = command === undefined ? table.commands : command.commands;
  if (subcommands.length > 0 && positionals === 0) {
    return { candidates: subcommands.flatMap((c) => c.names.map((n) => ({ value: n, help: c.help }))), files: false };
  }
  if (command === undefined) return { candidates: [], files: false };
  const arg = command.args[Math.min(positionals, command.args.length - 1)];
  if (arg === undefined || (positionals >= command.args.length && !arg.variadic)) return { candidates: [], files: false };
  return valueNeed(arg.value, typed, '', globals);
}

/** The candidates that start with what is typed. */
export function matching(candidates: readonly Candidate[], query: Query): Candidate[] {
  const typed = query.current.value;
  const seen = new Set<string>();
  return candidates.filter((c) => c.value.startsWith(typed) && !seen.has(c.value) && seen.add(c.value));
}

// Characters bash reads as more than themselves in a word: a candidate inserted outside quotes has them escaped.
const BASH_SPECIAL = /[\s!"#$&'()*;<>?[\\\]^`{|}~]/g;

/**
 * A candidate as bash's COMPREPLY needs it: the text that replaces the part of the word bash split off (after an
 * open quote or the last COMP_WORDBREAKS character, such as the `:` of a job name), quoted to read back as the value.
 */
function forBash(value: string, current: CurrentWord): string {
  const rest = value.slice(current.bashPieceStart);
  if (current.quote === "'") return rest.replaceAll("'", `'\\''`);
  if (current.quote === '"') return rest.replace(/["\\$`]/g, '\\$&');
  return rest.replace(BASH_SPECIAL, '\\$&');
}

/** One line a candidate, then the directive: what the shell's script reads. */
export function answer(query: Query, candidates: readonly Candidate[], files: boolean): string {
  const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ');
  const lines = candidates.map(({ value, help }) => {
    if (query.shell === 'bash') return forBash(oneLine(value), query.current);
    // zsh's _describe reads value:description (a colon in the value escaped); fish reads value<TAB>description.
    if (query.shell === 'zsh') return `${oneLine(value).replace(/[\\:]/g, '\\$&')}${help ? `:${oneLine(help)}` : ''}`;
    return `${oneLine(value)}${help ? `\t${oneLine(help)}` : ''}`;
  });
  return `${[...lines, `:${files ? 0 : 4}`].join('\n')}\n`;
}

/** The whole answer when nothing live is needed; undefined when it is (or the question is not one of ours). */
export function completeStatically(table: CompletionTable, args: readonly string[]): string | undefined {
  const query = readQuery(args);
  if (query === undefined) return undefined;
  const needed = need(table, query);
  return 'live' in needed ? undefined : answer(query, matching(needed.candidates, query), needed.files);
}
