// `ips-jobs stop|pause|resume|delete|run`: the actions and their options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { IpsClient } from '../../ips/client.js';
import type { JobControlInput } from '../../ips/types.js';
import type { OutputFormat } from '../shared/output-option.js';

type ControlActionName = 'stop' | 'pause' | 'resume' | 'delete' | 'run';
export interface ControlAction {
  name: ControlActionName;
  description: string;
  /** The result word of a job it was done to (`stopped`). */
  done: string;
  /** Where names are looked up: the active list (with waiting jobs), the scheduled jobs, or both. */
  lists: ReadonlyArray<'active' | 'scheduled'>;
  /** What those lists hold, in the user's words. */
  what: string;
  send(client: IpsClient, input: JobControlInput): Promise<void>;
}

export const CONTROL_ACTIONS: readonly ControlAction[] = [
  { name: 'stop', description: 'stop active jobs (stopJob)', done: 'stopped', lists: ['active'], what: 'active job', send: (c, i) => c.stopJob(i) },
  {
    name: 'pause',
    description: 'pause scheduled jobs: their trigger stops firing until resumed (pauseJob)',
    done: 'paused',
    lists: ['scheduled'],
    what: 'scheduled job',
    send: (c, i) => c.pauseJob(i),
  },
  { name: 'resume', description: 'resume paused scheduled jobs (resumeJob)', done: 'resumed', lists: ['scheduled'], what: 'scheduled job', send: (c, i) => c.resumeJob(i) },
  {
    name: 'delete',
    description: 'delete active or scheduled jobs (deleteJob)',
    done: 'deleted',
    lists: ['active', 'scheduled'],
    what: 'active or scheduled job',
    send: (c, i) => c.deleteJob(i),
  },
  { name: 'run', description: 'run scheduled jobs now (executeJob)', done: 'started', lists: ['scheduled'], what: 'scheduled job', send: (c, i) => c.executeJob(i) },
];

export interface ControlFlags {
  yes?: boolean;
  all?: boolean;
  output: OutputFormat;
}
