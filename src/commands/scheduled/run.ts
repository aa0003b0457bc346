// The work of `ips-jobs scheduled` (loaded only when it runs): the company's scheduled jobs (getScheduledJobs),
// filtered and sorted, soonest first.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { ScheduledJob } from '../../ips/types.js';
import {
  DEFAULT_SCHEDULED_SORT,
  filterScheduledJobs,
  parseScheduledSort,
  sortScheduledJobs,
  type ScheduledCriteria,
  type ScheduledSortSpec,
} from '../../jobs/scheduled-jobs.js';
import type { RecordColumn } from '../../render/records.js';
import { SCHEDULED_DEFAULT_COLUMNS, SCHEDULED_WIDE_COLUMNS, scheduledColumns } from '../../render/scheduled-columns.js';
import type { CommandContext } from '../shared/command-context.js';
import { type IO, streamColors } from '../shared/io.js';
import { chooseColumns, writeRecords, type OutputFormat } from '../shared/output.js';
import type { ScheduledFlags } from './options.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
import { UsageError } from '../shared/usage-error.js';

interface ScheduledOptions {
  output: OutputFormat;
  criteria: ScheduledCriteria;
  sort: ScheduledSortSpec;
  /** Column ids from --columns (checked); absent = the format's own. */
  columns?: readonly string[];
  headers: boolean;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

/** Flags checked before any request: a bad sort field or column is exit 2. */
function parseScheduledFlags(flags: ScheduledFlags): Omit<ScheduledOptions, 'color' | 'colorStderr' | 'session'> {
  let sort = DEFAULT_SCHEDULED_SORT;
  try {
    if (flags.sort !== undefined) sort = parseScheduledSort(flags.sort);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const all = Object.values(scheduledColumns(new Date(0)));
  const columns = flags.columns === undefined ? undefined : chooseColumns(flags.columns, all, all).map((column) => column.id);
  return {
    output: flags.output,
    criteria: { name: flags.name, types: flags.type, user: flags.user, triggerStates: flags.state },
    sort,
    columns,
    headers: flags.headers,
  };
}

/** The action of `ips-jobs scheduled`, run with the flags commander parsed. */
export async function scheduledAction(flags: ScheduledFlags, command: Command, context: CommandContext): Promise<void> {
  const options = parseScheduledFlags(flags);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runScheduled(
      {
        ...options,
        ...streamColors(globals.color, io),
        session,
      },
      io,
    ),
  );
}

async function runScheduled(options: ScheduledOptions, io: IO): Promise<number> {
  const { session } = options;
  const companyHandle = session.company?.companyHandle;
  const spinner = await startSpinner(io, 'Fetching scheduled jobs…', options.colorStderr);
  let fetched: ScheduledJob[];
  try {
    fetched = await session.client.getScheduledJobs({ companyHandle });
  } finally {
    spinner.stop();
  }
  const jobs = sortScheduledJobs(filterScheduledJobs(fetched, options.criteria), options.sort);
  const registry = scheduledColumns(session.client.now());
  const pick = (ids: readonly string[]): RecordColumn<ScheduledJob>[] => ids.map((id) => registry[id]!);
  const where = session.company?.name ?? companyHandle ?? 'this company';
  await writeRecords(io, jobs, {
    format: options.output,
    key: 'scheduledJobs',
    context: { company: session.company ? { companyHandle: session.company.companyHandle, name: session.company.name } : null },
    columns: pick(options.columns ?? SCHEDULED_DEFAULT_COLUMNS),
    wideColumns: pick(options.columns ?? SCHEDULED_WIDE_COLUMNS),
    headers: options.headers,
    color: options.color,
    emptyMessage:
      fetched.length > 0
        ? `No scheduled jobs in ${where} match the filters (${fetched.length} scheduled in all).`
        : `No scheduled jobs in ${where}.`,
  });
  return ExitCode.ok;
}
