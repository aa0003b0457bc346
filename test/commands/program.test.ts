// The program defines only the commands named on the command line (start-up time), so its table of command names
// must know every name and alias a command answers to: a command missing from it would be "unknown".
import { describe, expect, it } from 'vitest';
import { testProgram } from '../helpers/program.js';

const namesOf = (argv?: readonly string[]) => testProgram(argv).commands.flatMap((command) => [command.name(), ...command.aliases()]);

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
