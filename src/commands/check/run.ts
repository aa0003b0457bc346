// The work of `ips-jobs check` (loaded only when it runs): one run for cron and CI that answers "is anything
// wrong?". Prints only problems (nothing and exit 0 when all is well; exit 3 when it reports something) and,
// with --state-file, only what changed since the last run.
import type { Command } from 'commander';
import { ExitCode } from '../../exit-codes.js';
import type { ActiveJob, JobLog } from '../../ips/types.js';
import { planAlerts, type AlertPlan } from '../../jobs/alert-state.js';
import { checkNeeds, enabledRules, observeProgress, runChecks, type CheckRules, type Problem } from '../../jobs/check-rules.js';
import { filterJobs, filtersKey, type JobCriteria } from '../../jobs/filter.js';
import { nameMatches } from '../../jobs/job-ref.js';
import { jobTypeFromLogType } from '../../jobs/log-type.js';
import { isRelative, type TimeBound } from '../../jobs/time-bound.js';
import { workflowCommand } from '../../render/github-annotations.js';
import { renderJson } from '../../render/jobs-json.js';
import { renderJunit } from '../../render/junit.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { CheckFlags } from './options.js';
import type { CommandContext } from '../shared/command-context.js';
import { write, type IO } from '../shared/io.js';
import { checkOutputFile, writeOutputFile } from '../shared/output-file.js';
import { runOnProblem, type ProblemEvent } from './on-problem.js';
import { serverNow, windowStartMs } from '../shared/server-clock.js';
import type { Session } from '../shared/session.js';
import { openStateFile, type StateFile } from './state-file.js';
import { UsageError } from '../shared/usage-error.js';
import { plural } from '../../text/plural.js';

interface CheckOptions {
  /** The rules, --failed-since's window not yet worked out (it may need the server's clock). */
  rules: CheckRules;
  failedSince?: TimeBound;
  criteria: JobCriteria;
  output: CheckFlags['output'];
  junit?: string;
  stateFile?: string;
  realertMs?: number;
  onProblem?: string;
  /** --on-problem-timeout: how long one hook may run before it is killed. */
  onProblemTimeoutMs: number;
  /** How long to wait for the state file's lock while another run holds it. */
  lockWaitMs: number;
  verbose: boolean;
  session: Session;
  /** The run's abort signal (SIGINT/SIGTERM): ends a wait for the lock and a running hook. */
  signal?: AbortSignal;
}

function logMatches(log: JobLog, criteria: JobCriteria): boolean {
  if (criteria.types?.length) {
    const derived = (jobTypeFromLogType(log.logType) ?? '').toLowerCase();
    const raw = (log.logType ?? '').toLowerCase();
    if (!criteria.types.some((t) => t.toLowerCase() === derived || t.toLowerCase() === raw)) return false;
  }
  if (criteria.name !== undefined && !nameMatches(criteria.name, log.jobName, log.originalJobName)) return false;
  if (criteria.user !== undefined && (log.submitUserEmail ?? '').toLowerCase() !== criteria.user.toLowerCase()) return false;
  return true;
}

function problemLine(problem: Pick<Problem, 'rule' | 'jobName' | 'jobHandle' | 'message'>): string {
  const job = problem.jobName ? `${problem.jobName}${problem.jobHandle ? ` (${problem.jobHandle})` : ''}: ` : '';
  return sanitizeForTerminal(`${problem.rule}: ${job}${problem.message}`);
}

