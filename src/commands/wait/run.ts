// The work of `ips-jobs wait <job>` (loaded only when it runs): the CI primitive. Follows one job to its
// outcome and exits by it: 0 succeeded, 1 failed, 6 stalled, 7 not found or vanished, 124 --timeout. Never cancels the job.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { renderJson } from '../../render/jobs-json.js';
import type { CommandContext } from '../shared/command-context.js';
import type { FollowFlags } from '../shared/follow-flags.js';
import { followedOutcomeDocument, followToOutcomes, writeOutcomeLines } from '../shared/follow-to-outcome.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { write, type IO, streamColors } from '../shared/io.js';
import { refuseStartAfterNow } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import type { WaitFlags } from './options.js';

interface WaitOptions extends FollowFlags {
  ref: string;
  output: 'text' | 'json';
  color: boolean;
  colorStderr: boolean;
  session: Session;
  signal: AbortSignal;
}

/** The action: one session, one job followed to its outcome. */
export async function waitAction(ref: string, flags: WaitFlags, cmd: Command, context: CommandContext): Promise<void> {
  const checkEndpoint = (endpoint: string) => checkIntervalFor(endpoint, flags.interval);
  await context.runWithSession(cmd, { company: 'required', checkEndpoint }, async (session, globals, io) => {
    await refuseStartAfterNow(session, '--since', flags.since);
    return runWait(
      {
        ...flags,
        ref,
        ...streamColors(globals.color, io),
        session,
        signal: context.signal,
      },
      io,
    );
  });
}

async function runWait(options: WaitOptions, io: IO): Promise<number> {
  const result = await followToOutcomes({ ...options, refs: [options.ref] }, io);
  if (result.aborted) return ExitCode.ok; // main turns the signal into 130/143
  const [only] = result.outcomes;
  if (only && options.output === 'json') await write(io.stdout, renderJson(followedOutcomeDocument(only)));
  await writeOutcomeLines(result.outcomes, io, options, options.output === 'text');
  return result.exitCode;
}
