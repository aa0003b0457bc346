// `ips-jobs stop|pause|resume|delete|run <job…>`: the actions and their flags. The work is in control-run.ts,
// loaded only when a command runs.
import type { Command } from 'commander';
import type { IpsClient } from '../ips/client.js';
import type { JobControlInput } from '../ips/types.js';
import type { CommandContext } from './command-context.js';
import { outputOption, type OutputFormat } from './output-option.js';

export type ControlActionName = 'stop' | 'pause' | 'resume' | 'delete' | 'run';

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

export function registerControl(program: Command, context: CommandContext): void {
  for (const action of CONTROL_ACTIONS) {
    program
      .command(action.name)
      .description(action.description)
      .argument('<job...>', `job handles, or names of ${action.what}s (globs allowed); - reads handles from standard input, one per line`)
      .option('-y, --yes', 'do not ask for confirmation (required when there is no terminal)')
      .option('--all', 'act on every job a name matches (otherwise a name matching several jobs is refused)')
      .addOption(outputOption())
      .addHelpText('after', helpExamples(action))
      .action(async (jobs: string[], flags: ControlFlags, command: Command) => {
        const { controlAction } = await import('./control-run.js');
        await controlAction(action, jobs, flags, command, context);
      });
  }
}

function helpExamples(action: ControlAction): string {
  const example = action.lists.includes('active') ? "'Spring-Publish-*'" : 'Nightly-Full-Publish';
  return `
Examples:
  ips-jobs ${action.name} ${example}
  ips-jobs ${action.name} 'j|1001||Spring-Publish-2026-11-28-09:00:00|54091' --yes
  ips-jobs list -o ndjson | jq -r .jobHandle | ips-jobs ${action.name} - --yes
`;
}

