// The work of `ips-jobs submit <kind>` (loaded only when it runs): check the input, plan the submitJob requests,
// show them and ask (or --yes, or --dry-run), send each exactly once, then print the handles or follow the jobs.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readAllStdin } from '../../config/index.js';
import { ExitCode } from '../../exit-codes.js';
import { requestMayHaveArrived } from '../../ips/errors.js';
import type { SubmitJobInput, UploadUrl } from '../../ips/types.js';
import { parseIso } from '../../jobs/dates.js';
import { execTime } from '../../jobs/exec-time.js';
import { defaultJobName, describeSubmission, parseThenPublish, parseUrlList, planSubmissions, SubmitInputError, type SubmitKind } from '../../jobs/submit-plan.js';
import { eventNdjson } from '../../render/event-ndjson.js';
import { renderJson } from '../../render/jobs-json.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import { plural } from '../../text/plural.js';
import type { CommandContext } from '../shared/command-context.js';
import { followedOutcomeDocument, followEventsNdjson, followToOutcomes, writeOutcomeLines, type FollowedOutcome } from '../shared/follow-to-outcome.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { streamColors, write, type IO } from '../shared/io.js';
import type { GlobalOptions, Session } from '../shared/session.js';
import { refuseStartAfterNow, serverNow } from '../shared/server-clock.js';
import { UsageError } from '../shared/usage-error.js';
import type { SubmitFlags } from './options.js';
import { SubmitUncertainError } from './uncertain.js';

/** A job sent and the handle IPS gave it. */
interface Submitted {
  jobName: string;
  jobHandle: string;
}

export async function submitAction(kind: SubmitKind, flags: SubmitFlags, cmd: Command, context: CommandContext): Promise<void> {
  const globals = context.globals(cmd);
  if (flags.urls === '-' && globals.passwordStdin) throw new UsageError('--urls - and --password-stdin both read standard input: give the URLs in a file');
  const { io } = context;
  const urls = kind === 'upload-urls' && flags.urls !== undefined ? await readUrls(flags, io) : undefined;
  // Everything about the input is checked here, before a request is made: a mistake costs no call. Only what needs
  // "now" (--at in the past) waits for the server's clock.
  const planned = asUsage(() => plan(kind, flags, urls, 'c|0'));
  // Nobody to ask: refused before IPS is asked anything, even the time.
  if (!flags.yes && !flags.dryRun && io.canConfirm?.() === false) throw refusal(planned.length);
  const checkEndpoint = (endpoint: string) => (flags.wait ? checkIntervalFor(endpoint, flags.interval) : undefined);
  await context.runWithSession(cmd, { company: 'required', checkEndpoint }, async (session, sessionGlobals, io) => {
    // "Now" is the server's clock: the default name and --at are written by it, asked first when no answer has told it.
    const now = flags.name === undefined || flags.at !== undefined ? await serverNow(session) : session.client.now();
    const requests = asUsage(() => plan(kind, flags, urls, session.company?.companyHandle ?? '', now));
    if (flags.wait) await refuseStartAfterNow(session, '--since', flags.since);
    return runSubmit(requests, flags, session, sessionGlobals, io, context.signal);
  });
}

/** A SubmitInputError is the user's to fix: a usage error (exit 2) with its one line. */
function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SubmitInputError) throw new UsageError(error.message);
    throw error;
  }
}

