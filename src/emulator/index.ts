// Local IPS emulator: real SOAP over HTTP(S) on loopback, deterministic jobs on a virtual clock, scripted faults.
/*
 * Scenarios for tests of commands that follow jobs (watch, wait). Start with `startEmulator({ speed: 0 })` so only
 * `clock.advance(ms)` / `clock.set(iso)` move time; `jobs: 0` gives an empty list to start from. Every job below is
 * `const rec = emu.ips.addJob({ originalName, type, ... })`; `rec.jobHandle`, `rec.name`, `rec.originalName` identify it
 * and `jobTimes(rec.plan)` gives its moments (epoch ms): triggerAt, runAt, stallAt, resumeAt, endAt, leftAt, logAt.
 *
 * - Success / warnings: `outcome: 'success' | 'warnings'` (+ `files`, `durationMs`, `waitMs: 0` to run at once).
 *   Running → Done at endAt (log readable from then) → gone from getActiveJobs at leftAt = endAt + DONE_LINGER_MS.
 * - Fatal failure: `outcome: 'failure'` (+ `failAt` fraction): Done at the fatal error; log fatalError true, …Failure.
 * - Non-fatal failure: `outcome: 'failure', fatal: false, errorFiles: 3`: runs to the end; log fatalError false,
 *   fileErrorCount 3, logType …Warning. Exact counts on any outcome: `errorFiles`, `warningFiles`.
 * - Stall: `outcome: 'stall', stallAt: 0.5` (fraction of durationMs): Running forever, progress and
 *   lastProgressUpdate frozen from runAt + 0.5 × durationMs. Add `resumeAt: ms after runAt` to resume (then Done).
 * - Vanish: `outcome: 'vanish'`: Running until runAt + durationMs, then gone from getActiveJobs at once (never Done)
 *   and never a log: getJobLogs / getJobLogDetails do not know it, ever.
 * - Late log: `logDelayMs: 30_000`: no log at all (getJobLogDetails → empty jobLogArray) until 30 s after leftAt.
 * - Late end of a log: `logEndDelayMs: 30_000`: the job leaves the list, and its log (listed by getJobLogs too) has
 *   no endDate until 30 s after leftAt: a job gone that IPS's History still shows as running.
 * - Other jobs' logs for a handle: `emu.ips.logDetailsIgnoreJobHandle = true`: getJobLogDetails ignores its jobHandle
 *   filter and answers every log of the company (finished ones first), so a job's own log must be picked by its handle.
 * - A log written while it is read: `emu.ips.logRowsWrittenPerDetailPage = 3`: after each getJobLogDetails answer,
 *   3 rows (logType `Info`, dated now, each with its own message) are written to the log of every running job in it:
 *   with `sortDirection: 'Descending'` each later page starts with rows the previous page ended with.
 * - A long history: `emu.ips.addJobLogs([{ originalName, type, start, durationMs, outcome, files, errorFiles… }])`
 *   writes finished logs straight into it (10,000 in well under a second), with exactly those dates and counts.
 * - A server that caps getJobLogs: `emu.ips.jobLogsRowCap = 500`: no answer carries more than 500 logs, whatever
 *   numRows asks, so only a client that pages reads a whole window.
 * - A job that changes state: `waitMs` with `waitState`: `New`, then `WaitingCoordinator`/`WaitingClient`, then
 *   `Running`, then `Done`. An old job still running: `triggerAt` long ago with a `durationMs` that reaches past now.
 * - Appears late: `triggerAt` in the future: not listed nor known by handle until the clock gets there (then `New`,
 *   listed without includeWaitingJobs only once Running at triggerAt + waitMs).
 * - Finished before the command started: `triggerAt` in the past by more than waitMs + durationMs + DONE_LINGER_MS:
 *   not active, log already there.
 * - Service failing N polls in a row, then recovering: `emu.faults.set('getActiveJobs#3-5:status=503')` (calls 3–5
 *   fail), or from a call on: `getActiveJobs#3-:…`; counters restart with faults.set()/clear(). `emu.stats` counts
 *   requests, connections and requests per operation.
 * - Permission refused on one job: `addJob({ ..., protected: true })`, or `emu.ips.protectJob(handle)` for any handle
 *   (a scheduled job's too): stopJob, pauseJob, resumeJob, deleteJob and executeJob on it answer authorizationFault
 *   20003 and change nothing; other jobs are unaffected. `emu.stats.byOperation.stopJob` etc. count control calls.
 *
 * submitJob (answers the new `jobHandle`, formatted like the others):
 * - Who may: an active member of the company whose role there is one of Adobe's submit roles (IpsUser, IpsAdmin,
 *   TrialSite…, ImagePortalAdmin, ImagePortalContrib…) or IpsCompanyAdmin; else authorizationFault 20006 (not a member)
 *   or 20003. `viewer@ips-jobs.example` / `viewer-password` (ImagePortalUser in Demo Company) may read but not submit.
 * - Refused with ipsApiFault: unknown companyHandle (30001); no jobName or no job detail (30002); two job details, a
 *   detail other than imageServingPublishJob / imageRenderingPublishJob / videoPublishJob / uploadUrlsJob, execTime
 *   and execSchedule together, an empty urlArray, an execSchedule that never fires (30001).
 * - The job is an addJob job (everything above holds for it): type ImageServingPublish, ImageRenderingPublish,
 *   VideoPublish or UrlUpload; originalName = jobName; submitUserEmail = the caller; the job detail echoed. execTime
 *   ahead: appears then (triggerAt). execSchedule: a schedule only (getScheduledJobs, triggerState Normal), no job now.
 * - How it ends: `emu.ips.submitOutcomes.push({ outcome: 'failure', fatal: true })` (type SubmitOutcome: addJob's
 *   outcome, fatal, failAt, errorFiles, warningFiles, stallAt, resumeAt, logDelayMs, files, durationMs, waitMs,
 *   waitState). Each job submitJob starts (now or at execTime; not a schedule) takes the first queued entry; with
 *   none: success, with addJob's defaults (waitMs 5000, durationMs from the file count).
 * - An upload's URLs are its files, one each, named by its destPath. A URL on host `fail.invalid` fails its file: the
 *   job completes with fatalError false and fileErrorCount = the number of such URLs. One on `stall.invalid` stalls the
 *   job half-way through that file, for good. A queued entry with an `outcome` overrides both.
 * - Fault rules (`submitJob:reset`, `submitJob#2:status=503`…) count calls in `emu.stats.byOperation.submitJob`.
 *   reset, hang, status, html, malformed and fault=… answer before the service sees the request: no job is created.
 *   latency, truncated, badgzip, oversize, trickle, doctype, missing, wrongtypes and extra frame the real answer: the
 *   job IS created, only its answer is lost or mangled.
 *
 * Hostile server (issue 6), all through `emu.faults.set(...)` like the kinds above:
 * - `status=200`: an empty 200 body. `badgzip`: `Content-Encoding: gzip` on bytes that are not gzip.
 * - `oversize=BYTES`: the real answer padded to ≥ BYTES of XML, sent uncompressed (wire and XML both ≥ BYTES), for
 *   `--max-response-size`; `oversize=BYTES/gzip`: the same gzipped (a small body that inflates to ≥ BYTES).
 * - `trickle=MS`: the real answer one byte every MS ms (idle timeouts never fire; only a total deadline ends it).
 * - `doctype`: the real answer behind `<!DOCTYPE … [billion laughs, <!ENTITY xxe SYSTEM "file:///etc/passwd">]>`, with
 *   `&lol9;&xxe;` as the text of the first leaf element of the body.
 * - `missing`: items without required elements (ActiveJob: jobHandle, name, state; JobLog: the nine counts; see
 *   REQUIRED_ELEMENTS_REMOVED). `wrongtypes`: ints `lots`, dates `yesterday`, booleans `maybe` (WRONG_TYPE_VALUES).
 *   `extra`: an unknown SOAP Header entry, `<unexpectedThing>`, vendor-namespace elements and attributes on the
 *   Return, on every item and on its first field.
 * gzip: a SOAP answer (faults included) is gzipped when authHeader/gzipResponse is true, or when it is absent and
 * Accept-Encoding accepts gzip (ips-jobs sends both); `stats.bytesOut` counts compressed bytes. The real-answer edits
 * (doctype, missing, wrongtypes, extra, trickle) follow that rule; status, html, malformed and truncated (the
 * uncompressed text cut in half) are never gzipped; badgzip always claims gzip.
 *
 * HTTPS: `const cert = await generateSelfSignedCertificate()` (openssl; { key, cert, certPath, remove }) then
 * `startEmulator({ tls: { key: cert.key, cert: cert.cert } })`: `url` is https://127.0.0.1:<port>/…, trusted by a
 * client given `cert.certPath` (`--ca-file`) or `ca: cert.cert`; `await cert.remove()` when done.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_START_TIME, EmulatorClock, type VirtualClock } from './clock.js';
import { DEMO_USERS, type EmulatorUser } from './directory.js';
import { FaultPlan, type FaultRule } from './faults.js';
import { EmulatedIps } from './model.js';
import { startHttpFront, type EmulatorStats } from './server.js';

export { DEFAULT_START_TIME, formatIso, startTimeAt, type VirtualClock } from './clock.js';
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
  type FaultStatus,
  type IpsFaultKind,
} from './faults.js';
export {
  DONE_LINGER_MS,
  STOP_MS,
  jobEndAt,
  jobLeftAt,
  jobLogAt,
  jobTimes,
  type EmulatedJob,
  type JobOutcome,
  type JobPlan,
  type JobTimes,
  type PlannedFile,
  type PlannedTask,
} from './lifecycle.js';
export { EmulatedIps } from './model.js';
export type { AddJobOptions, SubmitOutcome } from './job-options.js';
export type { LogSeed } from './seed-logs.js';
export type { NamedFile } from './generate.js';
export { DOCTYPE_REFERENCES, REQUIRED_ELEMENTS_REMOVED, VENDOR_NS, WRONG_TYPE_VALUES } from './answer-edits.js';
export { CertificateGenerationError, generateSelfSignedCertificate, type SelfSignedCertificate } from './self-signed.js';
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
  /** The real time in ms that `speed` applies to; default performance.now (a test passes a clock it moves itself). */
  realTime?: () => number;
  /**
   * Virtual clock start, ISO with offset; default '2026-11-28T09:00:00.000-08:00', a fixed day so tests and benchmarks
   * never depend on the real date (--demo and `ips-jobs emulator` start at the real now: startTimeAt(Date.now())).
   * Its offset is the server's.
   */
  startTime?: string;
  /** Initial fault plan (string = the --faults syntax). */
  faults?: FaultRule[] | string;
  /** Default DEMO_USERS. */
  users?: EmulatorUser[];
  /** WSDL to serve and route with; default DEFAULT_WSDL_PATH. */
  wsdlPath?: string;
  /** PEM key and certificate (e.g. from generateSelfSignedCertificate()): serve HTTPS instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface Emulator {
  /** SOAP endpoint: http://127.0.0.1:<port>/scene7/services/IpsApiService (https:// with `tls`) */
  readonly url: string;
  /** url + '?wsdl' */
  readonly wsdlUrl: string;
  readonly port: number;
  readonly clock: VirtualClock;
  readonly ips: EmulatedIps;
  readonly faults: FaultPlan;
  readonly stats: EmulatorStats;
  /**
   * Calls `listener` with each SOAP call's operation as it arrives, before it is answered (so a test can move the
   * clock that call will see); returns what stops it.
   */
  onCall(listener: (operation: string) => void): () => void;
  /** Stops listening and destroys every open socket (idle keep-alive and hung requests included). */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new EmulatorClock(options.startTime ?? DEFAULT_START_TIME, options.speed ?? 1, options.realTime);
  const ips = new EmulatedIps(clock, { seed: options.seed ?? 1, jobs: options.jobs ?? 8, users: options.users ?? DEMO_USERS });
  const faults = new FaultPlan(options.faults);
  const stats: EmulatorStats = { requests: 0, connections: 0, byOperation: {}, bytesOut: 0, bytesByOperation: {} };
  const wsdlPath = options.wsdlPath ?? DEFAULT_WSDL_PATH;
  const wsdlXml = await readFile(wsdlPath, 'utf8').catch((err: unknown) => {
    throw new Error(`IPS emulator: cannot read WSDL ${wsdlPath}`, { cause: err });
  });
  const callListeners = new Set<(operation: string) => void>();
  const onCall = (operation: string) => {
    for (const listener of callListeners) listener(operation);
  };
  const front = await startHttpFront({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, wsdlXml, clock, ips, faults, stats, onCall, ...(options.tls ? { tls: options.tls } : {}) });
  return {
    url: front.url,
    wsdlUrl: `${front.url}?wsdl`,
    port: front.port,
    clock,
    ips,
    faults,
    stats,
    onCall(listener) {
      callListeners.add(listener);
      return () => callListeners.delete(listener);
    },
    close: front.close,
  };
}
