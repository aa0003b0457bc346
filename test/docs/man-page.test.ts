// man/ips-jobs.1 as man(1) shows it (man-db and groff; .ci/run installs them): no warnings, the sections a man page
// has, every command of the CLI with its arguments and flags, the exit codes of `help exit-codes`, the variables the
// config layer reads, and examples the docs tests run. Its freshness is test/docs/commands-doc.test.ts's.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeText, readmeExamples, subcommands, termText, textLine } from '../../scripts/man-page.mjs';
import { ENV } from '../../src/config/env.js';
import { EXIT_CODE_PRECEDENCE, EXIT_CODE_TABLE } from '../../src/exit-codes.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { testProgram } from '../helpers/program.js';
import { docCommands } from './doc-commands.js';

const PAGE = path.join(REPO_ROOT, 'man/ips-jobs.1');

/** `man --warnings -l <file>` in a pipe, at `width` columns, as a reader's man would format it. */
function man(file: string, width = 80): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', MANWIDTH: String(width), LANG: 'C.UTF-8' };
  return new Promise((resolve) => {
    execFile('man', ['--warnings', '-l', file], { env, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function tempPage(roff: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-man-')), 'page.1');
  writeFileSync(file, roff);
  return file;
}

/** One run of spaces (a line break, an indent, two spaces after a sentence) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The lines of the rendered page from the heading `heading` (a section, or a command's subsection) to the next heading of either kind. */
function section(text: string, heading: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading && /^(\S| {3}\S)/.test(line));
  expect(start, `heading "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && /^(\S| {3}\S)/.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/** Every command of the program, subcommands after their parent. */
function everyCommand(command: Command): Command[] {
  return subcommands(command).flatMap((sub) => [sub, ...everyCommand(sub)]);
}

describe('man/ips-jobs.1', () => {
  let rendered: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    rendered = await man(PAGE);
  });

  it('man --warnings formats it at 80 columns without a word on stderr', () => {
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toMatch(/^NAME\n {7}ips-jobs - monitor the jobs of Adobe Dynamic Media Classic/m);
  });

  it('the warning check sees a text line that roff takes for a request, which textLine keeps from being one', async () => {
    const line = "'t was a quoted line";
    const raw = await man(tempPage(`.TH T 1\n.SH NAME\nt \\- test\n.SH DESCRIPTION\n${line}\n`));
    expect(raw.stderr).toMatch(/warning/);
    const kept = await man(tempPage(`.TH T 1\n.SH NAME\nt \\- test\n.SH DESCRIPTION\n${textLine(escapeText(line))}\n`));
    expect(kept.stderr).toBe('');
    expect(kept.stdout).toContain(line);
  });

  it('prints back exactly the text it was given: backslashes, dashes, leading dots and quotes, and beyond ASCII', async () => {
    const lines = ['.starts with a dot', "'starts with a quote", 'a \\fB backslash \\e and \\n', '--flag -x and c|1234 *.jpg', 'UTF-8 … ’ é ▏'];
    const body = lines.flatMap((line) => ['.PP', textLine(escapeText(line))]).join('\n');
    const result = await man(tempPage(`.TH T 1\n.SH NAME\nt \\- test\n.SH DESCRIPTION\n${body}\n`), 200);
    expect(result.stderr).toBe('');
    const shown = result.stdout.split('\n').map((line) => line.trim());
    for (const line of lines) expect(shown).toContain(line);
  });

  it('writes flags bold and the values to give italic, in commander terms and usages', () => {
    expect(termText('-o, --output <format>')).toBe('\\fB\\-o\\fP, \\fB\\-\\-output\\fP \\fIformat\\fP');
    expect(termText('--no-color')).toBe('\\fB\\-\\-no\\-color\\fP');
    expect(termText('--target <profile[:company]>')).toBe('\\fB\\-\\-target\\fP \\fIprofile[:company]\\fP');
    expect(termText('[options] <job...>')).toBe('[\\fIoptions\\fP] \\fIjob...\\fP');
    expect(termText('image-serving-publish')).toBe('image\\-serving\\-publish');
  });

  it('has the sections of a man page, in order', () => {
    const headings = rendered.stdout.split('\n').filter((line) => /^[A-Z][A-Z ]+$/.test(line));
    expect(headings).toEqual(['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'COMMANDS', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'EXAMPLES', 'SEE ALSO']);
  });

  it('shows every command and subcommand with its usage, description, arguments and flags, as the CLI defines them', () => {
    const program = testProgram();
    const commands = everyCommand(program);
    expect(commands.map(commandPath)).toEqual(expect.arrayContaining(['ips-jobs list', 'ips-jobs config show', 'ips-jobs config check', 'ips-jobs help']));
    const synopsis = section(rendered.stdout, 'SYNOPSIS');
    for (const command of commands) {
      const help = command.createHelp();
      const usage = `${commandPath(command)} ${command.usage().replace(/[<>]/g, '')}`;
      if (subcommands(command).length === 0) expect(synopsis).toContain(usage);
      const text = flat(section(rendered.stdout, usage));
      expect(text).toContain(flat(command.description()).slice(1));
      for (const alias of command.aliases()) expect(text).toContain(`${commandPath(command.parent!)} ${alias}`);
      for (const argument of help.visibleArguments(command)) expect(text).toContain(`${argument.name()} ${flat(help.argumentDescription(argument))}`);
      for (const option of help.visibleOptions(command).filter((option) => option.long !== '--help')) {
        expect(text, `${usage}: ${option.flags}`).toContain(`${option.flags.replace(/[<>]/g, '')} ${flat(help.optionDescription(option))}`);
      }
    }
    const global = flat(section(rendered.stdout, 'OPTIONS'));
    const help = program.createHelp();
    for (const option of help.visibleOptions(program)) expect(global).toContain(`${option.flags.replace(/[<>]/g, '')} ${flat(help.optionDescription(option))}`);
  });

  it('gives the exit codes of `help exit-codes` and which one wins', () => {
    const text = flat(section(rendered.stdout, 'EXIT STATUS'));
    for (const { code, meaning } of EXIT_CODE_TABLE) expect(text).toContain(`${code} ${flat(meaning)}`);
    expect(text).toContain(EXIT_CODE_PRECEDENCE);
  });

  it('names every variable the config layer reads, the ones it honours from the system, and the files', () => {
    const environment = section(rendered.stdout, 'ENVIRONMENT');
    const names = ['NO_COLOR', 'FORCE_COLOR', 'HTTPS_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME'];
    for (const name of [...Object.values(ENV), ...names]) expect(environment).toMatch(new RegExp(`^ {7}${name}\\b`, 'm'));
    const files = flat(section(rendered.stdout, 'FILES'));
    expect(files).toContain('$XDG_CONFIG_HOME/ips-jobs/config.json');
    expect(files).toContain('~/.config/ips-jobs/config.json');
    expect(files).toContain('$XDG_CACHE_HOME/ips-jobs/, else ~/.cache/ips-jobs/ The completion cache');
    expect(files).toContain('The state file of check --state-file path');
  });

  it('shows examples of the README that the docs tests run', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const run = docCommands('README.md', readme).filter((command) => command.skip === undefined);
    const examples = readmeExamples(readme);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const text = section(rendered.stdout, 'EXAMPLES');
    for (const { command } of examples) {
      expect(text).toContain(`    ${command}\n`);
      expect(run.some((doc) => command.includes(doc.command)), command).toBe(true);
    }
  });

  it('is the page package.json installs', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { man?: string | string[]; files: string[] };
    // An array: npm 11 (bin-links) links the man pages of a global install only when "man" is one; a string is
    // accepted and installs no page.
    expect(pkg.man).toEqual(['./man/ips-jobs.1']);
    expect(pkg.files).toContain('man');
  });
});
