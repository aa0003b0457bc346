// The work of `ips-jobs stats` (loaded only when it runs): every job log of a window, read page by page, the filters
// IPS cannot apply, then the figures per group as a table with sparklines, json, csv or tsv.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { filterLogs } from '../../jobs/log-filter.js';
import { logStats } from '../../jobs/log-stats.js';
import { renderJson } from '../../render/jobs-json.js';
import { createPalette } from '../../render/palette.js';
import { renderRecordDelimited } from '../../render/records.js';
import { renderStatsTable, statsDelimitedColumns, statsDocument } from '../../render/stats.js';
import { plural } from '../../text/plural.js';
import type { CommandContext } from '../shared/command-context.js';
import { type IO, streamColors, write, writeLines } from '../shared/io.js';
import { checkWindowFlags, readLogWindowSaying, resolveLogWindow, type ResolvedWindow, windowJson, windowText } from '../shared/log-window.js';
import type { Session } from '../shared/session.js';
import type { StatsFlags } from './options.js';

const GOOD_WINDOW = '--since 14d --until 7d';

/** The action of `ips-jobs stats`, run with the flags commander parsed. */
export async function statsAction(flags: StatsFlags, command: Command, context: CommandContext): Promise<void> {
  // A mixed pair (a duration and a date) is checked once the server's clock is known.
  checkWindowFlags(flags.since, flags.until, GOOD_WINDOW);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) => runStats(flags, session, io, streamColors(globals.color, io)));
}

async function runStats(flags: StatsFlags, session: Session, io: IO, colors: { color: boolean; colorStderr: boolean }): Promise<number> {
  // By the server's clock: a window that starts after its now is refused (exit 2); one that ends after it ends now.
  const window = await resolveLogWindow(session, flags.since, flags.until, GOOD_WINDOW);
  const read = await readLogWindowSaying(session, io, window, colors.colorStderr);
  const logs = filterLogs(read, { types: flags.type, name: flags.name, user: flags.user, failOn: flags.failOn });
  const stats = logStats(logs, { by: flags.by, failOn: flags.failOn, fromMs: window.fromMs, toMs: window.toMs });
  const company = session.company ? { companyHandle: session.company.companyHandle, name: session.company.name } : null;

  switch (flags.output) {
    case 'json':
      await write(io.stdout, renderJson(statsDocument(stats, { by: flags.by, company, window: windowJson(window), failOn: flags.failOn })));
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
  if (stats.groups.length === 0) await write(io.stderr, `${emptyMessage(session, read.length, window)}\n`);
  return ExitCode.ok;
}

function emptyMessage(session: Session, read: number, window: ResolvedWindow): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (read > 0) return `No job logs match the filters (${plural(read, 'log')} in the window in all).`;
  return `No job logs in ${where} for jobs started ${windowText(window)} (look further back with --since, e.g. --since 30d).`;
}