/** The action of `ips-jobs check`, run with the flags commander parsed. */
export async function checkAction(flags: CheckFlags, command: Command, context: CommandContext): Promise<void> {
  const rules: CheckRules = {
    stalledMs: flags.stalled,
    queuedMs: flags.queued,
    runningLongerMs: flags.runningLonger,
    maxActive: flags.maxActive,
    failOn: flags.failOn,
  };
  if (enabledRules(rules).length === 0 && flags.failedSince === undefined) {
    throw new UsageError('check needs at least one rule: --stalled, --queued, --running-longer, --max-active or --failed-since');
  }
  if (flags.realert !== undefined && flags.stateFile === undefined) throw new UsageError('--realert needs --state-file');
  if (command.getOptionValueSource('onProblemTimeout') === 'cli' && flags.onProblem === undefined) {
    throw new UsageError('--on-problem-timeout needs --on-problem');
  }
  // A report that could not be written is seen now, before IPS is asked anything.
  if (flags.junit !== undefined) await checkOutputFile('--junit', flags.junit);
  await context.runWithSession(command, { company: 'required' }, (session, _globals, io) =>
    runCheck(
      {
        rules,
        failedSince: flags.failedSince,
        criteria: { types: flags.type, name: flags.name, user: flags.user },
        output: flags.output,
        junit: flags.junit,
        stateFile: flags.stateFile,
        realertMs: flags.realert,
        onProblem: flags.onProblem,
        onProblemTimeoutMs: flags.onProblemTimeout,
        lockWaitMs: flags.lockWait,
        verbose: flags.verbose === true,
        session,
        signal: context.signal,
      },
      io,
    ),
  );
}

/** What one check found: the jobs and logs it looked at, and the problems to say, with the state to keep. */
interface CheckFindings {
  now: Date;
  report: ReturnType<typeof runChecks>;
  plan: AlertPlan;
  /** New and re-alerted problems (all current ones without a state file: every run then stands alone). */
  reported: AlertPlan['report'];
  resolved: AlertPlan['resolved'];
}

/** Asks IPS for what the rules need: the active jobs, the logs of the --failed-since window, or both. */
async function fetchJobs(options: CheckOptions): Promise<{ active: ActiveJob[]; logs: JobLog[] }> {
  const { session } = options;
  const companyHandle = session.company?.companyHandle;
  const needs = checkNeeds(options.rules);
  const active = needs.activeJobs ? filterJobs(await session.client.getActiveJobs({ companyHandle, includeWaitingJobs: true }), options.criteria) : [];
  if (needs.logLookbackMs === undefined) return { active, logs: [] };
  // The window is by the server's clock: when no answer has told it yet, serverNow asks once.
  const now = (await serverNow(session)).getTime();
  // getJobLogs filters by start date: the lookback is the window and a day more, for long jobs that ended inside it.
  const startDate = new Date(now - needs.logLookbackMs).toISOString();
  const logs = (await session.client.getJobLogs({ companyHandle, startDate })).filter((log) => logMatches(log, options.criteria));
  return { active, logs };
}

function findProblems(options: CheckOptions, jobs: { active: ActiveJob[]; logs: JobLog[] }, state: StateFile | undefined): CheckFindings {
  const now = options.session.client.now();
  const report = runChecks(options.rules, { ...jobs, now, previous: state?.state?.observations ?? {} });
  const scope = { rules: enabledRules(options.rules), filters: filtersKey(options.criteria), eventLookbackMs: checkNeeds(options.rules).logLookbackMs };
  const plan = planAlerts(state?.state, report.problems, observeProgress(jobs.active), now.getTime(), options.realertMs, scope);
  return { now, report, plan, reported: state ? plan.report : plan.current, resolved: state ? plan.resolved : [] };
}

/** A problem as -o json shows it: without what only the state file needs. */
const asJson = <T extends { key: string; endedAt?: number; filters?: string }>({ key: _key, endedAt: _endedAt, filters: _filters, ...rest }: T): Omit<T, 'key' | 'endedAt' | 'filters'> => rest;

/** The problems on stdout, in the --output format. */
async function writeFindings(options: CheckOptions, findings: CheckFindings, io: IO): Promise<void> {
  const { now, plan, reported, resolved } = findings;
  switch (options.output) {
    case 'json': {
      const document = { schemaVersion: 1, company: options.session.company ?? null, checkedAt: now.toISOString(), problems: plan.current.map(asJson), resolved: resolved.map(asJson) };
      await write(io.stdout, renderJson(document));
      break;
    }
    case 'github':
      for (const problem of reported) {
        await write(io.stdout, workflowCommand('error', { title: `ips-jobs ${problem.rule}${problem.jobName ? `: ${problem.jobName}` : ''}` }, `${problem.message}${problem.jobHandle ? ` (${problem.jobHandle})` : ''}`));
      }
      for (const problem of resolved) {
        await write(io.stdout, workflowCommand('notice', { title: `ips-jobs resolved ${problem.rule}${problem.jobName ? `: ${problem.jobName}` : ''}` }, problem.message));
      }
      break;
    case 'text':
      for (const problem of reported) await write(io.stdout, `${problemLine(problem)}${problem.realert ? ' (still open)' : ''}\n`);
      for (const problem of resolved) await write(io.stdout, `resolved: ${problemLine(problem)}\n`);
      if (options.verbose && reported.length === 0) {
        const open = plan.current.length;
        await write(io.stdout, `ok: ${findings.report.checked.length} checks, ${open === 0 ? 'no problems' : `${plural(open, 'known problem')}, nothing new`}\n`);
      }
      break;
  }
}

