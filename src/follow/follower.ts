// The follow loop's one poll: ask IPS what the core needs (the active list, the logs of references not yet seen, the
// log of each job that left the list) and feed the core the answers of the requests that succeeded. The decisions are
// all in follow-core.ts and the pure parts below it; this module only sequences the calls.
import { AuthenticationError, AuthorizationError, IpsError, type IpsFaultError } from '../ips/errors.js';
import type { IpsClient } from '../ips/client.js';
import type { ActiveJob, JobLog } from '../ips/types.js';
import { plural } from '../text/plural.js';
import { FollowCore, type CoreEvent, type CoreOptions, type RefLookup } from './follow-core.js';

type FollowEventType = CoreEvent['type'] | 'poll_error' | 'recovered';

export interface FollowEvent {
  type: FollowEventType;
  /** Server time of the poll, ISO. */
  ts: string;
  jobHandle?: string;
  job?: ActiveJob;
  detail: string;
  result?: CoreEvent['result'];
}

export interface FollowOptions extends CoreOptions {
  companyHandle?: string;
}

/** Faults that no retry will cure end the run at once (4); everything else is retried with backoff. */
function isPermanent(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof AuthorizationError || !(error instanceof IpsError);
}

export class Follower {
  readonly core: FollowCore;
  private polls = 0;
  failures = 0;
  lastError: IpsError | undefined;
  /** Server time (ms) of the last successful poll. */
  lastSuccessAt: number | undefined;

  constructor(
    private readonly client: IpsClient,
    private readonly options: FollowOptions,
  ) {
    this.core = new FollowCore(options);
  }

  get pollCount(): number {
    return this.polls;
  }

  /** One poll. A failed poll yields `poll_error` (and throws for permanent faults); the next success yields `recovered`. */
  async poll(): Promise<FollowEvent[]> {
    this.polls += 1;
    let active: ActiveJob[];
    let refLogs: Map<string, JobLog[]>;
    try {
      active = await this.client.getActiveJobs({ companyHandle: this.options.companyHandle, includeWaitingJobs: true });
      // Until a named job shows up, it may have come and gone between polls: its log would tell.
      refLogs = await this.searchRefLogs(this.core.refLookups(active, this.client.now().getTime()));
    } catch (error) {
      if (isPermanent(error)) throw error;
      this.failures += 1;
      this.lastError = error as IpsError;
      return [{ type: 'poll_error', ts: this.client.now().toISOString(), detail: describePollError(error as IpsError, this.failures) }];
    }
    const now = this.client.now();
    const ts = now.toISOString();
    const events: FollowEvent[] = [];
    if (this.failures > 0) events.push({ type: 'recovered', ts, detail: `after ${plural(this.failures, 'failed poll')}` });
    this.failures = 0;
    this.lastError = undefined;
    this.lastSuccessAt = now.getTime();

    const decided = [...this.core.observePoll(now.getTime(), active, refLogs)];
    for (const followed of this.core.awaitingLogs()) {
      const logs = await this.readLogs(followed.state.job.jobHandle);
      if (logs !== undefined) decided.push(...this.core.observeLogs(followed.key, logs, now.getTime()));
    }
    decided.push(...this.core.settle(now.getTime()));
    for (const event of decided) events.push({ ...event, ts });
    return events;
  }

  /** Each reference's logs: one getJobLogs since --since per name, the log details of each handle. */
  private async searchRefLogs(lookups: readonly RefLookup[]): Promise<Map<string, JobLog[]>> {
    const found = new Map<string, JobLog[]>();
    const { companyHandle } = this.options;
    let sinceLogs: JobLog[] | undefined;
    for (const { ref, byHandle, sinceMs } of lookups) {
      if (byHandle) {
        found.set(ref, companyHandle ? await this.client.getJobLogDetails({ companyHandle, jobHandle: ref, recordsPerPage: 1 }) : []);
        continue;
      }
      sinceLogs ??= await this.client.getJobLogs({ companyHandle, startDate: new Date(sinceMs).toISOString() });
      found.set(ref, sinceLogs);
    }
    return found;
  }

  /**
   * The answer of the job's log lookup (its own log is picked out by the core), [] when it cannot be asked for, or
   * undefined when the lookup failed: the job then waits for the next poll. Refused credentials or rights end the run
   * like any other poll's (4): a failing service never turns a job into "vanished".
   */
  private async readLogs(jobHandle: string | undefined): Promise<JobLog[] | undefined> {
    const { companyHandle } = this.options;
    if (!companyHandle || jobHandle === undefined) return [];
    try {
      return await this.client.getJobLogDetails({ companyHandle, jobHandle, recordsPerPage: 1 });
    } catch (error) {
      if (isPermanent(error)) throw error;
      return undefined;
    }
  }
}

function describePollError(error: IpsError, failures: number): string {
  const fault = (error as IpsFaultError).fault ? ` (${(error as IpsFaultError).fault} ${(error as IpsFaultError).code ?? ''})` : '';
  return `poll ${failures} failed: ${error.message}${fault}`.replace(/\s+/g, ' ').trim();
}
