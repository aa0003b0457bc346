// The one place that turns a run into an exit code: parse, run, report errors as one line,
// and answer SIGINT/SIGTERM with 130/143.
import { CommanderError } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { createCommandContext } from './command-context.js';
import { describeError } from './describe-error.js';
import { processIO, type IO } from './io.js';
import { buildProgram } from './program.js';

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

function commandHint(argv: readonly string[], commands: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command && commands.includes(command) ? `ips-jobs ${command} --help` : 'ips-jobs --help';
}

export async function main(argv: readonly string[], io: IO = processIO()): Promise<number> {
  const abort = new AbortController();
  let signalExit: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalExit !== undefined) process.exit(signalExit); // a second signal: stop waiting for cleanup
    signalExit = signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm;
    abort.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The reader went away (`ips-jobs watch | head`): nothing more to say to anyone, so end quietly.
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  };
  io.stdout.on('error', onStdoutError);

  const context = createCommandContext(io, abort.signal);
  const program = buildProgram(context);
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return signalExit ?? context.exitCode;
  } catch (error) {
    if (signalExit !== undefined) return signalExit;
    if (error instanceof CommanderError && COMMANDER_SUCCESS.has(error.code)) return ExitCode.ok;
    // A bare `ips-jobs`: commander has printed the help on stderr already.
    if (error instanceof CommanderError && error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const described = describeError(error);
    const commands = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    const hint = error instanceof CommanderError ? ` (see '${commandHint(argv, commands)}')` : '';
    io.stderr.write(`ips-jobs: ${described.message}${hint}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return described.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    io.stdout.off('error', onStdoutError);
  }
}
