// The CLI's commander program, built in the test process with I/O that goes nowhere: for tests that read the command
// table (names, aliases, options) rather than run a command.
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { createCommandContext } from '../../src/commands/shared/command-context.js';
import { buildProgram } from '../../src/commands/program.js';
import { pipedIO } from '../../src/commands/shared/io.js';

/** The program for `argv` (every command without it), as `main` builds it. */
export function testProgram(argv?: readonly string[]): Command {
  const io = pipedIO({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() }, {});
  return buildProgram(createCommandContext(io, new AbortController().signal), argv);
}
