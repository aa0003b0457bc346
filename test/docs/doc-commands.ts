// The `ips-jobs …` command lines of the README's and docs/*.md's code blocks, so that a test can run each one as a
// reader would and the docs cannot promise what the CLI does not do.
//
// A command is an `ips-jobs <command>` in a fenced code block (after `npx`, `npx --yes`, `/usr/bin/env`, a cron
// schedule, `run:` or `- `, and with the VAR=value assignments written in front of it). It ends where the shell
// would end it: an unquoted `|`, `>`, `<`, `&&`, `||`, `;` or ` #`. A line ending in `\`, or a following line that
// starts with a flag (a folded YAML scalar), continues it.
//
// Markers, HTML comments on the lines just above a code block (invisible when the page is rendered):
//   <!-- docs-test: skip — <reason> -->             every command of the block is skipped, for that reason
//   <!-- docs-test: skip <text> — <reason> -->      the commands that contain <text> are skipped
//   <!-- docs-test: exit <code> <text> -->          the commands that contain <text> exit <code> (otherwise 0)
//   <!-- docs-test: interrupt <text> -->            those run until stopped: the test waits for their first output,
//                                                   sends SIGINT and expects 130
// <text> is any part of the command, or in backticks the whole command.
// A marker that matches no command of its block is an error, so a marker cannot outlive its line.

export interface DocCommand {
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** What the shell runs: the assignments in front, `ips-jobs` and its arguments (continuations joined). */
  command: string;
  /** Exit code the doc promises (0 unless a marker says otherwise). */
  exit: number;
  /** Runs until stopped (an `interrupt` marker). */
  interrupt: boolean;
  /** Set when a marker skips it: the reason. */
  skip?: string;
}

interface Marker {
  kind: 'skip' | 'exit' | 'interrupt';
  /** Empty: every command of the block (only `skip`). */
  text: string;
  code?: number;
  reason?: string;
  line: number;
  used: boolean;
}

const MARKER = /^<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;
const FENCE = /^\s*(```|~~~)/;

function parseMarker(body: string, line: number, file: string): Marker {
  const skip = /^skip\s*(.*?)\s*—\s*(.+)$/.exec(body);
  if (skip) return { kind: 'skip', text: skip[1] ?? '', reason: skip[2] ?? '', line, used: false };
  const exit = /^exit\s+(\d+)\s+(.+)$/.exec(body);
  if (exit) return { kind: 'exit', text: exit[2] ?? '', code: Number(exit[1]), line, used: false };
  const interrupt = /^interrupt\s+(.+)$/.exec(body);
  if (interrupt) return { kind: 'interrupt', text: interrupt[1] ?? '', line, used: false };
  throw new Error(`${file}:${line}: a docs-test marker must be "skip — reason", "skip <text> — reason", "exit <code> <text>" or "interrupt <text>", not "${body}"`);
}

/** Where the shell would end the command that starts at `start`: the first unquoted operator or comment. */
function commandEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '|' || c === '>' || c === '<' || c === ';' || (c === '&' && text[i + 1] === '&')) return i;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) return i;
  }
  return text.length;
}

/** Whether position `at` of the text is inside quotes. */
function quoted(text: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
  }
  return quote !== undefined;
}

const INVOCATION = /(?:^|[\s/=:|(&;-])ips-jobs\s+(?=[a-z-])/g;
const ASSIGNMENTS = /((?:[A-Z_][A-Z0-9_]*=(?:'[^']*'|"[^"]*"|\S+)\s+)*)(?:npx\s+(?:--yes\s+)?|\/usr\/bin\/env\s+)?$/;

/** Each `ips-jobs …` command of one logical line (several in a pipeline). */
export function commandsOfLine(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(INVOCATION)) {
    const at = (match.index ?? 0) + match[0].indexOf('ips-jobs');
    // Inside quotes (a message such as "see ips-jobs log …") it is text, not a command.
    if (quoted(text, at)) continue;
    const prefix = ASSIGNMENTS.exec(text.slice(0, at))?.[1] ?? '';
    const end = commandEnd(text, at);
    found.push(`${prefix}${text.slice(at, end)}`.trim());
  }
  return found;
}

/** The logical lines of a code block: `\` continuations and folded flags joined, with the line each starts on. */
function logicalLines(lines: string[], firstLine: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? '';
    while (i + 1 < lines.length && (/\\\s*$/.test(text) || /^\s+--[a-z]/.test(lines[i + 1] ?? '') || quoted(text, text.length))) {
      text = quoted(text, text.length) ? `${text}\n${lines[i + 1] ?? ''}` : `${text.replace(/\s*\\\s*$/, '')} ${(lines[i + 1] ?? '').trim()}`;
      i++;
    }
    out.push({ text, line: firstLine + start });
  }
  return out;
}

/** A marker's text in backticks is the whole command; otherwise any part of it. */
function matches(command: string, text: string): boolean {
  const exact = /^`(.*)`$/.exec(text);
  return exact ? command === exact[1] : command.includes(text);
}

function applyMarkers(command: DocCommand, markers: Marker[]): void {
  for (const marker of markers) {
    if (marker.text !== '' && !matches(command.command, marker.text)) continue;
    marker.used = true;
    if (marker.kind === 'skip') command.skip = marker.reason ?? '';
    else if (marker.kind === 'exit') command.exit = marker.code ?? 0;
    else command.interrupt = true;
  }
}

/** Every command of a Markdown file's code blocks, with its markers applied. Throws on a marker that matches nothing. */
export function docCommands(file: string, markdown: string): DocCommand[] {
  const lines = markdown.split('\n');
  const commands: DocCommand[] = [];
  let pending: Marker[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const marker = MARKER.exec(text.trim());
    if (marker) {
      pending.push(parseMarker(marker[1] ?? '', i + 1, file));
      continue;
    }
    if (!FENCE.test(text)) {
      if (text.trim() !== '' && pending.length > 0) throw new Error(`${file}:${pending[0]?.line}: a docs-test marker must stand just above a code block`);
      continue;
    }
    const fence = text.trim().slice(0, 3);
    const body: string[] = [];
    const first = i + 2;
    for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(fence); i++) body.push(lines[i] ?? '');
    for (const logical of logicalLines(body, first)) {
      const source = logical.text.trimStart().startsWith('ExecStart=') ? logical.text.replaceAll('%h', '$HOME') : logical.text;
      for (const command of commandsOfLine(source)) {
        const entry: DocCommand = { file, line: logical.line, command, exit: 0, interrupt: false };
        applyMarkers(entry, pending);
        commands.push(entry);
      }
    }
    const unused = pending.find((m) => !m.used);
    if (unused) throw new Error(`${file}:${unused.line}: the docs-test marker "${unused.kind} ${unused.text}" matches no command of the block below it`);
    pending = [];
  }
  return commands;
}