async function readUrls(flags: SubmitFlags, io: IO): Promise<UploadUrl[]> {
  const file = flags.urls ?? '-';
  let text: string;
  try {
    text = file === '-' ? await readAllStdin(io.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --urls ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const warnings: string[] = [];
  const urls = asUsage(() => parseUrlList(text, { source: file === '-' ? 'standard input' : file, destFolder: flags.destFolder, warn: (w) => warnings.push(w) }));
  await write(io.stderr, warnings.map((warning) => `ips-jobs: warning: ${sanitizeForTerminal(warning)}\n`).join(''));
  return urls;
}

/** The requests; without `now` (the server's clock not known yet) only what does not depend on it is checked. */
function plan(kind: SubmitKind, flags: SubmitFlags, urls: UploadUrl[] | undefined, companyHandle: string, now?: Date): SubmitJobInput[] {
  if (flags.at !== undefined && flags.schedule !== undefined) throw new SubmitInputError('--at and --schedule: give one, not both');
  return planSubmissions({
    kind,
    companyHandle,
    jobName: flags.name ?? defaultJobName(kind, now ?? new Date(0)),
    description: flags.description,
    execTime: flags.at === undefined || now === undefined ? undefined : execTime(flags.at, now),
    execSchedule: flags.schedule,
    emailSetting: flags.emailSetting,
    completionUrl: flags.completionUrl,
    publishType: flags.publishType ?? (kind === 'image-serving-publish' ? 'incremental' : undefined),
    urls,
    overwrite: flags.overwrite,
    readyForPublish: flags.readyForPublish,
    createMask: flags.createMask,
    thenPublish: flags.thenPublish === undefined ? undefined : parseThenPublish(flags.thenPublish),
    batchSize: flags.batchSize,
  });
}

async function runSubmit(requests: SubmitJobInput[], flags: SubmitFlags, session: Session, globals: GlobalOptions, io: IO, signal: AbortSignal): Promise<number> {
  if (flags.dryRun) {
    await write(io.stdout, requests.map((request) => `${session.client.submitJobRequest(request)}\n`).join(''));
    return ExitCode.ok;
  }
  if (!flags.yes && !(await confirmed(requests, session, io, signal))) return ExitCode.ok;
  const submitted = await submitAll(requests, session, io);
  if (!flags.wait) {
    await writeSubmitted(submitted, flags, io, session.client.now());
    return ExitCode.ok;
  }
  return followSubmitted(submitted, requests, flags, session, globals, io, signal);
}

function refusal(jobs: number): UsageError {
  return new UsageError(`refusing to submit ${plural(jobs, 'job')} without confirmation: pass --yes (no terminal to ask on)`);
}

/** Shows what will be submitted and asks on the terminal; no terminal and no --yes is a refusal (exit 2). */
async function confirmed(requests: SubmitJobInput[], session: Session, io: IO, signal: AbortSignal): Promise<boolean> {
  const company = session.company?.name ?? session.company?.companyHandle ?? '';
  const count = plural(requests.length, 'job');
  const question = `About to submit ${count} to ${sanitizeForTerminal(company)}:\n${requests.map((r) => `  ${sanitizeForTerminal(describeSubmission(r))}\n`).join('')}Submit ${count}? [y/N] `;
  const agreed = await io.confirm?.(question, signal);
  if (agreed === undefined) throw refusal(requests.length);
  if (!agreed) await write(io.stderr, 'cancelled, nothing submitted\n');
  return agreed;
}

/**
 * Sends each request once, in order. A request that may have reached IPS without an answer is never sent again:
 * the run ends (exit 5) naming the job to look for, after the handles of the jobs already submitted.
 */
async function submitAll(requests: SubmitJobInput[], session: Session, io: IO): Promise<Submitted[]> {
  const submitted: Submitted[] = [];
  for (const request of requests) {
    try {
      submitted.push({ jobName: request.jobName, jobHandle: await session.client.submitJob(request) });
    } catch (error) {
      if (submitted.length > 0) await write(io.stderr, submitted.map((s) => `ips-jobs: submitted ${sanitizeForTerminal(s.jobName)}: ${sanitizeForTerminal(s.jobHandle)}\n`).join(''));
      if (!requestMayHaveArrived(error)) throw error;
      throw new SubmitUncertainError(uncertainMessage(request.jobName, error, requests.length - submitted.length - 1), { cause: error });
    }
  }
  return submitted;
}

function uncertainMessage(jobName: string, error: unknown, notSent: number): string {
  const why = error instanceof Error ? error.message : String(error);
  const rest = notSent > 0 ? ` The ${plural(notSent, 'job')} after it ${notSent === 1 ? 'was' : 'were'} not sent.` : '';
  return (
    `no answer to submitJob for "${sanitizeForTerminal(jobName)}" (${sanitizeForTerminal(why)}): IPS may have created the job. ` +
    `It was not sent again: look for it (ips-jobs list --name '${sanitizeForTerminal(jobName)}', or ips-jobs logs) before you submit it again.${rest}`
  );
}

/** Without --wait: the handles, alone on stdout in a pipe, a sentence on a terminal, or a document. */
async function writeSubmitted(submitted: Submitted[], flags: SubmitFlags, io: IO, now: Date): Promise<void> {
  if (flags.output === 'json') return write(io.stdout, renderJson(submittedDocument(submitted)));
  if (flags.output === 'ndjson') return write(io.stdout, submittedEvents(submitted, now));
  const line = (s: Submitted) => (io.stdoutIsTTY ? `submitted ${sanitizeForTerminal(s.jobName)}: job handle ${sanitizeForTerminal(s.jobHandle)}\n` : `${s.jobHandle}\n`);
  return write(io.stdout, submitted.map(line).join(''));
}

function submittedDocument(submitted: Submitted[], outcomes?: readonly FollowedOutcome[]) {
  return {
    schemaVersion: 1,
    jobHandle: submitted[0]?.jobHandle ?? null,
    jobs: submitted.map((s, i) => {
      const outcome = outcomes?.[i];
      return { jobName: s.jobName, jobHandle: s.jobHandle, ...(outcome && { outcome: followedOutcomeDocument(outcome) }) };
    }),
  };
}

/** `-o ndjson`'s line for a submitted job; `ts` by the server's clock. */
function submittedEvents(submitted: Submitted[], now: Date): string {
  return submitted.map((s) => eventNdjson({ ts: now.toISOString(), event: 'submitted', jobHandle: s.jobHandle, detail: s.jobName })).join('');
}

/** --wait: each new job followed to its outcome exactly as `wait` follows one; the worst outcome is the exit code. */
async function followSubmitted(
  submitted: Submitted[],
  requests: SubmitJobInput[],
  flags: SubmitFlags,
  session: Session,
  globals: GlobalOptions,
  io: IO,
  signal: AbortSignal,
): Promise<number> {
  const colors = streamColors(globals.color, io);
  const ndjson = flags.output === 'ndjson';
  if (ndjson) await write(io.stdout, submittedEvents(submitted, session.client.now()));
  else await write(io.stderr, submitted.map((s) => `ips-jobs: submitted ${sanitizeForTerminal(s.jobName)}: ${sanitizeForTerminal(s.jobHandle)}\n`).join(''));
  const result = await followToOutcomes(
    {
      ...flags,
      appearTimeout: appearTimeout(flags.appearTimeout, requests, session.client.now()),
      refs: submitted.map((s) => s.jobHandle),
      colorStderr: colors.colorStderr,
      session,
      signal,
      ...(ndjson && { onEvents: (events) => write(io.stdout, followEventsNdjson(events)) }),
    },
    io,
  );
  if (result.aborted) return ExitCode.ok; // main turns the signal into 130/143
  if (flags.output === 'json') await write(io.stdout, renderJson(submittedDocument(submitted, result.outcomes)));
  if (ndjson) await write(io.stdout, result.outcomes.map((o) => eventNdjson({ ts: session.client.now().toISOString(), event: 'outcome', jobHandle: o.ref, outcome: followedOutcomeDocument(o) })).join(''));
  await writeOutcomeLines(result.outcomes, io, colors, flags.output === 'text');
  return result.exitCode;
}

/** A job set to run later (--at) cannot appear before its time: the appear timeout counts from then. */
function appearTimeout(flagMs: number, requests: SubmitJobInput[], now: Date): number {
  const at = parseIso(requests[0]?.execTime);
  return at === undefined ? flagMs : Math.max(0, at - now.getTime()) + flagMs;
}
