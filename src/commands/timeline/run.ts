// The work of `ips-jobs timeline` (loaded only when it runs): the window's job logs and the active list, one row a job,
// drawn as a Gantt chart fitted to the terminal, or listed as JSON.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { ActiveJob, JobLog } from '../../ips/types.js';
import { boundsInOrder, formatInstant, timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import { axisSpan, localZone } from '../../jobs/timeline-axis.js';
import { latestRows, timelineJobs, type TimelineJob } from '../../jobs/timeline.js';
import { ganttFooterHeight, renderGantt, timelineRecord } from '../../render/gantt.js';
import { renderJson } from '../../render/jobs-json.js';
import { createPalette } from '../../render/palette.js';
import { recordsDocument } from '../../render/records.js';
import type { CommandContext } from '../shared/command-context.js';
import { streamColors, write, writeLines, type IO } from '../shared/io.js';
import { writeLimitNotice } from '../shared/log-flags.js';
import { readLogWindow } from '../shared/log-window.js';
import { serverNow, windowStartMs } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
import { UsageError } from '../shared/usage-error.js';
import type { TimelineFlags } from './options.js';

const UNTIL_FIRST = '--until must be later than --since (e.g. --since 48h --until 24h)';
/** A terminal that does not tell its height is taken to be this tall. */
const FALLBACK_ROWS = 24;
/** The chart's width in a pipe without COLUMNS. */
const PIPE_WIDTH = 100;

interface TimelineOptions extends Omit<TimelineFlags, 'type'> {
  types?: string[];
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

/** The action of `ips-jobs timeline`, run with the flags commander parsed. */
export async function timelineAction(flags: TimelineFlags, command: Command, context: CommandContext): Promise<void> {
  // A mixed pair (a duration and a date) is checked once the server's clock is known.
  if (flags.until !== undefined && boundsInOrder(flags.since, flags.until) === false) throw new UsageError(UNTIL_FIRST);
  const { type: types, ...rest } = flags;
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runTimeline({ ...rest, types, ...streamColors(globals.color, io), session }, io),
  );
}

/** The window by the server's clock: [from, to], to = --until or undefined (now). */
function windowOf(since: TimeBound, until: TimeBound | undefined, nowMs: number): { fromMs: number; toMs?: number } {
  const fromMs = windowStartMs('--since', since, nowMs);
  const toMs = until === undefined ? undefined : timeBoundMs(until, nowMs);
  if (toMs !== undefined && toMs <= fromMs) throw new UsageError(UNTIL_FIRST);
  return toMs === undefined ? { fromMs } : { fromMs, toMs };
}

async function readSources(options: TimelineOptions, io: IO, window: { fromMs: number; toMs?: number }): Promise<{ logs: JobLog[]; active: ActiveJob[] }> {
  const { session } = options;
  const spinner = await startSpinner(io, 'Reading job logs…', options.colorStderr);
  try {
    const [logs, active] = await Promise.all([
      readLogWindow(session, window, (soFar) => spinner.update(`Reading job logs… ${soFar.toLocaleString('en-US')}`)),
      session.client.getActiveJobs({ companyHandle: session.company?.companyHandle, includeWaitingJobs: true }),
    ]);
    return { logs, active };
  } finally {
    spinner.stop();
  }
}

async function runTimeline(options: TimelineOptions, io: IO): Promise<number> {
  const { session } = options;
  const window = windowOf(options.since, options.until, (await serverNow(session)).getTime());
  const sources = await readSources(options, io, window);
  // The answers brought the server's clock up to date: running jobs are drawn to this now.
  const nowMs = session.client.now().getTime();
  const toMs = Math.min(window.toMs ?? nowMs, nowMs);
  const criteria = { types: options.types, name: options.name, user: options.user };
  const rows = timelineJobs({ ...sources, criteria, failOn: options.failOn, toMs });
  if (rows.length === 0) {
    const unfiltered = timelineJobs({ ...sources, criteria: {}, failOn: options.failOn, toMs }).length;
    await write(io.stderr, `${emptyMessage(session, unfiltered, window)}\n`);
  }
  if (options.output === 'json') return writeJson(io, rows, { ...window, toMs }, nowMs, options);

  const zone = localZone(io.env.TZ);
  const width = io.columns() ?? (Number(io.env.COLUMNS) > 0 ? Number(io.env.COLUMNS) : PIPE_WIDTH);
  const room = io.stdoutIsTTY ? Math.max(1, (io.rows() ?? FALLBACK_ROWS) - ganttFooterHeight(width, zone.name) - 1) : 0;
  const { shown, hidden } = latestRows(rows, options.limit ?? room);
  if (rows.length === 0) return ExitCode.ok;
  const palette = createPalette(options.color);
  const span = axisSpan(shown, { fromMs: window.fromMs, toMs }, nowMs);
  await writeLines(io.stdout, renderGantt({ rows: shown, span, nowMs, width, palette, zone }).map((line) => `${line}\n`));
  await sayCut(io, shown.length, hidden, options.limit !== undefined);
  return ExitCode.ok;
}

async function writeJson(io: IO, rows: readonly TimelineJob[], window: { fromMs: number; toMs: number }, nowMs: number, options: TimelineOptions): Promise<number> {
  const limit = options.limit ?? 0;
  const { shown, hidden } = latestRows(rows, limit);
  const { session } = options;
  await write(
    io.stdout,
    renderJson(
      recordsDocument(
        'jobs',
        shown.map((job) => timelineRecord(job, nowMs)),
        {
          company: session.company ? { companyHandle: session.company.companyHandle, name: session.company.name } : null,
          from: new Date(window.fromMs).toISOString(),
          to: new Date(window.toMs).toISOString(),
          truncated: hidden > 0,
          limit: limit > 0 ? limit : null,
        },
      ),
    ),
  );
  await sayCut(io, shown.length, hidden, true);
  return ExitCode.ok;
}

/** The stderr line when rows were left out: by --limit, or by the terminal's height. */
async function sayCut(io: IO, shown: number, hidden: number, byLimit: boolean): Promise<void> {
  if (hidden === 0) return;
  const what = `showing the latest ${shown} of ${shown + hidden} jobs`;
  if (byLimit) await writeLimitNotice(io, what);
  else await write(io.stderr, `${what}: ${hidden} earlier not shown (the terminal's height); --limit 0 shows them all\n`);
}

function emptyMessage(session: Session, unfiltered: number, window: { fromMs: number; toMs?: number }): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (unfiltered > 0) return `No jobs match the filters (${unfiltered} in the window in all).`;
  const when = window.toMs === undefined ? `since ${formatInstant(window.fromMs)}` : `between ${formatInstant(window.fromMs)} and ${formatInstant(window.toMs)}`;
  return `No jobs in ${where} started ${when} (look further back with --since, e.g. --since 7d).`;
}
