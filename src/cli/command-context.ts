// What every command's action shares: the I/O object, the run's abort signal, the exit code,
// and the one way to open (and always close) an IPS session from the global flags.
import type { Command } from 'commander';
import type { IO } from './io.js';
import { openSession, type GlobalOptions, type Session, type SessionRequest } from './session.js';
import { debugTracer } from './debug-trace.js';

export interface CommandContext {
  io: IO;
  signal: AbortSignal;
  exitCode: number;
  globals(command: Command): GlobalOptions;
  runWithSession(
    command: Command,
    request: Omit<SessionRequest, 'signal' | 'onExchange'>,
    body: (session: Session, globals: GlobalOptions, io: IO) => Promise<number>,
  ): Promise<void>;
}

export function createCommandContext(io: IO, signal: AbortSignal): CommandContext {
  const context: CommandContext = {
    io,
    signal,
    exitCode: 0,
    globals: (command) => command.optsWithGlobals<GlobalOptions>(),
    async runWithSession(command, request, body) {
      const globals = context.globals(command);
      const session = await openSession(globals, io, {
        ...request,
        signal,
        onExchange: globals.debug ? debugTracer(io) : undefined,
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
