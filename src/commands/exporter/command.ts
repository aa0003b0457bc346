// `ips-jobs exporter`: its flags. The work is in run.ts, loaded only when the command runs.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FAIL_ON } from '../../jobs/outcome.js';
import type { CommandContext } from '../shared/command-context.js';
import { offer } from '../shared/completion-values.js';
import { choiceOption, countOption, durationOption } from '../shared/option-parsers.js';
import { UsageError } from '../shared/usage-error.js';
import type { ExporterFlags, ListenAddress } from './options.js';

/** `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`, or `:9464` (every interface). */
function listenOption(value: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new InvalidArgumentError('expected host:port, [ipv6]:port or :port, e.g. 127.0.0.1:9464');
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerExporter(program: Command, context: CommandContext): void {
  program
    .command('exporter')
    .description('serve Prometheus metrics of the jobs of one or more companies (/metrics, /healthz)')
    .addOption(new Option('--listen <host:port>', 'where to serve (:9464 = every interface)').argParser(listenOption).default(listenOption('127.0.0.1:9464'), '127.0.0.1:9464'))
    .addOption(
      offer(new Option('--target <profile[:company]>', "a profile of the config file, with its company or another (repeatable), e.g. prod, 'prod:c|1002'").argParser(repeatable), {
        profiles: true,
      }),
    )
    .option('--all-profiles', 'every profile of the config file, each with its own company')
    .addOption(new Option('--interval <duration>', 'time between polls of each target (jittered)').argParser(durationOption).default(60_000, '60s'))
    .addOption(
      new Option('--stall-timeout <duration>', 'a running job without progress for this long is stalled (0 = off)').argParser(durationOption).default(30 * 60_000, '30m'),
    )
    .addOption(new Option('--max-job-series <n>', 'per target, at most this many per-job series (the rest counted in ips_job_series_dropped; a cut is said on stderr)').argParser(countOption(0, '200')).default(200))
    .addOption(new Option('--fail-on <level>', `what fails a job: ${FAIL_ON.join(', ')}`).argParser(choiceOption(FAIL_ON)).default('error'))
    .addHelpText(
      'after',
      `
Examples:
  ips-jobs exporter --target prod --target 'stage:Kestrel Outdoor'
  ips-jobs exporter --all-profiles --listen :9464
  ips-jobs exporter --demo
`,
    )
    .action(async (flags: ExporterFlags, cmd: Command) => {
      const demo = cmd.optsWithGlobals<{ demo?: boolean }>().demo === true;
      if (flags.target !== undefined && flags.allProfiles) throw new UsageError('--target and --all-profiles: give one');
      if (!demo && flags.target === undefined && !flags.allProfiles) throw new UsageError('no targets: give --target <profile[:company]> (repeatable) or --all-profiles');
      const { exporterAction } = await import('./run.js');
      await exporterAction(flags, cmd, context);
    });
}
