// The work of `ips-jobs stop|pause|resume|delete|run <job…>` (loaded only when one runs): job control. Names are
// resolved against the list the action applies to, the user confirms on the terminal (or passes --yes), then one
// control call per job — never retried, because a call whose answer was lost may still have taken effect.
import type { Command } from 'commander';
import { readAllStdin } from '../../config/index.js';
import { ExitCode, worstExitCode } from '../../exit-codes.js';
import { IpsFaultError, ProtocolError, TransportError } from '../../ips/errors.js';
import {
  activeCandidates,
  namesAmong,
  refsFromLines,
  resolveControlTargets,
  scheduledCandidates,
  type AmbiguousName,
  type ControlCandidate,
  type ControlTarget,
} from '../../jobs/control-targets.js';
import { hasGlob } from '../../jobs/job-ref.js';
import { renderAlignedLines } from '../../render/aligned-table.js';
import { createPalette, type Palette } from '../../render/palette.js';
import type { RecordColumn } from '../../render/records.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CommandContext } from '../shared/command-context.js';
import { CONTROL_ACTIONS, type ControlAction, type ControlFlags } from './options.js';
import { describeError } from '../shared/describe-error.js';
import { colorEnabled, write, type IO } from '../shared/io.js';
import { writeRecords, type OutputFormat } from '../shared/output.js';
import type { Session } from '../shared/session.js';
import { UsageError } from '../shared/usage-error.js';

interface ControlOptions {
  action: ControlAction;
  /** Handles and names, `-` already replaced by the lines of stdin. */
  refs: string[];
  yes: boolean;
  all: boolean;
  output: OutputFormat;
  color: boolean;
  session: Session;
  signal: AbortSignal;
}

interface ControlError {
  kind: string;
  code?: number;
  reason: string;
}

/** One job's result: what `-o json` carries for it, and the exit code it contributes. */
interface ControlResult {
  jobHandle?: string;
  name?: string;
  ok: boolean;
  error?: ControlError;
  exitCode: number;
}

/** The action of one control command, run with the flags commander parsed. */
export async function controlAction(action: ControlAction, jobs: string[], flags: ControlFlags, command: Command, context: CommandContext): Promise<void> {
  const refs = await readRefs(jobs, context, command);
  await context.runWithSession(command, { company: 'required' }, async (session, globals, io) =>
    runControl(
      {
        action,
        refs,
        yes: flags.yes === true,
        all: flags.all === true,
        output: flags.output,
        color: colorEnabled(globals.color, io.env, io.stdoutIsTTY),
        session,
        signal: context.signal,
      },
      io,
    ),
  );
}

/** The refs as given, `-` replaced by stdin's lines; read before the session opens, so --password-stdin cannot race it. */
async function readRefs(jobs: string[], context: CommandContext, command: Command): Promise<string[]> {
  if (!jobs.includes('-')) return jobs;
  if (context.globals(command).passwordStdin) {
    throw new UsageError(
      "'-' and --password-stdin both read standard input: give the password with IPS_JOBS_PASSWORD or --password-file, or the jobs as arguments",
    );
  }
  const fromStdin = refsFromLines(await readAllStdin(context.io.stdin));
  const refs = jobs.flatMap((job) => (job === '-' ? fromStdin : [job]));
  if (refs.length === 0) throw new UsageError("no jobs given: standard input ('-') held no job handles");
  return refs;
}

async function listCandidates(action: ControlAction, session: Session): Promise<ControlCandidate[]> {
  const companyHandle = session.company?.companyHandle;
  const lists = await Promise.all(
    action.lists.map(async (list) =>
      list === 'active'
        ? activeCandidates(await session.client.getActiveJobs({ companyHandle, includeWaitingJobs: true }))
        : scheduledCandidates(await session.client.getScheduledJobs({ companyHandle })),
    ),
  );
  return lists.flat();
}

async function runControl(options: ControlOptions, io: IO): Promise<number> {
  const { action, session } = options;
  // Handles alone need no lookup, unless the prompt is to say what they are.
  const lookup = namesAmong(options.refs) || !options.yes;
  const candidates = lookup ? await listCandidates(action, session) : [];
  const { targets, notFound, ambiguous } = resolveControlTargets(options.refs, candidates, { all: options.all });
  if (ambiguous.length > 0) throw new UsageError(ambiguousMessage(action, ambiguous));

  if (targets.length > 0 && !options.yes) {
    const agreed = await io.confirm?.(confirmQuestion(action, targets, notFound, session), options.signal);
    if (agreed === undefined) {
      throw new UsageError(`refusing to ${action.name} ${jobCount(targets.length)} without confirmation: pass --yes (no terminal to ask on)`);
    }
    if (!agreed) {
      await write(io.stderr, 'cancelled, nothing done\n');
      return ExitCode.ok;
    }
  }

  const palette = createPalette(options.color);
  const lines = options.output === 'table' || options.output === 'wide';
  const results: ControlResult[] = [];
  const report = async (result: ControlResult) => {
    results.push(result);
    if (lines) await write(io.stdout, resultLine(action, result, palette));
  };
  for (const ref of notFound) await report(notFoundResult(action, ref));
  for (const target of targets) {
    if (options.signal.aborted) break;
    await report(await controlOne(action, target, session));
  }
  if (!lines) await writeResults(io, action, results, options);
  return worstExitCode(results.map((r) => r.exitCode));
}

