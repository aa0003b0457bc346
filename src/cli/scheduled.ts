// `ips-jobs scheduled`: the company's scheduled jobs (getScheduledJobs), filtered and sorted, soonest first.
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { ScheduledJob } from '../ips/types.js';
import {
  DEFAULT_SCHEDULED_SORT,
  filterScheduledJobs,
  parseScheduledSort,
  sortScheduledJobs,
  type ScheduledCriteria,
  type ScheduledSortSpec,
} from '../jobs/scheduled-jobs.js';
import type { RecordColumn } from '../render/records.js';
import { SCHEDULED_DEFAULT_COLUMNS, SCHEDULED_WIDE_COLUMNS, scheduledColumns } from '../render/scheduled-columns.js';
import type { CommandContext } from './command-context.js';
import { colorEnabled, type IO } from './io.js';
import { listOption } from './option-parsers.js';
import { chooseColumns, outputOption, writeRecords, type OutputFormat } from './output.js';
import type { Session } from './session.js';
import { startSpinner } from './spinner.js';
import { UsageError } from './usage-error.js';

interface ScheduledFlags {
  output: OutputFormat;
  name?: string;
  type?: string[];
  user?: string;
  state?: string[];
  sort?: string;
  columns?: string;
  headers: boolean;
}

export interface ScheduledOptions {
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

const COLUMN_IDS = Object.keys(scheduledColumns(new Date(0)));

export function registerScheduled(program: Command, context: CommandContext): void {
  program
    .command('scheduled')
    .description('list the scheduled jobs of the company, soonest next firing first')
    .addOption(outputOption())
    .option('--name <glob>', 'only jobs whose name or original name matches (* and ?)')
    .option('--type <types>', 'only jobs of these types (comma-separated, repeatable)', listOption)
    .option('--user <email>', 'only jobs submitted by this user')
    .option('--state <states>', 'only these trigger states: Normal, Paused, Blocked, Error, Complete, None (comma-separated, repeatable)', listOption)
    .option('--sort <field>', 'sort by a column or IPS field; prefix - for descending (default: next)')
    .option('--columns <list>', `columns to show (${COLUMN_IDS.join(', ')}; csv/tsv also take IPS field names)`)
    .option('--no-headers', 'leave out the header row (table, csv, tsv)')
    .action(async (flags: ScheduledFlags, command: Command) => {
      const options = parseScheduledFlags(flags);
      await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
        runScheduled(
          {
            ...options,
            color: colorEnabled(globals.color, io.env, io.stdoutIsTTY),
            colorStderr: colorEnabled(globals.color, io.env, io.stderrIsTTY),
            session,
          },
          io,
        ),
      );
    });
}

/** Flags checked before any request: a bad sort field or column is exit 2. */
export function parseScheduledFlags(flags: ScheduledFlags): Omit<ScheduledOptions, 'color' | 'colorStderr' | 'session'> {
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

export async function runScheduled(options: ScheduledOptions, io: IO): Promise<number> {
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
