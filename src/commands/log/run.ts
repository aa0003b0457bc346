// The work of `ips-jobs log <job>` (loaded only when it runs): one job's log — its summary, then every detail
// row, printed page by page as getJobLogDetails hands them out (1000 rows a page) so a long log starts showing at once.
// A running job's log may grow between two pages: each row is printed once (jobs/detail-paging.ts, repeatedHead),
// where IPS says how many rows the log has.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { GetJobLogDetailsInput, JobLog, JobLogDetail } from '../../ips/types.js';
import { DETAIL_PAGE_SIZE, repeatedHead, wantsNextPage } from '../../jobs/detail-paging.js';
import { looksLikeHandle } from '../../jobs/job-ref.js';
import { isErrorDetail } from '../../jobs/log-detail.js';
import type { FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import { renderJson } from '../../render/jobs-json.js';
import {
  DETAIL_DELIMITED_COLUMNS,
  DETAIL_TABLE_DEFAULT,
  DETAIL_TABLE_WIDE,
  detailLines,
  detailLineStyle,
  type DetailLine,
} from '../../render/log-detail-columns.js';
import { renderLogSummary } from '../../render/log-summary.js';
import { createPalette } from '../../render/palette.js';
import { renderNdjson, renderRecordDelimited, renderRecordTable, type RecordColumn } from '../../render/records.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import { write, writeLines, type IO, streamColors } from '../shared/io.js';
import { writeLimitNotice } from '../shared/log-flags.js';
import type { DetailSort, LogFlags } from './options.js';
import { chooseColumns, type OutputFormat } from '../shared/output.js';
import { resolveJob } from '../shared/resolve-job.js';
import type { Session } from '../shared/session.js';
import { startSpinner } from '../shared/spinner.js';

interface LogOptions {
  ref: string;
  output: OutputFormat;
  since: TimeBound;
  /** Log types asked of IPS (logTypeArray). */
  types?: string[];
  /** Only rows about errors and failures (filtered here: IPS cannot say "every error type"). */
  errorsOnly: boolean;
  /** Detail rows printed at most; 0 = all. */
  limit: number;
  sort?: DetailSort;
  tableColumns?: readonly RecordColumn<DetailLine>[];
  delimitedColumns?: readonly RecordColumn<JobLogDetail>[];
  headers: boolean;
  failOn: FailOn;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

function parseLogFlags(ref: string, flags: LogFlags): Omit<LogOptions, 'color' | 'colorStderr' | 'session'> {
  const delimited = flags.output === 'csv' || flags.output === 'tsv';
  return {
    ref,
    output: flags.output,
    since: flags.since,
    types: flags.type?.length ? flags.type : undefined,
    errorsOnly: flags.errors === true,
    limit: flags.limit,
    sort: flags.sort,
    tableColumns: flags.columns === undefined || delimited ? undefined : chooseColumns(flags.columns, DETAIL_TABLE_WIDE, DETAIL_TABLE_DEFAULT),
    delimitedColumns: flags.columns === undefined || !delimited ? undefined : chooseColumns(flags.columns, DETAIL_DELIMITED_COLUMNS, DETAIL_DELIMITED_COLUMNS),
    headers: flags.headers,
    failOn: flags.failOn,
  };
}

type Resolved = { jobHandle: string } | { notFound: string };

/** A handle is used as given; a name is resolved as `wait` and `show` resolve it (shared/resolve-job.ts). */
async function resolveJobHandle(options: LogOptions): Promise<Resolved> {
  const { session, ref } = options;
  if (looksLikeHandle(ref)) return { jobHandle: ref };
  const job = await resolveJob(session, ref, options.since);
  const jobHandle = job.kind === 'active' ? job.job.jobHandle : job.kind === 'logged' ? job.log.jobHandle : undefined;
  if (jobHandle !== undefined) return { jobHandle };
  const reason = job.kind === 'none' ? job.reason : `IPS lists the job named ${ref} without a job handle`;
  return {
    notFound: `${sanitizeForTerminal(reason)}. Check the name (or give the job handle), or look further back with --since, e.g. --since 30d.`,
  };
}

/** Where the rows go: the table, json (kept until the end), ndjson or csv/tsv (streamed). */
class DetailWriter {
  private headed = false;
  private readonly kept: JobLogDetail[] = [];
  private summary: Omit<JobLog, 'detailArray'> | undefined;

  constructor(
    private readonly io: IO,
    private readonly options: LogOptions,
  ) {}

  async start(log: JobLog): Promise<void> {
    const { detailArray: _rows, ...summary } = log;
    this.summary = summary;
    if (this.options.output !== 'table' && this.options.output !== 'wide') return;
    const notes = [this.options.types ? `of type ${this.options.types.join(', ')}` : '', this.options.errorsOnly ? '(only errors shown)' : ''].filter(Boolean);
    const text = renderLogSummary(log, { failOn: this.options.failOn, palette: createPalette(this.options.color), detailNote: notes.join(' ') || undefined });
    await write(this.io.stdout, `${text}\n`);
  }

  async rows(details: JobLogDetail[]): Promise<void> {
    if (details.length === 0) return;
    const { io, options } = this;
    const headers = options.headers && !this.headed;
    this.headed = true;
    switch (options.output) {
      case 'json':
        this.kept.push(...details);
        return;
      case 'ndjson':
        return writeLines(io.stdout, renderNdjson(details));
      case 'csv':
      case 'tsv':
        return writeLines(io.stdout, renderRecordDelimited(details, options.delimitedColumns ?? DETAIL_DELIMITED_COLUMNS, { format: options.output, headers }));
      case 'table':
      case 'wide': {
        const columns = options.tableColumns ?? (options.output === 'wide' ? DETAIL_TABLE_WIDE : DETAIL_TABLE_DEFAULT);
        // Widths are worked out per page: the first rows show before the last page has arrived.
        const text = renderRecordTable(detailLines(details), columns, {
          headers,
          palette: createPalette(options.color),
          width: io.columns(),
          rowStyle: detailLineStyle,
        });
        return write(io.stdout, text);
      }
    }
  }

  /** `cut`: --limit left out a row it would have printed; said on stderr in every format, and in json. */
  async finish(printed: number, cut: boolean): Promise<void> {
    const { io, options } = this;
    if (options.output === 'json') {
      const limit = options.limit > 0 ? options.limit : null;
      await write(io.stdout, renderJson({ schemaVersion: 1, log: this.summary, truncated: cut, limit, details: this.kept }));
    } else if (io.stdoutIsTTY && printed === 0 && (options.output === 'table' || options.output === 'wide')) {
      await write(io.stderr, `No detail rows${options.types || options.errorsOnly ? ' match the filters' : ' in this log'}.\n`);
    }
    if (cut) await writeLimitNotice(io, `showing the first ${printed} detail rows`);
  }
}

function detailRequest(options: LogOptions, companyHandle: string, jobHandle: string, page: number): GetJobLogDetailsInput {
  return {
    companyHandle,
    jobHandle,
    ...(options.types ? { logTypeArray: options.types } : {}),
    recordsPerPage: DETAIL_PAGE_SIZE,
    resultsPage: page,
    ...(options.sort ?? {}),
  };
}

/** The action of `ips-jobs log`, run with the flags commander parsed. */
export async function logAction(ref: string, flags: LogFlags, command: Command, context: CommandContext): Promise<void> {
  const options = parseLogFlags(ref, flags);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runLog(
      {
        ...options,
        ...streamColors(globals.color, io),
        session,
      },
      io,
    ),
  );
}

async function runLog(options: LogOptions, io: IO): Promise<number> {
  const { session } = options;
  const companyHandle = session.company?.companyHandle ?? '';
  const spinner = await startSpinner(io, `Fetching the log of ${sanitizeForTerminal(options.ref)}…`, options.colorStderr);
  let resolved: Resolved;
  let first: JobLog[];
  try {
    resolved = await resolveJobHandle(options);
    first = 'jobHandle' in resolved ? await session.client.getJobLogDetails(detailRequest(options, companyHandle, resolved.jobHandle, 1)) : [];
  } finally {
    spinner.stop();
  }
  if ('notFound' in resolved) {
    await write(io.stderr, `ips-jobs: ${resolved.notFound}\n`);
    return ExitCode.notFound;
  }
  const { jobHandle } = resolved;
  const pick = (logs: JobLog[]) => logs.find((log) => log.jobHandle === jobHandle) ?? logs[0];
  let log = pick(first);
  if (!log) {
    await write(io.stderr, `ips-jobs: no job log for ${sanitizeForTerminal(jobHandle)} (IPS knows no log for this handle, or it is not written yet). Check the handle with 'ips-jobs logs' or 'ips-jobs list'.\n`);
    return ExitCode.notFound;
  }

  const writer = new DetailWriter(io, options);
  await writer.start(log);
  let printed = 0;
  let received = 0;
  let cut = false;
  let previousFirst: string | undefined;
  // A running job's log grows between page requests: the rows it pushes onto the next page are printed once.
  let tail: JobLogDetail[] = [];
  let previousTotal: number | undefined;
  for (let page = 1; log; ) {
    const rows = log.detailArray;
    const firstRow = rows[0] === undefined ? undefined : JSON.stringify(rows[0]);
    const repeated = page > 1 && firstRow !== undefined && firstRow === previousFirst;
    if (repeated) break;
    previousFirst = firstRow;
    const grewBy = previousTotal === undefined || log.detailTotalRows === undefined ? undefined : log.detailTotalRows - previousTotal;
    const fresh = rows.slice(repeatedHead(tail, rows, grewBy));
    tail = [...tail, ...fresh].slice(-DETAIL_PAGE_SIZE);
    previousTotal = log.detailTotalRows;
    received += fresh.length;
    const matching = options.errorsOnly ? fresh.filter(isErrorDetail) : fresh;
    const room = options.limit > 0 ? options.limit - printed : Infinity;
    // A cut is a matching row left out: once the limit is reached, the pages after it are read (printing nothing)
    // until one shows, or the log ends.
    cut = matching.length > room;
    const wanted = cut ? matching.slice(0, room) : matching;
    await writer.rows(wanted);
    printed += wanted.length;
    const more = wantsNextPage({ rows: rows.length, received, totalRows: log.detailTotalRows, repeated });
    if (cut || !more) break;
    // Every row matches and IPS says how many there are: the rows still to come are left out, unread.
    if (options.limit > 0 && printed === options.limit && !options.errorsOnly && log.detailTotalRows !== undefined) {
      cut = true;
      break;
    }
    page += 1;
    log = pick(await session.client.getJobLogDetails(detailRequest(options, companyHandle, jobHandle, page)));
  }
  await writer.finish(printed, cut);
  return ExitCode.ok;
}
