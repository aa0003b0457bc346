// The work of `ips-jobs watch` (loaded only when it runs): follow jobs as they run. On a terminal a live
// table redrawn in place; in a pipe one tab-separated line per event; with -o ndjson one JSON event per line.
import type { Command } from 'commander';
import { ExitCode, worstExitCode } from '../../exit-codes.js';
import { filterJobs, type JobCriteria } from '../../jobs/filter.js';
import { exitCodeForOutcome } from '../shared/outcome-exit-code.js';
import { DEFAULT_COLUMNS, parseColumns, type ColumnId } from '../../render/columns.js';
import { eventLine } from '../../render/event-line.js';
import { followEventsNdjson } from '../shared/follow-to-outcome.js';
import { LiveScreen, renderFrame } from '../../render/live-screen.js';
import { createPalette } from '../../render/palette.js';
import type { CommandContext } from '../shared/command-context.js';
import type { FollowFlags } from '../shared/follow-flags.js';
import { outcomeOf } from '../../follow/follow-core.js';
import { Follower, type FollowEvent } from '../../follow/follower.js';
import { isTerminal } from '../../follow/job-machine.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { colorEnabled, write, type IO } from '../shared/io.js';
import { pollLoop } from '../../follow/poll-loop.js';
import { refuseStartAfterNow } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import { UsageError } from '../shared/usage-error.js';
import type { Until, WatchFlags } from './options.js';

interface WatchOptions extends FollowFlags {
  refs: string[];
  output: 'table' | 'ndjson';
  criteria: JobCriteria;
  columns: readonly ColumnId[];
  until?: Until;
  exitStatus: boolean;
  color: boolean;
  session: Session;
  signal: AbortSignal;
}

/** The action: --columns checked first (exit 2 before any request), then one session. */
export async function watchAction(refs: string[], flags: WatchFlags, cmd: Command, context: CommandContext): Promise<void> {
  let columns: ColumnId[] = [...DEFAULT_COLUMNS];
  try {
    if (flags.columns !== undefined) columns = parseColumns(flags.columns);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const checkEndpoint = (endpoint: string) => checkIntervalFor(endpoint, flags.interval);
  await context.runWithSession(cmd, { company: 'required', checkEndpoint }, async (session, globals, io) => {
    await refuseStartAfterNow(session, '--since', flags.since);
    return runWatch(
      {
        ...flags,
        refs,
        criteria: { states: flags.state, types: flags.type, name: flags.name, user: flags.user },
        columns,
        until: flags.until ?? (refs.length > 0 ? 'all-done' : undefined),
        exitStatus: flags.exitStatus === true,
        color: colorEnabled(globals.color, io.env, io.stdoutIsTTY),
        session,
        signal: context.signal,
      },
      io,
    );
  });
}

function untilMet(until: Until | undefined, { core }: Follower): boolean {
  switch (until) {
    case 'all-done':
      return core.allDone();
    case 'any-done':
      return core.anyDone();
    case 'first-failure':
      return core.anyFailed() || core.allDone();
    default:
      return false;
  }
}

/** Where each poll's news goes: the live table, event lines, or ndjson. */
interface WatchView {
  show(events: FollowEvent[], nextPollInMs: number): Promise<void>;
  close(): Promise<void>;
}

function lineView(io: IO, format: 'lines' | 'ndjson'): WatchView {
  return {
    async show(events) {
      let text = '';
      for (const e of events) {
        text +=
          format === 'ndjson'
            ? followEventsNdjson([e])
            : eventLine({ ts: e.ts, event: e.type, jobName: e.job?.name ?? e.job?.originalName, jobHandle: e.jobHandle, detail: e.detail });
      }
      await write(io.stdout, text);
    },
    async close() {},
  };
}

function liveView(io: IO, follower: Follower, options: WatchOptions): WatchView {
  const screen = new LiveScreen();
  const palette = createPalette(options.color);
  const company = options.session.company?.name ?? options.session.company?.companyHandle ?? '';
  let nextPollAt: number | undefined;
  let lastWidth = io.columns() ?? 80;
  const draw = (resized = false) => {
    const now = options.session.client.now();
    const width = io.columns() ?? 80;
    const states = [...follower.core.jobs.values()].map((e) => e.state);
    const lines = renderFrame({
      jobs: states.flatMap((state) => (isTerminal(state) ? [] : [state.job])),
      finished: states.flatMap((state) =>
        isTerminal(state) ? [{ job: state.job, outcome: outcomeOf(state), detail: state.phase === 'finished' ? state.result.reason : '' }] : [],
      ),
      columns: options.columns,
      palette,
      now,
      staleAfterMs: options.stallTimeout,
      width,
      height: io.rows() ?? 24,
      footer: {
        company,
        lastPoll: follower.lastSuccessAt === undefined ? undefined : new Date(follower.lastSuccessAt),
        nextPoll: nextPollAt === undefined ? undefined : new Date(now.getTime() + Math.max(0, nextPollAt - Date.now())),
        staleSinceMs: follower.failures > 0 && follower.lastSuccessAt !== undefined ? now.getTime() - follower.lastSuccessAt : undefined,
        error: follower.lastError?.message,
        polls: follower.pollCount,
      },
    });
    io.stdout.write(screen.update(lines, { resized: resized || width !== lastWidth, width }));
    lastWidth = width;
  };
  io.stdout.write(screen.hideCursor());
  // A countdown to the next poll, and a resize, redraw from the data already held.
  const ticker = setInterval(() => draw(), 1_000);
  const stopResize = io.onResize(() => draw(true));
  return {
    async show(_events, nextPollInMs) {
      nextPollAt = Date.now() + nextPollInMs;
      draw();
    },
    async close() {
      clearInterval(ticker);
      stopResize();
      await write(io.stdout, screen.finish());
    },
  };
}

async function runWatch(options: WatchOptions, io: IO): Promise<number> {
  const { session } = options;
  const hasCriteria = Object.values(options.criteria).some((value) => value !== undefined);
  const follower = new Follower(session.client, {
    companyHandle: session.company?.companyHandle,
    refs: options.refs,
    admit: hasCriteria ? (job) => filterJobs([job], options.criteria).length > 0 : undefined,
    since: options.since,
    stallWindowMs: options.stallTimeout,
    logGraceMs: options.logGrace,
    appearTimeoutMs: options.appearTimeout,
    failOn: options.failOn,
    // Watching everything for days: finished jobs leave the screen and memory 10 minutes after they end.
    forgetAfterMs: options.refs.length === 0 ? 10 * 60_000 : undefined,
  });
  const view =
    options.output === 'ndjson' ? lineView(io, 'ndjson') : io.stdoutIsTTY ? liveView(io, follower, options) : lineView(io, 'lines');
  let end;
  try {
    end = await pollLoop(
      follower,
      {
        intervalMs: options.interval,
        maxIntervalMs: options.maxInterval,
        retryMax: options.retryMax,
        timeoutMs: options.timeout,
        signal: options.signal,
      },
      async (events, nextPollInMs) => {
        await view.show(events, nextPollInMs);
        return untilMet(options.until, follower);
      },
    );
  } finally {
    await view.close();
  }
  if (end === 'timeout') return ExitCode.timeout;
  if (end === 'aborted') return ExitCode.ok; // main turns the signal into 130/143
  return options.exitStatus ? worstExitCode(follower.core.verdicts().map(exitCodeForOutcome)) : ExitCode.ok;
}
