// The commander program: global flags shared by every command, and the commands themselves.
// Command modules hold only their flag definitions; their work is loaded when they run.
import { Command, Option } from 'commander';
import { REGIONS } from '../ips/endpoints.js';
import type { CommandContext } from './shared/command-context.js';
import { registerConfig } from './config/command.js';
import { registerEmulator } from './emulator/command.js';
import { registerHelp } from './help/command.js';
import { registerList } from './list/command.js';
import { registerWait } from './wait/command.js';
import { registerSubmit } from './submit/command.js';
import { registerWatch } from './watch/command.js';
import { registerLogs } from './logs/command.js';
import { registerLog } from './log/command.js';
import { registerStats } from './stats/command.js';
import { registerTimeline } from './timeline/command.js';
import { registerShow } from './show/command.js';
import { registerScheduled } from './scheduled/command.js';
import { registerCompanies } from './companies/command.js';
import { registerControl } from './control/command.js';
import { CONTROL_ACTIONS } from './control/options.js';
import { registerCheck } from './check/command.js';
import { registerCompletion } from './completion/command.js';
import { offer } from './shared/completion-values.js';
import { registerExporter } from './exporter/command.js';
import { positiveDurationOption, sizeOption } from './shared/option-parsers.js';
import { UsageError } from './shared/usage-error.js';
import { packageVersion } from './shared/version.js';

function addGlobalOptions(program: Command): void {
  program
    .addOption(offer(new Option('--profile <name>', 'use this profile of the config file (IPS_JOBS_PROFILE)'), { profiles: true }))
    .option('--username <email>', 'IPS login e-mail (IPS_JOBS_USERNAME)')
    .option('--password-file <path>', 'read the password from this file (IPS_JOBS_PASSWORD_FILE)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--company <name|handle>', 'company: a name, or a handle such as c|1234 (IPS_JOBS_COMPANY)')
    .addOption(offer(new Option('--region <region>', 'IPS region: na, emea or apac (IPS_JOBS_REGION; default na)'), { words: REGIONS }))
    .option('--staging', 'use the staging host of the region (IPS_JOBS_STAGING)')
    .option('--endpoint <url|host>', 'IPS service URL, or a host (https, standard service path); beats --region and --staging (IPS_JOBS_ENDPOINT)')
    .addOption(
      new Option('--request-timeout <duration>', 'total deadline of each request')
        .argParser(positiveDurationOption)
        .default(30_000, '30s'),
    )
    .addOption(
      new Option('--max-response-size <size>', 'largest response accepted').argParser(sizeOption).default(256 * 1024 ** 2, '256MB'),
    )
    .option('--demo', 'run against a built-in IPS emulator with demo data (no account needed)')
    .option('--color', 'force colour on')
    .option('--no-color', 'turn colour off (also NO_COLOR)')
    .option('--ca-file <path>', 'also trust the CA certificates in this PEM file (a corporate CA; also NODE_EXTRA_CA_CERTS)')
    .option('--insecure-http', 'allow a plain http:// endpoint that is not on this machine (warns on every run)')
    .option('--strict', 'refuse, rather than warn about, a mistake in the config file (an unknown key, a setting it ignores) or a config or password file that others can read')
    .option('--debug', 'show each SOAP exchange (secrets masked) and stack traces on stderr')
    // A password is never a flag value (it would show in `ps` and shell history): refuse it clearly.
    .addOption(
      new Option('--password <value>').hideHelp().argParser(() => {
        throw new UsageError(
          '--password is not accepted: a password on the command line leaks into process lists and shell history. Use IPS_JOBS_PASSWORD, --password-file or --password-stdin.',
        );
      }),
    );
}

/** Every command: the names it answers to (aliases included) and how it is defined, in the order the help lists them. */
const COMMANDS: ReadonlyArray<{ names: readonly string[]; register: (program: Command, context: CommandContext) => void }> = [
  { names: ['list', 'ls'], register: registerList },
  { names: ['watch'], register: registerWatch },
  { names: ['wait'], register: registerWait },
  { names: ['submit'], register: registerSubmit },
  { names: ['show'], register: registerShow },
  { names: ['logs'], register: registerLogs },
  { names: ['log'], register: registerLog },
  { names: ['stats'], register: registerStats },
  { names: ['timeline'], register: registerTimeline },
  { names: ['scheduled'], register: registerScheduled },
  { names: ['companies'], register: registerCompanies },
  { names: CONTROL_ACTIONS.map((action) => action.name), register: registerControl },
  { names: ['check'], register: registerCheck },
  { names: ['exporter'], register: registerExporter },
  { names: ['config'], register: registerConfig },
  { names: ['emulator'], register: registerEmulator },
  { names: ['completion'], register: registerCompletion },
  { names: ['help'], register: registerHelp },
];

/** The program for `argv` (the arguments after the command name); without it, every command is defined. */
export function buildProgram(context: CommandContext, argv?: readonly string[]): Command {
  const { io } = context;
  const program = new Command('ips-jobs')
    .description('Monitor the jobs of Adobe Dynamic Media Classic (Scene7) IPS from the terminal, cron and CI.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are reported once, by main, as one line with the exit code 2.
      outputError: () => {},
      getOutHelpWidth: () => io.columns() ?? 100,
      getErrHelpWidth: () => 100,
    })
    .helpCommand(false);
  addGlobalOptions(program);

  // Only the commands named on the command line are defined in full: defining all of them is about 5 ms of every
  // run. With none named (`--help`, no command, a typo), or `help` asked for, every one is, for the help and the
  // "did you mean" suggestion.
  const named = argv === undefined ? [] : COMMANDS.filter((command) => command.names.some((name) => argv.includes(name)));
  const all = named.length === 0 || named.some((command) => command.register === registerHelp);
  for (const command of all ? COMMANDS : named) command.register(program, context);

  program.addHelpText(
    'after',
    `
Examples:
  ips-jobs list --demo                   try it against the built-in emulator
  ips-jobs list --state Running -o wide  running jobs with handles and servers
  ips-jobs list -o json | jq '.jobs[].name'
  ips-jobs watch                         a live view of every active job
  ips-jobs wait Spring-Catalog-Publish   exit 0 when it succeeds, 1 when it fails (for CI)
  ips-jobs show Spring-Catalog-Publish   everything known about one job
  ips-jobs logs --since 24h --failed     what failed today
  ips-jobs stats --since 30d             a month in figures: outcomes, durations, jobs per day
  ips-jobs timeline                      what ran when today, and beside what
  ips-jobs check --stalled 30m --state-file ~/.cache/ips-jobs.state   for cron: only new problems
  ips-jobs help exit-codes               what each exit code means
  ips-jobs help times                    the forms of --since, --until, --at
`,
  );
  return program;
}
