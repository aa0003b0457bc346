// The program defines only the commands named on the command line (start-up time), so its table of command names
// must know every name and alias a command answers to: a command missing from it would be "unknown".
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCommandContext } from '../../src/commands/shared/command-context.js';
import type { IO } from '../../src/commands/shared/io.js';
import { buildProgram } from '../../src/commands/program.js';

function context() {
  const io: IO = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: () => undefined,
    rows: () => undefined,
    stderrColumns: () => undefined,
    onResize: () => () => {},
  };
  return createCommandContext(io, new AbortController().signal);
}

const namesOf = (argv?: readonly string[]) => buildProgram(context(), argv).commands.flatMap((command) => [command.name(), ...command.aliases()]);

describe('the program', () => {
  const every = namesOf();

  it('defines every command when no command is named', () => {
    expect(every).toEqual(expect.arrayContaining(['list', 'ls', 'watch', 'wait', 'show', 'logs', 'check', 'stop', 'help']));
    expect(namesOf([])).toEqual(every);
    expect(namesOf(['--help'])).toEqual(every);
    expect(namesOf(['lsit'])).toEqual(every);
  });

  it.each(every)('defines %s when it is named, and not every other command', (name) => {
    const names = namesOf([name, '--debug']);
    expect(names).toContain(name);
    if (name !== 'help') expect(names.length).toBeLessThan(every.length);
  });

  it('defines every command for `help`, whose answer lists them', () => {
    expect(namesOf(['help'])).toEqual(every);
  });
});
