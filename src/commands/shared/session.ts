// From global flags to a connected IPS client and a resolved company: settings, credentials,
// endpoint, the in-process emulator for --demo, and the company name resolved once.
import {
  ConfigError,
  classifyCompany,
  readAllStdin,
  requireCredentials,
  resolveSettings,
  type CompanySpec,
  type ConfigFlags,
  type Settings,
} from '../../config/index.js';
import { AuthorizationError, IpsApiFaultError, type IpsError } from '../../ips/errors.js';
import type { IpsClient } from '../../ips/client.js';
import type { Exchange } from '../../ips/transport.js';
import { connectionOptions, type SecurityFlags } from './connection-security.js';
import type { IO } from './io.js';
import { packageVersion } from './version.js';

/** Every command's global flags: the config layer's flags plus how to talk to IPS and print. */
export interface GlobalOptions extends ConfigFlags, SecurityFlags {
  requestTimeout: number;
  maxResponseSize: number;
  demo?: boolean;
  color?: boolean;
  debug?: boolean;
}

interface CompanyRef {
  companyHandle: string;
  name?: string;
}

export interface Session {
  client: IpsClient;
  endpoint: string;
  username: string;
  company?: CompanyRef;
  /** checkLogin with this session's own credentials: IPS's status string. */
  checkLogin(): Promise<string>;
  close(): Promise<void>;
}

export interface SessionRequest {
  /** required: missing is exit 78; optional: resolved when configured; none: never looked at. */
  company: 'required' | 'optional' | 'none';
  /** What depends on the endpoint (watch's and wait's --interval floor): may throw, before any request is sent. */
  checkEndpoint?: (endpoint: string) => void;
  signal?: AbortSignal;
  onExchange?: (exchange: Exchange, error?: IpsError) => void;
  /** A response element missing, mistyped or unknown to the schema (for --debug). */
  onSchemaProblem?: (operation: string, path: string, problem: string) => void;
}

interface Target {
  endpoint: string;
  /** Who named the endpoint (`--endpoint`, `IPS_JOBS_ENDPOINT`, …), for messages. */
  endpointSource?: string;
  username: string;
  password: string;
  company?: CompanySpec;
  close(): Promise<void>;
}

/**
 * --demo: the emulator, in this process, on an ephemeral loopback port. Only when asked. Its clock starts at the real
 * now, so the demo's jobs, names and logs are today's (the emulator's own default is a fixed day, for tests).
 */
async function demoTarget(globals: GlobalOptions): Promise<Target> {
  const { startEmulator, startTimeAt, DEMO_CREDENTIALS } = await import('../../emulator/index.js');
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, jobs: 16, startTime: startTimeAt(Date.now()) });
  return {
    endpoint: emulator.url,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    company: classifyCompany(globals.company ?? DEMO_CREDENTIALS.company),
    close: () => emulator.close(),
  };
}

/** Settings from flags, environment and config file; warnings (unknown keys, …) go to stderr. */
export async function runSettings(globals: GlobalOptions, io: IO): Promise<Settings> {
  const settings = await resolveSettings({
    flags: globals,
    env: io.env,
    readStdin: () => readAllStdin(io.stdin),
  });
  for (const warning of settings.warnings) io.stderr.write(`ips-jobs: warning: ${warning}\n`);
  return settings;
}

async function configuredTarget(globals: GlobalOptions, io: IO, needsCompany: boolean): Promise<Target> {
  return settingsTarget(await runSettings(globals, io), needsCompany);
}

function settingsTarget(settings: Settings, needsCompany: boolean): Target {
  const credentials = requireCredentials(settings, { needsCompany });
  const { endpoint } = settings;
  return { endpoint: endpoint.value.url, endpointSource: endpoint.source.name, ...credentials, close: async () => {} };
}

/**
 * A company given by name is looked up once; an unknown name is a configuration error (78), caused by IPS's answer.
 * `fix` says where the company came from.
 */
async function resolveCompany(client: IpsClient, spec: CompanySpec, fix = 'Check --company or IPS_JOBS_COMPANY'): Promise<CompanyRef> {
  if (spec.kind === 'handle') return { companyHandle: spec.value };
  try {
    const company = await client.getCompanyInfo({ companyName: spec.value });
    if (!company.companyHandle) throw new ConfigError(`company "${spec.value}" not found`);
    return { companyHandle: company.companyHandle, name: company.name ?? spec.value };
  } catch (error) {
    const unknown =
      (error instanceof IpsApiFaultError && (error.code === 30001 || error.code === 30002)) ||
      (error instanceof AuthorizationError && (error.code === 20000 || error.code === 20006));
    if (!unknown) throw error;
    throw new ConfigError(`company "${spec.value}" is not known to IPS for this user (${error.reason}). ${fix}; a handle such as c|1234 is used as given.`, {
      cause: error,
    });
  }
}

export async function openSession(globals: GlobalOptions, io: IO, request: SessionRequest): Promise<Session> {
  const target = globals.demo ? await demoTarget(globals) : await configuredTarget(globals, io, request.company === 'required');
  return connect(target, globals, io, request);
}

/** A session whose company (required) is looked up when the caller chooses, not when it opens. */
export interface DeferredCompanySession extends Session {
  /** The company as configured: a handle, or a name that resolveCompany looks up. */
  companySpec: CompanySpec;
  /** The company's handle: a handle as given; a name asked of IPS (an unknown one is a ConfigError saying `fix`). */
  resolveCompany(fix: string): Promise<CompanyRef>;
}

/**
 * A session from settings resolved elsewhere (an exporter target's profile), its company required but not looked
 * up: opening it sends nothing, so only what is wrong in the configuration can make it fail.
 */
export async function openSettingsSession(settings: Settings, globals: GlobalOptions, io: IO, request: Omit<SessionRequest, 'company'>): Promise<DeferredCompanySession> {
  const target = settingsTarget(settings, true);
  const companySpec = target.company;
  if (companySpec === undefined) throw new ConfigError('no company'); // requireCredentials asked for one: never here
  const session = await connect(target, globals, io, { ...request, company: 'none' });
  return { ...session, companySpec, resolveCompany: (fix) => resolveCompany(session.client, companySpec, fix) };
}

async function connect(target: Target, globals: GlobalOptions, io: IO, request: SessionRequest): Promise<Session> {
  try {
    request.checkEndpoint?.(target.endpoint);
    const connection = await connectionOptions(target.endpoint, target.endpointSource, globals, io);
    const { createIpsClient } = await import('../../ips/client.js');
    const client = await createIpsClient({
      ...connection,
      endpoint: target.endpoint,
      username: target.username,
      password: target.password,
      appVersion: packageVersion(),
      requestTimeoutMs: globals.requestTimeout,
      maxResponseBytes: globals.maxResponseSize,
      signal: request.signal,
      onExchange: request.onExchange,
      onSchemaProblem: request.onSchemaProblem,
    });
    let company: CompanyRef | undefined;
    try {
      company = request.company !== 'none' && target.company ? await resolveCompany(client, target.company) : undefined;
    } catch (error) {
      client.close();
      throw error;
    }
    return {
      client,
      endpoint: target.endpoint,
      username: target.username,
      company,
      checkLogin: () =>
        client.checkLogin({ email: target.username, password: target.password, companyHandle: company?.companyHandle }),
      close: async () => {
        client.close();
        await target.close();
      },
    };
  } catch (error) {
    await target.close();
    throw error;
  }
}
