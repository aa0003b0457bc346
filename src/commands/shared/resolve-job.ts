// Naming one job for `show` and `log`, asked of IPS once, by the rule `wait` follows (docs/usage.md, "Naming a job";
// the pure rule is follow/selection.ts's chooseOne). A handle: the active job with that handle, else its own log. A
// name: every active job of that name whatever its age, and the finished logs of that name since --since; the newest
// of them is meant (a newer finished job beats an older one still running); two running jobs of the name are
// ambiguous (exit 2, each listed with its handle). Neither: the newest log of the name with no end yet (a job gone
// from the active list whose log is still being written), which `wait` never takes.
import { chooseOne, newestUnfinishedLog, notFoundReason, refPicksActive } from '../../follow/selection.js';
import type { ActiveJob, JobLog } from '../../ips/types.js';
import { looksLikeHandle } from '../../jobs/job-ref.js';
import { isFinishedLog } from '../../jobs/outcome.js';
import { timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import { refuseStartAfterNow, serverNow } from './server-clock.js';
import type { Session } from './session.js';
import { UsageError } from './usage-error.js';

/** The job a reference names; none: `reason` says what was searched, and `sinceMs` where a name's logs were looked for from. */
export type ResolvedJob = { kind: 'active'; job: ActiveJob } | { kind: 'logged'; log: JobLog } | { kind: 'none'; reason: string; sinceMs: number };

/** A name that picks several running jobs: the user names one by its handle. */
export function ambiguityMessage(ambiguous: ReadonlyArray<{ ref: string; jobs: readonly ActiveJob[] }>): string {
  return ambiguous
    .map(({ ref, jobs }) => {
      const each = jobs.map((job) => `${job.name ?? job.originalName ?? '?'} (${job.jobHandle ?? '?'}, ${job.state ?? '?'})`).join(', ');
      return `${sanitizeForTerminal(ref)} is ambiguous: ${jobs.length} active jobs have that name: ${sanitizeForTerminal(each)}; name one by its handle`;
    })
    .join('\n');
}

/** The job `ref` names now; throws a UsageError (exit 2) for a name that picks several running jobs. */
export async function resolveJob(session: Session, ref: string, since: TimeBound): Promise<ResolvedJob> {
  const { client } = session;
  const companyHandle = session.company?.companyHandle;
  // A date after the server's now is refused before anything is looked up (exit 2), a handle's too.
  await refuseStartAfterNow(session, '--since', since);
  if (looksLikeHandle(ref)) {
    const [job] = (await client.getActiveJobs({ companyHandle, includeWaitingJobs: true, jobHandle: ref })).filter((j) => j.jobHandle === ref);
    if (job) return { kind: 'active', job };
    const own = companyHandle
      ? (await client.getJobLogDetails({ companyHandle, jobHandle: ref, recordsPerPage: 1 })).filter((log) => log.jobHandle === undefined || log.jobHandle === ref)
      : [];
    const log = own.find(isFinishedLog) ?? own[0];
    return log ? { kind: 'logged', log } : { kind: 'none', reason: notFoundReason(ref, -Infinity), sinceMs: -Infinity };
  }
  const active = await client.getActiveJobs({ companyHandle, includeWaitingJobs: true });
  const sinceMs = timeBoundMs(since, (await serverNow(session)).getTime());
  // Two running jobs of the name are ambiguous whatever the logs say; fewer: a newer finished one may be meant.
  const listed = active.filter((job) => refPicksActive(ref, job)).length;
  const logs = listed < 2 ? await client.getJobLogs({ companyHandle, startDate: new Date(sinceMs).toISOString() }) : [];
  const choice = chooseOne(ref, active, logs, sinceMs);
  switch (choice.kind) {
    case 'ambiguous':
      throw new UsageError(ambiguityMessage([{ ref, jobs: choice.jobs }]));
    case 'none': {
      const unfinished = newestUnfinishedLog(ref, logs, sinceMs);
      return unfinished ? { kind: 'logged', log: unfinished } : { kind: 'none', reason: notFoundReason(ref, sinceMs), sinceMs };
    }
    default:
      return choice;
  }
}
