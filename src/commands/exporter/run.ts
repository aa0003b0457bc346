// The work of `ips-jobs exporter` (loaded only when it runs): resolve each target from its profile before anything
// starts (a bad one is exit 78), open a session per target, serve /metrics until SIGTERM or SIGINT, then finish the
// scrape in flight and exit 0.
import type { Command } from 'commander';
import { allProfileTargets, ConfigError, parseTargetSpec, resolveTargetSettings, type Settings, type TargetSpec } from '../../config/index.js';
import { ExitCode } from '../../exit-codes.js';
import type { ExporterTarget } from '../../exporter/index.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import { plural } from '../../text/plural.js';
import type { CommandContext } from '../shared/command-context.js';
import { checkIntervalFor } from '../shared/interval-floor.js';
import { write, type IO } from '../shared/io.js';
import { openSession, openSettingsSession, type GlobalOptions, type Session } from '../shared/session.js';
import { packageVersion } from '../shared/version.js';
import type { ExporterFlags } from './options.js';

/** A target and its open session. */
interface Opened {
  spec: TargetSpec;
  region: string;
  session: Session;
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

/** Each target's settings and session, in order; the first that cannot be opened ends the start. */
async function* openTargets(flags: ExporterFlags, globals: GlobalOptions, io: IO, signal: AbortSignal): AsyncGenerator<Opened> {
  const checkEndpoint = (endpoint: string) => checkIntervalFor(endpoint, flags.interval);
  if (globals.demo && flags.target === undefined && !flags.allProfiles) {
    const session = await openSession(globals, io, { company: 'required', checkEndpoint, signal });
    yield { spec: { name: 'demo', profile: 'demo' }, region: 'demo', session };
    return;
  }
  const specs = flags.allProfiles ? await allProfileTargets(io.env) : (flags.target ?? []).map(parseTargetSpec);
  for (const spec of specs) {
    const settings = await resolveTargetSettings(spec, io.env, { strict: globals.strict === true });
    for (const warning of settings.warnings) await write(io.stderr, `ips-jobs: warning: target ${spec.name}: ${warning}\n`);
    yield { spec, region: regionLabel(settings), session: await openTargetSession(spec, settings, globals, io, { checkEndpoint, signal }) };
  }
}

/** The target's session; a configuration problem (a profile without a username, a company not found) names the target. */
async function openTargetSession(spec: TargetSpec, settings: Settings, globals: GlobalOptions, io: IO, request: Parameters<typeof openSettingsSession>[3]): Promise<Session> {
  try {
    return await openSettingsSession(settings, globals, io, request);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`target "${spec.name}": ${error.message}`, { cause: error });
    throw error;
  }
}

function regionLabel(settings: Settings): string {
  return settings.endpoint === undefined ? settings.region.value : 'custom';
}

function exporterTarget({ spec, region, session }: Opened): ExporterTarget {
  const companyHandle = session.company?.companyHandle ?? '';
  return { name: spec.name, region, companyHandle, company: session.company?.name ?? companyHandle, client: session.client };
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