/** --junit FILE: one test case per rule and job, failed where a problem is open. */
async function writeJunit(file: string, findings: CheckFindings): Promise<void> {
  const failing = new Map(findings.plan.current.map((p) => [p.key, p]));
  const cases = findings.report.checked.map((c) => {
    const problem = failing.get(c.key);
    const name = c.jobName ? `${c.jobName}${c.jobHandle ? ` (${c.jobHandle})` : ''}` : c.rule;
    return { suite: c.rule, name, failure: problem ? { message: problem.message, detail: problemLine(problem) } : undefined };
  });
  await writeOutputFile('--junit', file, renderJunit(cases, { name: 'ips-jobs check', timestamp: findings.now.toISOString() }));
}

function problemEvents({ reported, resolved }: CheckFindings): ProblemEvent[] {
  const event = (p: (typeof reported)[number] | (typeof resolved)[number], kind: ProblemEvent['event']): ProblemEvent => ({ event: kind, rule: p.rule, jobHandle: p.jobHandle, jobName: p.jobName, message: p.message });
  return [...reported.map((p) => event(p, p.realert ? 'realert' : 'problem')), ...resolved.map((p) => event(p, 'resolved'))];
}

/**
 * --on-problem: after the state is saved and the lock given back, so a slow hook never holds up the next run, and
 * a hook that runs `ips-jobs check` itself cannot wait for its own lock. A failed or killed hook is said on
 * stderr; the check's own result and exit code stand.
 */
async function runHooks(command: string, events: readonly ProblemEvent[], options: CheckOptions, io: IO): Promise<void> {
  const { IPS_JOBS_PASSWORD: _password, ...env } = io.env;
  for (const event of events) {
    if (options.signal?.aborted) break;
    const failure = await runOnProblem(command, event, env, io.stderr, { timeoutMs: options.onProblemTimeoutMs, signal: options.signal });
    if (failure) await write(io.stderr, `ips-jobs: --on-problem ${failure} for ${event.event} ${event.rule}${event.jobName ? ` ${sanitizeForTerminal(event.jobName)}` : ''}\n`);
  }
}

/**
 * --failed-since as the window the rule checks: a duration as given; a time from then to now by the server's clock.
 * A time after that now is refused (exit 2): the window could hold no failed job.
 */
async function withFailedWindow(options: CheckOptions): Promise<CheckOptions> {
  const since = options.failedSince;
  if (since === undefined) return options;
  const nowMs = isRelative(since) ? 0 : (await serverNow(options.session)).getTime();
  return { ...options, rules: { ...options.rules, failedSinceMs: nowMs - windowStartMs('--failed-since', since, nowMs) } };
}

async function runCheck(checkOptions: CheckOptions, io: IO): Promise<number> {
  const options = await withFailedWindow(checkOptions);
  const state = options.stateFile ? await openStateFile(options.stateFile, { signal: options.signal, waitMs: options.lockWaitMs }) : undefined;
  let findings: CheckFindings;
  // The lock is held for the reading, the checking and the writing of the state, and for nothing else: every way
  // out of this block gives it back (an error, a closed stdout; process.exit is covered by proper-lockfile).
  try {
    if (state?.warning) await write(io.stderr, `ips-jobs: warning: ${state.warning}\n`);
    findings = findProblems(options, await fetchJobs(options), state);
    await writeFindings(options, findings, io);
    if (options.junit) await writeJunit(options.junit, findings);
    await state?.save(findings.plan.next);
  } finally {
    await state?.release();
  }
  if (options.onProblem) await runHooks(options.onProblem, problemEvents(findings), options, io);
  return findings.reported.length > 0 ? ExitCode.problemsFound : ExitCode.ok;
}
