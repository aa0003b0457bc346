// The work of `ips-jobs exporter` (loaded only when it runs): resolve each target from its profile before anything
// starts (a bad one is exit 78), open a session per target without asking IPS anything, serve /metrics until SIGTERM
// or SIGINT, then finish the scrape in flight and exit 0. Only the configuration can stop the start: a target that
// cannot be reached, refuses the login or does not know its company is served as down by its poller, which looks the
// company up, and retries with backoff, while the other targets are polled as usual.
import type { Command } from 'commander';
import { allProfileTargets, ConfigError, parseTargetSpec, resolveTargetSettings, type Settings, type TargetSpec } from '../../config/index.js';
import { ExitCode } from '../../exit-codes.js';
import type { ExporterTarget } from '../../exporter/index.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import { plural } from '../../text/plural.js';
import type { CommandContext } from '../shared/command-context.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { write, type IO } from '../shared/io.js';
import { listenFailure } from '../shared/setup-error.js';
import { openSession, openSettingsSession, type DeferredCompanySession, type GlobalOptions, type Session } from '../shared/session.js';
import { packageVersion } from '../shared/version.js';
import type { ExporterFlags } from './options.js';

/** A target and its open session. */
interface Opened {
  spec: TargetSpec;
  region: string;
  session: Session;
  /** The `company` label: the company as the user gave it. */
  company: string;
  /** Its handle, or how the poller finds it. */
  companyHandle: ExporterTarget['companyHandle'];
}

export async function exporterAction(flags: ExporterFlags, cmd: Command, context: CommandContext): Promise<void> {
  const { io, signal } = context;
  const globals = context.globals(cmd);
  const opened: Opened[] = [];
  try {
    for await (const target of openTargets(flags, globals, io, signal)) opened.push(target);
    context.stopsOnSignal = true;
    context.exitCode = await serve(opened, flags, io, signal);
  } finally {
    await Promise.all(opened.map((target) => target.session.close()));
  }
}

/** Each target's settings and session, in order, without a request to IPS; the first misconfigured one ends the start. */
async function* openTargets(flags: ExporterFlags, globals: GlobalOptions, io: IO, signal: AbortSignal): AsyncGenerator<Opened> {
  const checkEndpoint = (endpoint: string) => checkIntervalFor(endpoint, flags.interval);
  if (globals.demo && flags.target === undefined && !flags.allProfiles) {
    // The emulator in this process: its company is looked up at once.
    const session = await openSession(globals, io, { company: 'required', checkEndpoint, signal });
    const companyHandle = session.company?.companyHandle ?? '';
    yield { spec: { name: 'demo', profile: 'demo' }, region: 'demo', session, company: session.company?.name ?? companyHandle, companyHandle };
    return;
  }
  const specs = flags.allProfiles ? await allProfileTargets(io.env) : (flags.target ?? []).map(parseTargetSpec);
  for (const spec of specs) {
    const settings = await resolveTargetSettings(spec, io.env, { strict: globals.strict === true });
    for (const warning of settings.warnings) await write(io.stderr, `ips-jobs: warning: target ${spec.name}: ${warning}\n`);
    const session = await openTargetSession(spec, settings, globals, io, { checkEndpoint, signal });
    const { companySpec } = session;
    const companyHandle = companySpec.kind === 'handle' ? companySpec.value : async () => (await session.resolveCompany(COMPANY_FIX)).companyHandle;
    yield { spec, region: regionLabel(settings), session, company: companySpec.value, companyHandle };
  }
}

/** Where a target's company comes from, for the line that says IPS does not know it. */
const COMPANY_FIX = "Check the company after the target's colon, or its profile's \"company\"";

/** The target's session; a configuration problem (a profile without a username, a plain http endpoint) names the target. */
async function openTargetSession(spec: TargetSpec, settings: Settings, globals: GlobalOptions, io: IO, request: Parameters<typeof openSettingsSession>[3]): Promise<DeferredCompanySession> {
  try {
    return await openSettingsSession(settings, globals, io, request);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`target "${spec.name}": ${error.message}`, { cause: error });
    throw error;
  }
}

function regionLabel(settings: Settings): string {
  return settings.endpoint.value.region?.name ?? 'custom';
}

function exporterTarget({ spec, region, session, company, companyHandle }: Opened): ExporterTarget {
  return { name: spec.name, region, companyHandle, company, client: session.client };
}

async function serve(opened: Opened[], flags: ExporterFlags, io: IO, signal: AbortSignal): Promise<number> {
  const { startExporter } = await import('../../exporter/index.js');
  const exporter = await startExporter({
    targets: opened.map(exporterTarget),
    intervalMs: flags.interval,
    stallWindowMs: flags.stallTimeout,
    maxJobSeries: flags.maxJobSeries,
    failOn: flags.failOn,
    host: flags.listen.host,
    port: flags.listen.port,
    version: packageVersion(),
    onLog: (line) => void write(io.stderr, `ips-jobs: ${sanitizeForTerminal(line)}\n`),
  }).catch((error: unknown) => {
    throw listenFailure(error, '--listen', flags.listen.host, flags.listen.port);
  });
  const names = opened.map((target) => target.spec.name).join(', ');
  await write(io.stderr, `ips-jobs: serving ${exporter.url}/metrics for ${plural(opened.length, 'target')} (${sanitizeForTerminal(names)}); SIGTERM or Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await exporter.close();
  await write(io.stderr, 'ips-jobs: exporter stopped\n');
  return ExitCode.ok;
}