/** Exactly one request per job: the client never retries, and neither does this. */
async function controlOne(action: ControlAction, target: ControlTarget, session: Session): Promise<ControlResult> {
  const known = { jobHandle: target.jobHandle, ...(target.job?.name === undefined ? {} : { name: target.job.name }) };
  try {
    await action.send(session.client, { companyHandle: session.company?.companyHandle ?? '', jobHandle: target.jobHandle });
    return { ...known, ok: true, exitCode: ExitCode.ok };
  } catch (error) {
    return { ...known, ok: false, error: controlError(error), exitCode: describeError(error).exitCode };
  }
}

function controlError(error: unknown): ControlError {
  if (error instanceof IpsFaultError) return { kind: error.fault, ...(error.code === undefined ? {} : { code: error.code }), reason: error.reason };
  if (error instanceof TransportError) return { kind: 'transport', reason: error.message };
  if (error instanceof ProtocolError) return { kind: 'protocol', reason: error.message };
  return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
}

function notFoundResult(action: ControlAction, ref: string): ControlResult {
  const reason = hasGlob(ref) ? `no ${action.what} matches "${ref}"` : `no ${action.what} is named "${ref}"`;
  return { name: ref, ok: false, error: { kind: 'notFound', reason }, exitCode: ExitCode.notFound };
}

function jobCount(n: number): string {
  return `${n} ${n === 1 ? 'job' : 'jobs'}`;
}

function ambiguousMessage(action: ControlAction, ambiguous: readonly AmbiguousName[]): string {
  const each = ambiguous.map(
    ({ ref, handles }) => `"${sanitizeForTerminal(ref)}" matches ${handles.length} ${action.what}s (${handles.map(sanitizeForTerminal).join(', ')})`,
  );
  return `${each.join('; ')}: nothing done. Give the handle of the one you mean, or pass --all to ${action.name} every match.`;
}

function statusText(target: ControlTarget, action: ControlAction): string {
  const job = target.job;
  if (!job) return `not in the ${action.lists.map((l) => `${l} list`).join(' or ')}`;
  if (job.kind === 'scheduled') return `scheduled, trigger ${job.status ?? 'unknown'}`;
  return job.status ?? 'unknown state';
}

/** What will be affected, one job a line (name, handle, state or trigger state), then the question. */
function confirmQuestion(action: ControlAction, targets: readonly ControlTarget[], notFound: readonly string[], session: Session): string {
  const company = session.company?.name ?? session.company?.companyHandle ?? 'the company';
  const rows = targets.map((target) =>
    [target.job?.name ?? '-', target.jobHandle, statusText(target, action)].map((text) => ({ text: sanitizeForTerminal(text) })),
  );
  const columns = [0, 1, 2].map(() => ({ align: 'left' as const, minWidth: 1 }));
  const listing = renderAlignedLines(columns, rows).map((line) => `  ${line}\n`);
  const missing = notFound.length === 0 ? '' : `Not found, left out: ${notFound.map(sanitizeForTerminal).join(', ')}\n`;
  const verb = action.name[0]!.toUpperCase() + action.name.slice(1);
  return `About to ${action.name} ${jobCount(targets.length)} of ${sanitizeForTerminal(company)}:\n${listing.join('')}${missing}${verb} ${jobCount(targets.length)}? [y/N] `;
}

// One width for every action's result word, so scripts can cut the same columns from any of them.
const RESULT_WIDTH = Math.max('failed'.length, ...CONTROL_ACTIONS.map((a) => a.done.length));

/** `stopped  Spring-Publish-…  j|1001||…`, or `failed   …  authorizationFault 20003: …`; server text made safe. */
function resultLine(action: ControlAction, result: ControlResult, palette: Palette): string {
  const word = (result.ok ? action.done : 'failed').padEnd(RESULT_WIDTH);
  const fields = [result.name ?? '-', result.jobHandle ?? '-'];
  if (result.error) fields.push(errorText(result.error));
  return `${(result.ok ? palette.ok : palette.error)(word)}  ${fields.map(sanitizeForTerminal).join('  ')}\n`;
}

function errorText(error: ControlError): string {
  if (error.kind === 'notFound') return `not found: ${error.reason}`;
  const text = `${error.kind}${error.code === undefined ? '' : ` ${error.code}`}: ${error.reason}`;
  // The request went out but its answer was lost: it may have been carried out.
  return error.kind === 'transport' || error.kind === 'protocol' ? `${text} (not retried: it may still have taken effect)` : text;
}

function resultColumns(action: ControlAction): RecordColumn<ControlResult>[] {
  return [
    { id: 'result', header: 'RESULT', field: 'result', text: (r) => (r.ok ? action.done : 'failed') },
    { id: 'name', header: 'NAME', field: 'name', text: (r) => r.name ?? '' },
    { id: 'handle', header: 'HANDLE', field: 'jobHandle', text: (r) => r.jobHandle ?? '' },
    { id: 'ok', header: 'OK', field: 'ok', text: (r) => String(r.ok) },
    { id: 'kind', header: 'ERROR', field: 'errorKind', text: (r) => r.error?.kind ?? '' },
    { id: 'code', header: 'CODE', field: 'errorCode', text: (r) => (r.error?.code === undefined ? '' : String(r.error.code)) },
    { id: 'reason', header: 'REASON', field: 'reason', text: (r) => r.error?.reason ?? '' },
  ];
}

/** json `{schemaVersion: 1, action, results}`, ndjson one result a line, csv/tsv one row a result. */
async function writeResults(io: IO, action: ControlAction, results: readonly ControlResult[], options: ControlOptions): Promise<void> {
  const columns = resultColumns(action);
  await writeRecords(io, results, {
    format: options.output,
    key: 'results',
    context: { action: action.name },
    columns,
    wideColumns: columns,
    toJson: ({ exitCode: _exitCode, ...result }) => result,
    headers: true,
    color: options.color,
    emptyMessage: 'nothing done',
  });
}
