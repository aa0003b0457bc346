// The work of `ips-jobs logs` (loaded only when it runs): job history, as the web UI's History tab shows it —
// one getJobLogs call for a time window, then the filters IPS cannot apply, the order, and a cap on the rows printed.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { GetJobLogsInput, JobLog } from '../../ips/types.js';
import { filterLogs, hasClientSideFilter, type LogCriteria } from '../../jobs/log-filter.js';
import { DEFAULT_LOG_SORT, parseLogSortSpec, serverLogSort, sortLogs, type LogSortSpec } from '../../jobs/log-sort.js';
import type { FailOn } from '../../jobs/outcome.js';
import { boundsInOrder, formatInstant, timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import { jobLogColumns } from '../../render/job-log-columns.js';
import type { RecordColumn } from '../../render/records.js';
import type { CommandContext } from '../shared/command-context.js';
import { type IO, streamColors } from '../shared/io.js';
import { writeLimitNotice } from '../shared/log-flags.js';
import { TERMINAL_DEFAULT_LIMIT, type LogsFlags } from './options.js';
import { chooseColumns, writeRecords, type OutputFormat } from '../shared/output.js';
import { serverNow, windowStartMs } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
import { UsageError } from '../shared/usage-error.js';

const UNTIL_BEFORE_SINCE = '--until must be later than --since (e.g. --since 48h --until 24h)';

interface LogsOptions {
  output: OutputFormat;
  since: TimeBound;
  until?: TimeBound;
  criteria: LogCriteria;
  sort: LogSortSpec;
  /** Rows printed at most; 0 = all. */
  limit: number;
  /** --columns, resolved for the output format. */
  columns?: readonly RecordColumn<JobLog>[];
  headers: boolean;
  failOn: FailOn;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

/** Everything checkable without IPS fails here (exit 2), before any request. */
function parseLogsFlags(flags: LogsFlags): Omit<LogsOptions, 'limit' | 'color' | 'colorStderr' | 'session'> {
  let sort = DEFAULT_LOG_SORT;
  try {
    if (flags.sort !== undefined) sort = parseLogSortSpec(flags.sort);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const registry = jobLogColumns(flags.failOn);
  const delimited = flags.output === 'csv' || flags.output === 'tsv';
  const columns =
    flags.columns === undefined ? undefined : chooseColumns(flags.columns, delimited ? registry.delimited : registry.all, registry.table);
  // A mixed pair (a duration and a date) is checked once the server's clock is known.
  if (flags.until !== undefined && boundsInOrder(flags.since, flags.until) === false) throw new UsageError(UNTIL_BEFORE_SINCE);
  return {
    output: flags.output,
    since: flags.since,
    until: flags.until,
    criteria: {
      types: flags.type,
      name: flags.name,
      user: flags.user,
      failed: flags.failed === true,
      withWarnings: flags.withWarnings === true,
      failOn: flags.failOn,
    },
    sort,
    columns,
    headers: flags.headers,
    failOn: flags.failOn,
  };
}

/**
 * The getJobLogs request: the window; IPS's order when it can do ours (always, so rows that tie come in the same order
 * with a limit and without); numRows only when nothing is filtered or ordered on our side.
 */
function logsRequest(options: Pick<LogsOptions, 'criteria' | 'sort' | 'limit'>, companyHandle: string | undefined, fromMs: number, toMs: number | undefined): GetJobLogsInput {
  const serverSort = serverLogSort(options.sort);
  const capOnServer = options.limit > 0 && serverSort !== undefined && !hasClientSideFilter(options.criteria);
  return {
    companyHandle,
    startDate: new Date(fromMs).toISOString(),
    ...(toMs === undefined ? {} : { endDate: new Date(toMs).toISOString() }),
    ...serverSort,
    // One row more than printed tells whether the cap cut anything.
    ...(capOnServer ? { numRows: options.limit + 1 } : {}),
  };
}

/** The action of `ips-jobs logs`, run with the flags commander parsed. */
export async function logsAction(flags: LogsFlags, command: Command, context: CommandContext): Promise<void> {
  const options = parseLogsFlags(flags);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runLogs(
      {
        ...options,
        limit: flags.limit ?? (io.stdoutIsTTY ? TERMINAL_DEFAULT_LIMIT : 0),
        ...streamColors(globals.color, io),
        session,
      },
      io,
    ),
  );
}

async function runLogs(options: LogsOptions, io: IO): Promise<number> {
  const { session } = options;
  // By the server's clock: a window that starts after its now is refused (exit 2).
  const nowMs = (await serverNow(session)).getTime();
  const fromMs = windowStartMs('--since', options.since, nowMs);
  const toMs = options.until === undefined ? undefined : timeBoundMs(options.until, nowMs);
  if (toMs !== undefined && toMs <= fromMs) throw new UsageError(UNTIL_BEFORE_SINCE);
  const request = logsRequest(options, session.company?.companyHandle, fromMs, toMs);

  const spinner = await startSpinner(io, 'Fetching job logs…', options.colorStderr);
  let fetched: JobLog[];
  try {
    fetched = await session.client.getJobLogs(request);
  } finally {
    spinner.stop();
  }
  const matching = sortLogs(filterLogs(fetched, options.criteria), options.sort, options.failOn);
  const shown = options.limit > 0 ? matching.slice(0, options.limit) : matching;

  const truncated = shown.length < matching.length;
  const registry = jobLogColumns(options.failOn);
  await writeRecords(io, shown, {
    format: options.output,
    key: 'logs',
    context: {
      company: session.company ? { companyHandle: session.company.companyHandle, name: session.company.name } : null,
      truncated,
      limit: options.limit > 0 ? options.limit : null,
    },
    columns: options.columns ?? registry.table,
    wideColumns: options.columns ?? registry.wide,
    delimitedColumns: options.columns ?? registry.delimited,
    headers: options.headers,
    color: options.color,
    rowStyle: registry.rowStyle,
    emptyMessage: emptyMessage(session, fetched.length, fromMs),
  });
  if (truncated) {
    const total = request.numRows === undefined ? String(matching.length) : `more than ${shown.length}`;
    await writeLimitNotice(io, `showing ${shown.length} of ${total} logs`);
  }
  return ExitCode.ok;
}

function emptyMessage(session: Session, fetched: number, fromMs: number): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (fetched > 0) return `No job logs match the filters (${fetched} in the window in all).`;
  return `No job logs in ${where} for jobs started since ${formatInstant(fromMs)} (look further back with --since, e.g. --since 7d).`;
}
