// `ips-jobs stop|pause|resume|delete|run <job…>`: the actions and their flags. The work is in run.ts,
// loaded only when a command runs.
import { Argument, type Command } from 'commander';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { outputOption } from '../shared/output-option.js';
import { type ControlAction, CONTROL_ACTIONS, type ControlFlags } from './options.js';

export function registerControl(program: Command, context: CommandContext): void {
  for (const action of CONTROL_ACTIONS) {
    program
      .command(action.name)
      .description(action.description)
      .addArgument(
        offer(new Argument('<job...>', `job handles, or names of ${action.what}s (globs allowed); - reads handles from standard input, one per line`), { jobs: action.lists }),
      )
      .option('-y, --yes', 'do not ask for confirmation (required when there is no terminal)')
      .option('--all', 'act on every job a name matches (otherwise a name matching several jobs is refused)')
      .addOption(outputOption())
      .addHelpText('after', helpExamples(action))
      .action(async (jobs: string[], flags: ControlFlags, command: Command) => {
        const { controlAction } = await import('./run.js');
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

