// Every command with -o/--output refuses a format it does not have: exit 2, one line on stderr naming the value and
// the formats it has, nothing on stdout. The commands are read from the program itself, so a new one is held to it.
// Every run is in-process (runMain): none needs a process of its own.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { testProgram } from '../helpers/program.js';

/** The command paths (`['config', 'show']`) under `command` that have an --output option. */
function withOutput(command: Command, parents: readonly string[] = []): string[][] {
  const path = [...parents, command.name()];
  const own = command.options.some((option) => option.long === '--output') ? [path] : [];
  return [...own, ...command.commands.flatMap((sub) => withOutput(sub, path))];
}

const paths = testProgram().commands.flatMap((command) => withOutput(command));

describe('a bad -o', () => {
  it('is looked for in every command that has one', () => {
    expect(paths).toEqual(expect.arrayContaining([['list'], ['watch'], ['wait'], ['submit'], ['check'], ['stop'], ['config', 'show']]));
  });

  it.each(paths.map((path) => ({ command: path.join(' '), path })))('is refused by $command: exit 2, one line', async ({ path }) => {
    const result = await runMain([...path, '-o', 'yaml']);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ips-jobs: option '-o, --output <format>' argument 'yaml' is invalid\. expected one of: [a-z]+(, [a-z]+)+ \(see 'ips-jobs [a-z]+ --help'\)\n$/);
  });
});
