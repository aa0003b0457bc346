// What every command's action shares: the I/O object, the run's abort signal, the exit code,
// and the one way to open (and always close) an IPS session from the global flags.
import type { Command } from 'commander';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { IO } from './io.js';
import type { GlobalOptions, Session, SessionRequest } from './session.js';

// Polls repeat the same answer: each problem is said once, and a flood is cut short.
const MAX_SCHEMA_PROBLEMS = 1000;

/** --debug: what the server sent that the schema does not allow; the run goes on with what is known. */
function schemaProblemTracer(io: IO): (operation: string, path: string, problem: string) => void {
  const said = new Set<string>();
  return (operation, path, problem) => {
    const line = `debug: ${operation}: ${sanitizeForTerminal(path)}: ${sanitizeForTerminal(problem)}\n`;
    if (said.has(line) || said.size > MAX_SCHEMA_PROBLEMS) return;
    said.add(line);
    io.stderr.write(said.size > MAX_SCHEMA_PROBLEMS ? `debug: more than ${MAX_SCHEMA_PROBLEMS} schema problems; the rest are not shown\n` : line);
  };
}

export interface CommandContext {
  io: IO;
  signal: AbortSignal;
  exitCode: number;
  /** SIGINT and SIGTERM are how this command is meant to stop (a server): they end it with its own exit code, not 130/143. */
  stopsOnSignal: boolean;
  globals(command: Command): GlobalOptions;
  runWithSession(
    command: Command,
    request: Omit<SessionRequest, 'signal' | 'onExchange' | 'onSchemaProblem'>,
    body: (session: Session, globals: GlobalOptions, io: IO) => Promise<number>,
  ): Promise<void>;
}

export function createCommandContext(io: IO, signal: AbortSignal): CommandContext {
  const context: CommandContext = {
    io,
    signal,
    exitCode: 0,
    stopsOnSignal: false,
    globals: (command) => command.optsWithGlobals<GlobalOptions>(),
    async runWithSession(command, request, body) {
      const globals = context.globals(command);
      // Loaded when a command runs, not at start-up: --help and --version never need them.
      const [{ openSession }, { debugTracer }] = await Promise.all([import('./session.js'), import('./debug-trace.js')]);
      const session = await openSession(globals, io, {
        ...request,
        signal,
        onExchange: globals.debug ? debugTracer(io) : undefined,
        onSchemaProblem: globals.debug ? schemaProblemTracer(io) : undefined,
      });
      try {
        context.exitCode = await body(session, globals, io);
      } finally {
        await session.close();
      }
    },
  };
  return context;
}
