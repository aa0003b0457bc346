// The work of `ips-jobs list` (loaded only when it runs): one getActiveJobs call, filtered, sorted and rendered.
import type { Command } from 'commander';
import type { ActiveJob } from '../../ips/types.js';
import { filterJobs, type JobCriteria } from '../../jobs/filter.js';
import { parseSortSpec, sortJobs, type SortSpec } from '../../jobs/sort.js';
import { DEFAULT_COLUMNS, WIDE_COLUMNS, parseColumns, type ColumnId } from '../../render/columns.js';
import { resolveDelimitedFields, renderDelimitedLines } from '../../render/delimited.js';
import { jobsDocument, renderJson, renderNdjsonLines } from '../../render/jobs-json.js';
import { renderJobsTable } from '../../render/jobs-table.js';
import { createPalette } from '../../render/palette.js';
import { ExitCode } from '../../exit-codes.js';
import { write, writeLines, type IO, streamColors } from '../shared/io.js';
import type { OutputFormat } from '../shared/output-option.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';
import { UsageError } from '../shared/usage-error.js';
import type { CommandContext } from '../shared/command-context.js';
import type { ListFlags } from './options.js';

interface ListOptions {
  output: OutputFormat;
  criteria: JobCriteria;
  sort?: SortSpec;
  columns?: string[];
  headers: boolean;
  includeWaitingJobs: boolean;
  staleAfterMs: number;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

/** The action: flags checked first (exit 2 before any request), then one session. */
export async function listAction(flags: ListFlags, command: Command, context: CommandContext): Promise<void> {
  const options = parseListFlags(flags);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) => {
    return runList({ ...options, ...streamColors(globals.color, io), session }, io);
  });
}

/** Flag values that need checking beyond commander's (sort field, columns) fail here, before any request. */
function parseListFlags(flags: ListFlags): Omit<ListOptions, 'color' | 'colorStderr' | 'session'> {
  let sort: SortSpec | undefined;
  let columns: string[] | undefined;
  try {
    sort = flags.sort === undefined ? undefined : parseSortSpec(flags.sort);
    if (flags.columns !== undefined) {
      columns =
        flags.output === 'csv' || flags.output === 'tsv'
          ? resolveDelimitedFields(flags.columns.split(','))
          : parseColumns(flags.columns);
    }
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    output: flags.output,
    criteria: { states: flags.state, types: flags.type, name: flags.name, user: flags.user },
    sort,
    columns,
    headers: flags.headers,
    includeWaitingJobs: flags.waiting,
    staleAfterMs: flags.stallTimeout,
  };
}

async function runList(options: ListOptions, io: IO): Promise<number> {
  const { session } = options;
  const spinner = await startSpinner(io, 'Fetching active jobs…', options.colorStderr);
  let fetched: ActiveJob[];
  try {
    fetched = await session.client.getActiveJobs({
      companyHandle: session.company?.companyHandle,
      includeWaitingJobs: options.includeWaitingJobs ? true : undefined,
    });
  } finally {
    spinner.stop();
  }
  let jobs = filterJobs(fetched, options.criteria);
  if (options.sort) jobs = sortJobs(jobs, options.sort);

  switch (options.output) {
    case 'json':
      await write(io.stdout, renderJson(jobsDocument(session.company, jobs)));
      break;
    case 'ndjson':
      await writeLines(io.stdout, renderNdjsonLines(jobs));
      break;
    case 'csv':
    case 'tsv':
      await writeLines(
        io.stdout,
        renderDelimitedLines(jobs, { format: options.output, headers: options.headers, fields: options.columns }),
      );
      break;
    case 'table':
    case 'wide': {
      if (jobs.length === 0) {
        if (io.stdoutIsTTY) await write(io.stderr, noJobsLine(options, session, fetched.length));
        break;
      }
      const columns = (options.columns as ColumnId[] | undefined) ?? (options.output === 'wide' ? WIDE_COLUMNS : DEFAULT_COLUMNS);
      await write(
        io.stdout,
        renderJobsTable(jobs, {
          columns,
          headers: options.headers,
          palette: createPalette(options.color),
          now: session.client.now(),
          staleAfterMs: options.staleAfterMs,
          barStyle: io.stdoutIsTTY ? 'unicode' : 'ascii',
          width: io.columns(),
        }),
      );
      break;
    }
  }
  return ExitCode.ok;
}

function noJobsLine(options: ListOptions, session: Session, unfiltered: number): string {
  const where = session.company?.name ?? session.company?.companyHandle ?? 'this company';
  if (unfiltered > 0) return `No active jobs in ${where} match the filters (${unfiltered} active in all).\n`;
  return `No active jobs in ${where}${options.includeWaitingJobs ? '' : ' (waiting jobs left out)'}.\n`;
}
