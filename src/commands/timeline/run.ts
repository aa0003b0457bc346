// The work of `ips-jobs timeline` (loaded only when it runs): the window's job logs and the active list, one row a job,
// drawn as a Gantt chart fitted to the terminal, or listed as JSON.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { axisSpan, localZone } from '../../jobs/timeline-axis.js';
import { latestRows, timelineJobs, type TimelineJob } from '../../jobs/timeline.js';
import { ganttFooterHeight, renderGantt, timelineRecord } from '../../render/gantt.js';
import { renderJson } from '../../render/jobs-json.js';
import { createPalette } from '../../render/palette.js';
import { recordsDocument } from '../../render/records.js';
import type { CommandContext } from '../shared/command-context.js';
import { streamColors, write, writeLines, type IO } from '../shared/io.js';
import { writeLimitNotice } from '../shared/log-flags.js';
import { checkWindowFlags, readLogWindowSaying, resolveLogWindow, type ResolvedWindow, windowJson, windowText } from '../shared/log-window.js';
import type { Session } from '../shared/session.js';
import type { TimelineFlags } from './options.js';

const GOOD_WINDOW = '--since 48h --until 24h';
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
  checkWindowFlags(flags.since, flags.until, GOOD_WINDOW);
  const { type: types, ...rest } = flags;
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runTimeline({ ...rest, types, ...streamColors(globals.color, io), session }, io),
  );
}

async function runTimeline(options: TimelineOptions, io: IO): Promise<number> {
  const { session } = options;
  // By the server's clock: a window that starts after its now is refused (exit 2); one that ends after it ends now.
  const window = await resolveLogWindow(session, options.since, options.until, GOOD_WINDOW);
  const [logs, active] = await Promise.all([
    readLogWindowSaying(session, io, window, options.colorStderr),
    session.client.getActiveJobs({ companyHandle: session.company?.companyHandle, includeWaitingJobs: true }),
  ]);
  const sources = { logs, active };
  // The answers brought the server's clock up to date: running jobs are drawn to this now.
  const nowMs = session.client.now().getTime();
  // Without --until the window runs on to this now (window.toMs is never past the server's now).
  const toMs = window.until ? window.toMs : nowMs;
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
          window: windowJson(window),
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

function emptyMessage(session: Session, unfiltered: number, window: ResolvedWindow): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (unfiltered > 0) return `No jobs match the filters (${unfiltered} in the window in all).`;
  return `No jobs in ${where} started ${windowText(window)} (look further back with --since, e.g. --since 7d).`;
}
