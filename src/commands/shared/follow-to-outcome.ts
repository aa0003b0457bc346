// Following named jobs to their outcomes, with their progress on stderr: the work of `wait`, and of `submit --wait`.
// One outcome per job; the exit code is the worst of them (0 succeeded, 1 failed, 6 stalled, 7 not found or
// vanished), or 124 when --timeout ends the wait first. A job is never cancelled.
import { ExitCode, worstExitCode } from '../../exit-codes.js';
import { verdictOf, type FollowedJob } from '../../follow/follow-core.js';
import { Follower, type FollowEvent } from '../../follow/follower.js';
import { pollLoop } from '../../follow/poll-loop.js';
import { sinceLastUpdate } from '../../jobs/stall.js';
import { eventNdjson } from '../../render/event-ndjson.js';
import { outcomeDocument, outcomeLine, type OutcomeDocument, type OutcomeSummary, type WaitOutcome } from '../../render/outcome-text.js';
import { createPalette } from '../../render/palette.js';
import { progressLine } from '../../render/progress-line.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { FollowFlags } from './follow-flags.js';
import { write, type IO } from './io.js';
import { exitCodeForOutcome } from './outcome-exit-code.js';
import { ambiguityMessage } from './resolve-job.js';
import type { Session } from './session.js';
import { startSpinner } from './spinner.js';
import { UsageError } from './usage-error.js';

export interface OutcomeFollowOptions extends FollowFlags {
  /** Job handles or names (a name: its running job whatever its age, else the newest log of that name since --since). */
  refs: readonly string[];
  colorStderr: boolean;
  session: Session;
  signal: AbortSignal;
  /** Each poll's events as they come (`-o ndjson`); without it only the progress lines are shown. */
  onEvents?: (events: FollowEvent[]) => Promise<void>;
}

/** How one followed job ended. */
export interface FollowedOutcome {
  ref: string;
  outcome: WaitOutcome;
  entry: FollowedJob | undefined;
  summary: OutcomeSummary;
}

export interface OutcomeFollowResult {
  /** The loop ended by a signal: main turns it into 130 or 143. */
  aborted: boolean;
  outcomes: FollowedOutcome[];
  exitCode: number;
}

function progressText(entry: FollowedJob, width: number | undefined): string {
  const estimate = entry.history.estimate();
  return progressLine(entry.state.job, {
    etaMs: estimate?.remainingMs,
    filesPerMinute: estimate?.itemsPerMinute,
    width,
    barStyle: width === undefined ? 'ascii' : 'unicode',
  });
}

export async function followToOutcomes(options: OutcomeFollowOptions, io: IO): Promise<OutcomeFollowResult> {
  const { session } = options;
  const follower = new Follower(session.client, {
    companyHandle: session.company?.companyHandle,
    refs: options.refs,
    since: options.since,
    stallWindowMs: options.stallTimeout,
    logGraceMs: options.logGrace,
    appearTimeoutMs: options.appearTimeout,
    failOn: options.failOn,
    single: true,
  });
  const single = options.refs.length === 1;
  const looking = single ? (options.refs[0] ?? '') : `${options.refs.length} jobs`;
  const spinner = await startSpinner(io, `Looking for ${sanitizeForTerminal(looking)}…`, options.colorStderr);
  const lastLines = new Map<string, string>();
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
      await options.onEvents?.(events);
      await showProgress(follower, io, spinner, lastLines);
      // Fail fast: any outcome (a failure the moment the log shows it) ends the wait of that job.
      return follower.core.allDone();
    },
  ).finally(() => spinner.stop());

  const ambiguous = follower.core.ambiguities();
  if (ambiguous.length > 0) throw new UsageError(ambiguityMessage(ambiguous));
  const outcomes = options.refs.map((ref) => outcomeOf(ref, follower, end === 'timeout', options));
  const exitCode = end === 'timeout' ? ExitCode.timeout : worstExitCode(outcomes.map((o) => exitCodeForOutcome(o.outcome as Exclude<WaitOutcome, 'timeout'>)));
  return { aborted: end === 'aborted', outcomes, exitCode };
}

/** A progress line per unfinished job: the spinner's text on a terminal (the first one), a line each when it changes in a pipe. */
async function showProgress(follower: Follower, io: IO, spinner: { update(text: string): void }, lastLines: Map<string, string>): Promise<void> {
  const unfinished = [...follower.core.jobs.values()].filter((entry) => verdictOf(entry.state) === undefined);
  // ora puts a glyph and a space before the text: two columns fewer, or the line wraps.
  const columns = io.stderrColumns();
  const width = io.stderrIsTTY && columns !== undefined ? columns - 2 : undefined;
  if (io.stderrIsTTY) {
    const first = unfinished[0];
    if (first) spinner.update(progressText(first, width));
    return;
  }
  for (const entry of unfinished) {
    const line = progressText(entry, width);
    if (line !== lastLines.get(entry.key)) await write(io.stderr, `${line}\n`);
    lastLines.set(entry.key, line);
  }
}

function outcomeOf(ref: string, follower: Follower, timedOut: boolean, options: OutcomeFollowOptions): FollowedOutcome {
  const picked = follower.core.pickedBy(ref);
  const entry = picked.followed;
  const state = entry?.state;
  const verdict = state === undefined ? undefined : verdictOf(state);
  const outcome: WaitOutcome = timedOut ? 'timeout' : (verdict ?? 'not_found');
  const reason =
    state?.phase === 'finished' ? state.result.reason : state?.phase === 'vanished' ? 'left the active jobs and no job log appeared' : outcome === 'not_found' ? picked.reason : undefined;
  const summary: OutcomeSummary = {
    outcome,
    jobName: state?.job.name ?? state?.job.originalName ?? ref,
    reason,
    silentForMs: outcome === 'stalled' && state ? sinceLastUpdate(state.job, options.session.client.now()) : undefined,
    waitedMs: outcome === 'timeout' ? options.timeout : undefined,
  };
  return { ref, outcome, entry, summary };
}

/** `-o json`'s document of one outcome: IPS field names, the server's dates. */
export function followedOutcomeDocument(o: FollowedOutcome): OutcomeDocument {
  const state = o.entry?.state;
  return outcomeDocument({ outcome: o.outcome, job: state?.job ?? { name: o.ref }, log: state?.phase === 'finished' ? state.log : undefined, reason: o.summary.reason });
}

/**
 * The outcome lines: on stdout (text), and again as the last lines of stderr, which state the reason where a log
 * keeps only stderr (a terminal already shows them on stdout).
 */
export async function writeOutcomeLines(outcomes: readonly FollowedOutcome[], io: IO, colors: { color: boolean; colorStderr: boolean }, onStdout: boolean): Promise<void> {
  const lines = (color: boolean) => outcomes.map((o) => `${outcomeLine(o.summary, createPalette(color))}\n`).join('');
  if (onStdout) await write(io.stdout, lines(colors.color));
  if (!io.stdoutIsTTY || !onStdout) await write(io.stderr, lines(colors.colorStderr));
}

/** `-o ndjson`: one JSON line per follow event, as `watch -o ndjson` writes them. */
export function followEventsNdjson(events: readonly FollowEvent[]): string {
  return events.map((e) => eventNdjson({ ts: e.ts, event: e.type, jobHandle: e.jobHandle, job: e.job, outcome: e.result, detail: e.detail })).join('');
}
