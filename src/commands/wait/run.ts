// The work of `ips-jobs wait <job>` (loaded only when it runs): the CI primitive. Follows one job to its
// outcome and exits by it: 0 succeeded, 1 failed, 6 stalled, 7 not found or vanished, 124 --timeout. Never cancels the job.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { sinceLastUpdate } from '../../jobs/stall.js';
import { exitCodeForOutcome } from '../shared/outcome-exit-code.js';
import { outcomeDocument, outcomeLine, type WaitOutcome } from '../../render/outcome-text.js';
import { createPalette } from '../../render/palette.js';
import { progressLine } from '../../render/progress-line.js';
import { renderJson } from '../../render/jobs-json.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import type { FollowFlags } from '../shared/follow-flags.js';
import { Follower, type FollowedJob } from '../../follow/follower.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { write, type IO, streamColors } from '../shared/io.js';
import { pollLoop } from '../../follow/poll-loop.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
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
  await context.runWithSession(cmd, { company: 'required', checkEndpoint }, async (session, globals, io) =>
    runWait(
      {
        ...flags,
        ref,
        ...streamColors(globals.color, io),
        session,
        signal: context.signal,
      },
      io,
    ),
  );
}

function progressText(entry: FollowedJob, width: number | undefined): string {
  const estimate = entry.history.estimate();
  return progressLine(entry.job, {
    etaMs: estimate?.remainingMs,
    filesPerMinute: estimate?.itemsPerMinute,
    width,
    barStyle: width === undefined ? 'ascii' : 'unicode',
  });
}

async function runWait(options: WaitOptions, io: IO): Promise<number> {
  const { session } = options;
  const follower = new Follower(session.client, {
    companyHandle: session.company?.companyHandle,
    refs: [options.ref],
    since: options.since,
    stallWindowMs: options.stallTimeout,
    logGraceMs: options.logGrace,
    appearTimeoutMs: options.appearTimeout,
    failOn: options.failOn,
    single: true,
  });
  const spinner = await startSpinner(io, `Looking for ${sanitizeForTerminal(options.ref)}…`, options.colorStderr);
  let lastLine = '';
  const end = await pollLoop(
    follower,
    { intervalMs: options.interval, maxIntervalMs: options.maxInterval, retryMax: options.retryMax, timeoutMs: options.timeout, signal: options.signal },
    async (events) => {
      for (const event of events) {
        if (event.type === 'poll_error' || event.type === 'recovered') {
          spinner.stop();
          // The detail quotes the error, fault reasons included: server text.
          await write(io.stderr, `ips-jobs: ${sanitizeForTerminal(event.type === 'poll_error' ? `${event.detail}; retrying` : `service ${event.type} ${event.detail}`)}\n`);
        }
      }
      const entry = [...follower.jobs.values()][0];
      if (entry && entry.outcome === undefined) {
        // ora puts a glyph and a space before the text: two columns fewer, or the line wraps.
        const columns = io.stderrColumns();
        const line = progressText(entry, io.stderrIsTTY && columns !== undefined ? columns - 2 : undefined);
        if (io.stderrIsTTY) spinner.update(line);
        else if (line !== lastLine) await write(io.stderr, `${line}\n`);
        lastLine = line;
      }
      // Fail fast: any outcome (a failure the moment the log shows it) ends the wait.
      return follower.allDone();
    },
  ).finally(() => spinner.stop());

  const entry = [...follower.jobs.values()][0];
  const outcome: WaitOutcome = end === 'timeout' ? 'timeout' : (entry?.outcome ?? 'not_found');
  if (end === 'aborted') return ExitCode.ok; // main turns the signal into 130/143
  const jobName = entry?.job.name ?? entry?.job.originalName ?? options.ref;
  const summary = {
    outcome,
    jobName,
    reason: entry?.result?.reason ?? (outcome === 'vanished' ? 'left the active jobs and no job log appeared' : undefined),
    silentForMs: outcome === 'stalled' && entry ? sinceLastUpdate(entry.job, session.client.now()) : undefined,
    waitedMs: outcome === 'timeout' ? options.timeout : undefined,
  };
  if (options.output === 'json') {
    await write(io.stdout, renderJson(outcomeDocument({ outcome, job: entry?.job ?? { name: options.ref }, log: entry?.log, reason: summary.reason })));
  } else {
    await write(io.stdout, `${outcomeLine(summary, createPalette(options.color))}\n`);
  }
  // The last stderr line states the reason (a terminal already shows it on stdout).
  if (!io.stdoutIsTTY || options.output === 'json') await write(io.stderr, `${outcomeLine(summary, createPalette(options.colorStderr))}\n`);
  return outcome === 'timeout' ? ExitCode.timeout : exitCodeForOutcome(outcome);
}
