// Local IPS emulator: real SOAP over HTTP on loopback, deterministic jobs on a virtual clock, scripted faults.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_START_TIME, EmulatorClock, type VirtualClock } from './clock.js';
import { DEMO_USERS, type EmulatorUser } from './directory.js';
import { FaultPlan, type FaultRule } from './faults.js';
import { EmulatedIps } from './model.js';
import { startHttpFront, type EmulatorStats } from './server.js';

export { DEFAULT_START_TIME, formatIso, type VirtualClock } from './clock.js';
export { COMPANIES, DEMO_CREDENTIALS, DEMO_USERS, type EmulatorMembership, type EmulatorUser } from './directory.js';
export {
  FAULT_SYNTAX,
  FaultPlan,
  FaultPlanSyntaxError,
  formatFaultRule,
  parseFaultPlan,
  type FaultAction,
  type FaultDecision,
  type FaultKind,
  type FaultRule,
  type IpsFaultKind,
} from './faults.js';
export { DONE_LINGER_MS, STOP_MS, jobEndAt, type EmulatedJob, type JobOutcome, type JobPlan, type PlannedFile, type PlannedTask } from './lifecycle.js';
export { EmulatedIps, type AddJobOptions } from './model.js';
export { IPS_OPERATIONS, SOAP_PATH, type IpsOperation } from './operations.js';
export type { EmulatorStats } from './server.js';

/** The project's job-only WSDL (src/ips/wsdl in the tree, dist/ips/wsdl once built: same relative path). */
export const DEFAULT_WSDL_PATH = fileURLToPath(new URL('../ips/wsdl/ips-jobs.wsdl', import.meta.url));

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 1 — deterministic job data. */
  seed?: number;
  /** Active jobs generated at start, default 8 (0 allowed). */
  jobs?: number;
  /** Virtual seconds per real second; default 1; 0 = frozen (only clock.advance()/set() move time). */
  speed?: number;
  /** Virtual clock start, ISO with offset; default '2026-11-28T09:00:00.000-08:00'. Its offset is the server's. */
  startTime?: string;
  /** Initial fault plan (string = the --faults syntax). */
  faults?: FaultRule[] | string;
  /** Default DEMO_USERS. */
  users?: EmulatorUser[];
  /** WSDL to serve and route with; default DEFAULT_WSDL_PATH. */
  wsdlPath?: string;
}

export interface Emulator {
  /** SOAP endpoint: http://127.0.0.1:<port>/scene7/services/IpsApiService */
  readonly url: string;
  /** url + '?wsdl' */
  readonly wsdlUrl: string;
  readonly port: number;
  readonly clock: VirtualClock;
  readonly ips: EmulatedIps;
  readonly faults: FaultPlan;
  readonly stats: EmulatorStats;
  /** Stops listening and destroys every open socket (idle keep-alive and hung requests included). */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new EmulatorClock(options.startTime ?? DEFAULT_START_TIME, options.speed ?? 1);
  const ips = new EmulatedIps(clock, { seed: options.seed ?? 1, jobs: options.jobs ?? 8, users: options.users ?? DEMO_USERS });
  const faults = new FaultPlan(options.faults);
  const stats: EmulatorStats = { requests: 0, connections: 0, byOperation: {}, bytesOut: 0, bytesByOperation: {} };
  const wsdlPath = options.wsdlPath ?? DEFAULT_WSDL_PATH;
  const wsdlXml = await readFile(wsdlPath, 'utf8').catch((err: unknown) => {
    throw new Error(`IPS emulator: cannot read WSDL ${wsdlPath}`, { cause: err });
  });
  const front = await startHttpFront({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, wsdlXml, clock, ips, faults, stats });
  return {
    url: front.url,
    wsdlUrl: `${front.url}?wsdl`,
    port: front.port,
    clock,
    ips,
    faults,
    stats,
    close: front.close,
  };
}
