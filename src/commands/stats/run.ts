// The work of `ips-jobs stats` (loaded only when it runs): every job log of a window, read page by page, the filters
// IPS cannot apply, then the figures per group as a table with sparklines, json, csv or tsv.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { filterLogs } from '../../jobs/log-filter.js';
import { logStats } from '../../jobs/log-stats.js';
import { boundsInOrder, formatInstant, timeBoundMs } from '../../jobs/time-bound.js';
import { renderJson } from '../../render/jobs-json.js';
import { createPalette } from '../../render/palette.js';
import { renderRecordDelimited } from '../../render/records.js';
import { renderStatsTable, statsDelimitedColumns, statsDocument } from '../../render/stats.js';
import { plural } from '../../text/plural.js';
import type { CommandContext } from '../shared/command-context.js';
import { type IO, streamColors, write, writeLines } from '../shared/io.js';
import { readLogWindow } from '../shared/log-window.js';
import { serverNow, windowStartMs } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
import { UsageError } from '../shared/usage-error.js';
import type { StatsFlags } from './options.js';

const UNTIL_BEFORE_SINCE = '--until must be later than --since (e.g. --since 14d --until 7d)';

/** The action of `ips-jobs stats`, run with the flags commander parsed. */
export async function statsAction(flags: StatsFlags, command: Command, context: CommandContext): Promise<void> {
  // A mixed pair (a duration and a date) is checked once the server's clock is known.
  if (flags.until !== undefined && boundsInOrder(flags.since, flags.until) === false) throw new UsageError(UNTIL_BEFORE_SINCE);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) => runStats(flags, session, io, streamColors(globals.color, io)));
}

async function runStats(flags: StatsFlags, session: Session, io: IO, colors: { color: boolean; colorStderr: boolean }): Promise<number> {
  // By the server's clock: a window that starts after its now is refused (exit 2).
  const nowMs = (await serverNow(session)).getTime();
  const fromMs = windowStartMs('--since', flags.since, nowMs);
  const untilMs = flags.until === undefined ? undefined : timeBoundMs(flags.until, nowMs);
  if (untilMs !== undefined && untilMs <= fromMs) throw new UsageError(UNTIL_BEFORE_SINCE);
  const toMs = untilMs ?? nowMs;

  const spinner = await startSpinner(io, 'Reading job logs…', colors.colorStderr);
  let crowded: readonly number[] = [];
  let read;
  try {
    read = await readLogWindow(
      session,
      { fromMs, ...(untilMs === undefined ? {} : { toMs: untilMs }), onCrowded: (instants) => (crowded = instants) },
      (count) => spinner.update(`Reading job logs… ${count}`),
    );
  } finally {
    spinner.stop();
  }
  for (const instant of crowded) {
    await write(io.stderr, `More job logs started at ${formatInstant(instant)} than IPS answers at once: some of them may be missing.\n`);
  }
  const logs = filterLogs(read, { types: flags.type, name: flags.name, user: flags.user, failOn: flags.failOn });
  const stats = logStats(logs, { by: flags.by, failOn: flags.failOn, fromMs, toMs });
  const company = session.company ? { companyHandle: session.company.companyHandle, name: session.company.name } : null;

  switch (flags.output) {
    case 'json':
      await write(io.stdout, renderJson(statsDocument(stats, { by: flags.by, company, from: formatInstant(fromMs), to: formatInstant(toMs), failOn: flags.failOn })));
      break;
    case 'csv':
    case 'tsv':
      await writeLines(io.stdout, renderRecordDelimited(stats.groups, statsDelimitedColumns(flags.by), { format: flags.output, headers: flags.headers }));
      break;
    default:
      if (stats.groups.length > 0) {
        const lines = renderStatsTable(stats, { by: flags.by, headers: flags.headers, palette: createPalette(colors.color), width: io.columns() });
        await write(io.stdout, `${lines.join('\n')}\n`);
      }
  }
  if (stats.groups.length === 0) await write(io.stderr, `${emptyMessage(session, read.length, fromMs)}\n`);
  return ExitCode.ok;
}

function emptyMessage(session: Session, read: number, fromMs: number): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (read > 0) return `No job logs match the filters (${plural(read, 'log')} in the window in all).`;
  return `No job logs in ${where} for jobs started since ${formatInstant(fromMs)} (look further back with --since, e.g. --since 30d).`;
}
