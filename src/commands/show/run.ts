// The work of `ips-jobs show <job>` (loaded only when it runs): everything known about one job, named as `wait` names
// it (shared/resolve-job.ts). An active job from one getActiveJobs call; a job that is no longer active from its job
// log summary; neither → exit 7.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import { formatDuration } from '../../text/duration.js';
import { looksLikeHandle } from '../../jobs/job-ref.js';
import { formatInstant } from '../../jobs/time-bound.js';
import { jobRecord, renderJson } from '../../render/jobs-json.js';
import {
  JOB_LOG_SUMMARY_COLUMNS,
  TASK_ITEM_RECORD_COLUMNS,
  TASK_RECORD_COLUMNS,
  taskItemRecords,
  taskRecords,
} from '../../render/job-detail-records.js';
import { renderActiveJob, renderJobLogSummary } from '../../render/job-detail.js';
import { createPalette } from '../../render/palette.js';
import { renderNdjson, renderRecordDelimited } from '../../render/records.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import { write, writeLines, type IO, streamColors } from '../shared/io.js';
import { resolveJob, type ResolvedJob } from '../shared/resolve-job.js';
import type { Session } from '../shared/session.js';
import type { ShowFlags } from './options.js';
import { startSpinner } from '../shared/spinner.js';

interface ShowOptions extends ShowFlags {
  ref: string;
  color: boolean;
  colorStderr: boolean;
  session: Session;
}

function notFoundLine(options: ShowOptions, where: string, sinceMs: number): string {
  const ref = sanitizeForTerminal(options.ref);
  if (looksLikeHandle(options.ref)) {
    return `ips-jobs: no job with handle ${ref} in ${where}: it is not active and has no job log. Check the handle, or name the job instead.\n`;
  }
  // A look-back reads as one ("in the last 7d"); a date as the instant it starts.
  const since = 'agoMs' in options.since ? `in the last ${formatDuration(options.since.agoMs)}` : `since ${formatInstant(sinceMs)}`;
  return `ips-jobs: no job named "${ref}" in ${where} ${since}: none active and no job log. Check the name with 'ips-jobs list', or look further back with --since (e.g. --since 30d).\n`;
}

/** The action of `ips-jobs show`, run with the flags commander parsed. */
export async function showAction(ref: string, flags: ShowFlags, command: Command, context: CommandContext): Promise<void> {
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runShow(
      {
        ...flags,
        items: flags.items === true,
        ref,
        ...streamColors(globals.color, io),
        session,
      },
      io,
    ),
  );
}

async function runShow(options: ShowOptions, io: IO): Promise<number> {
  const { session } = options;
  const companyHandle = session.company!.companyHandle;
  const where = sanitizeForTerminal(session.company?.name ?? companyHandle);
  const spinner = await startSpinner(io, `Looking for ${sanitizeForTerminal(options.ref)}…`, options.colorStderr);
  let found: ResolvedJob;
  try {
    found = await resolveJob(session, options.ref, options.since);
  } finally {
    spinner.stop();
  }
  if (found.kind === 'none') {
    await write(io.stderr, notFoundLine(options, where, found.sinceMs));
    return ExitCode.notFound;
  }
  if (found.kind === 'logged') {
    const name = sanitizeForTerminal(found.log.jobName ?? found.log.originalJobName ?? options.ref);
    await write(io.stderr, `${name} is no longer active; showing its job log\n`);
  }

  const now = session.client.now();
  const document = found.kind === 'active' ? { schemaVersion: 1, active: true, job: jobRecord(found.job) } : { schemaVersion: 1, active: false, log: found.log };
  switch (options.output) {
    case 'json':
      await write(io.stdout, renderJson(document));
      break;
    case 'ndjson':
      await write(io.stdout, [...renderNdjson([document])].join(''));
      break;
    case 'csv':
    case 'tsv': {
      const format = { format: options.output, headers: options.headers };
      if (found.kind === 'logged') await writeLines(io.stdout, renderRecordDelimited([found.log], JOB_LOG_SUMMARY_COLUMNS, format));
      else if (options.items) await writeLines(io.stdout, renderRecordDelimited(taskItemRecords(found.job), TASK_ITEM_RECORD_COLUMNS, format));
      else await writeLines(io.stdout, renderRecordDelimited(taskRecords(found.job), TASK_RECORD_COLUMNS, format));
      break;
    }
    case 'table':
    case 'wide': {
      const common = { palette: createPalette(options.color), now, width: io.columns(), wide: options.output === 'wide' };
      const text =
        found.kind === 'active'
          ? renderActiveJob(found.job, {
              ...common,
              staleAfterMs: options.stallTimeout,
              barStyle: io.stdoutIsTTY ? 'unicode' : 'ascii',
              items: options.items,
            })
          : renderJobLogSummary(found.log, common);
      await write(io.stdout, text);
      break;
    }
  }
  return ExitCode.ok;
}
