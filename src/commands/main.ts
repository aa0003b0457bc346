// The one place that turns a run into an exit code: parse, run, report errors as one line,
// and answer SIGINT/SIGTERM with 130/143.
import { CommanderError } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { SHOW_CURSOR } from '../render/cursor.js';
import { createCommandContext } from './shared/command-context.js';
import { throwTestInternalError } from './shared/internal-error.js';
import { processIO, type IO } from './shared/io.js';
import { standardOutputFailure } from './shared/setup-error.js';
import { buildProgram } from './program.js';

const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

/** Our own messages may span lines; server text inside them (fault reasons, names) must not drive the terminal. */
async function safeForTerminal(text: string, error: unknown): Promise<string> {
  // Loaded only when a run fails: error reporting stays off the start-up path.
  const [{ IpsError }, { sanitizeForTerminal }] = await Promise.all([import('../ips/errors.js'), import('../render/sanitize.js')]);
  // An IPS error's message is mostly server text: it stays on one line.
  if (error instanceof IpsError) return sanitizeForTerminal(text);
  return text.split('\n').map(sanitizeForTerminal).join('\n');
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

function commandHint(argv: readonly string[], commands: readonly string[]): string {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command && commands.includes(command) ? `ips-jobs ${command} --help` : 'ips-jobs --help';
}

/** The hidden entry a completion script calls on every TAB (completion/complete.ts). */
const COMPLETE = '__complete';

/**
 * `stop`: for a caller that runs main in its own process (the tests' in-process runs): aborting it ends the run as
 * SIGTERM would, with exit 143, and without a process-wide signal that would reach every other run in the process.
 */
export async function main(argv: readonly string[], io: IO = processIO(), stop?: AbortSignal): Promise<number> {
  // Before commander: its words are a shell's command line, never flags of ours, and it must never print an error.
  if (argv[0] === COMPLETE) {
    const { completeAction } = await import('./completion/complete.js');
    return completeAction(argv.slice(1), io);
  }
  const abort = new AbortController();
  let signalExit: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalExit !== undefined) {
      // A second signal: stop waiting for cleanup, but never leave a live view's cursor hidden.
      if (io.stdoutIsTTY) io.stdout.write(SHOW_CURSOR);
      process.exit(signalExit);
    }
    signalExit = signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm;
    abort.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const onStop = () => {
    if (signalExit !== undefined) return;
    signalExit = ExitCode.sigterm;
    abort.abort('SIGTERM');
  };
  if (stop?.aborted) onStop();
  stop?.addEventListener('abort', onStop);
  // The reader went away (`ips-jobs watch | head`): nothing more to say to anyone, so end quietly.
  // Any other failure (a full disk): nothing more can be said there. One line, exit 78, and the run ends here as for
  // EPIPE, whoever was writing: a watch would otherwise write on into nothing.
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (isBrokenPipe(error)) process.exit(ExitCode.ok);
    io.stderr.write(`ips-jobs: ${standardOutputFailure(error).message}\n`);
    process.exit(ExitCode.config);
  };
  io.stdout.on('error', onStdoutError);
  // Nobody reads stderr any more (`ips-jobs list 2>&1 | head -1`): its messages are lost, the run goes on.
  const onStderrError = (error: NodeJS.ErrnoException) => {
    if (!isBrokenPipe(error)) throw error;
  };
  io.stderr.on('error', onStderrError);

  const context = createCommandContext(io, abort.signal);
  const program = buildProgram(context, argv);
  const debug = argv.includes('--debug');
  try {
    throwTestInternalError(debug);
    await program.parseAsync(argv, { from: 'user' });
    return context.stopsOnSignal ? context.exitCode : (signalExit ?? context.exitCode);
  } catch (error) {
    if (signalExit !== undefined) return signalExit;
    // A write that failed because the reader left: as quiet as the stream's own error event.
    if (isBrokenPipe(error)) return ExitCode.ok;
    // The write that failed may get here before the stream's own error event: the same line and exit.
    if (error !== undefined && error === io.stdout.errored) onStdoutError(error as NodeJS.ErrnoException);
    if (error instanceof CommanderError && COMMANDER_SUCCESS.has(error.code)) return ExitCode.ok;
    // A bare `ips-jobs`: commander has printed the help on stderr already.
    if (error instanceof CommanderError && error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const { describeError } = await import('./shared/describe-error.js');
    const described = describeError(error);
    const commands = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    const hint = error instanceof CommanderError ? ` (see '${commandHint(argv, commands)}')` : '';
    io.stderr.write(`ips-jobs: ${await safeForTerminal(described.message, error)}${hint}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${await safeForTerminal(error.stack, undefined)}\n`);
    return described.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stop?.removeEventListener('abort', onStop);
    io.stdout.off('error', onStdoutError);
    io.stderr.off('error', onStderrError);
  }
}
