// The IPS client: one typed function per job operation over our own WSDL, our writer for the envelope
// (request-writer.ts), our transport for HTTP, our reader for the answers. All three are driven by the
// description generated from the WSDL, so nothing here loads a SOAP library or parses a WSDL. Raw SOAP shapes
// never leave this module; errors are typed.
import { fileURLToPath } from 'node:url';
import { authHeaderXml } from './auth-header.js';
import {
  AuthenticationError,
  AuthorizationError,
  IpsApiFaultError,
  IpsError,
  ProtocolError,
  type IpsFaultElement,
} from './errors.js';
import { planConnection, type ConnectionPlan } from './connection-plan.js';
import * as normalise from './normalise.js';
import { redactHeaders, redactSecrets, redactUrl, redactXml } from './redact.js';
import { readSoapAnswer, XmlReadError, type SoapAnswer } from './response-reader.js';
import { responseSchema, type ResponseSchema } from './response-schema.js';
import { requestWriter, type RequestWriter } from './request-writer.js';
import { IpsTransport, type Exchange } from './transport.js';
import type {
  ActiveJob,
  CheckLoginInput,
  Company,
  CompanyMembership,
  GetActiveJobsInput,
  GetCompanyInfoInput,
  GetJobLogDetailsInput,
  GetJobLogsInput,
  GetScheduledJobsInput,
  JobControlInput,
  JobLog,
  ScheduledJob,
  SubmitJobInput,
} from './types.js';

export interface IpsClientOptions {
  /** The SOAP service URL, e.g. https://s7sps1apissl.scene7.com/scene7/services/IpsApiService */
  endpoint: string;
  username: string;
  password: string;
  appName?: string;
  appVersion: string;
  locale?: string;
  /** Total deadline of one request, connection to last byte. Default 30 s. */
  requestTimeoutMs?: number;
  /** Largest response accepted, compressed or not. Default 256 MB. */
  maxResponseBytes?: number;
  /** Aborts every request in flight. */
  signal?: AbortSignal;
  /**
   * Called after every exchange, successful or not (for --debug traces). The exchange is a copy with the
   * password, accessToken and credential headers masked, and any literal occurrence of the password too.
   */
  onExchange?: (exchange: Exchange, error?: IpsError) => void;
  /** PEM certificates trusted in addition to Node's bundled roots (e.g. a corporate CA). Verification is always on. */
  extraCa?: readonly string[];
  /** An HTTP(S) proxy for https endpoints (CONNECT tunnel), e.g. from HTTPS_PROXY. Loopback endpoints never use it. */
  proxy?: string;
  /** Hosts that bypass `proxy`, in NO_PROXY syntax. */
  noProxy?: string;
  /** Allow a plain http:// endpoint that is not loopback: the password would cross the network in clear text. */
  allowInsecureHttp?: boolean;
  /**
   * How to connect, as planConnection decided it for this endpoint (the CLI plans first, to show the warnings and
   * word the errors itself). When given, `proxy`, `noProxy` and `allowInsecureHttp` are not read.
   */
  connection?: ConnectionPlan;
  /** A response element missing, mistyped or unknown to the schema: the call still succeeds with what is known. */
  onSchemaProblem?: (operation: string, path: string, problem: string) => void;
}

export interface IpsClient {
  readonly endpoint: string;
  getActiveJobs(input?: GetActiveJobsInput): Promise<ActiveJob[]>;
  getJobLogs(input?: GetJobLogsInput): Promise<JobLog[]>;
  getJobLogDetails(input: GetJobLogDetailsInput): Promise<JobLog[]>;
  getScheduledJobs(input?: GetScheduledJobsInput): Promise<ScheduledJob[]>;
  stopJob(input: JobControlInput): Promise<void>;
  pauseJob(input: JobControlInput): Promise<void>;
  resumeJob(input: JobControlInput): Promise<void>;
  deleteJob(input: JobControlInput): Promise<void>;
  executeJob(input: JobControlInput): Promise<void>;
  getCompanyInfo(input: GetCompanyInfoInput): Promise<Company>;
  getCompanyMembership(input?: { userHandle?: string }): Promise<CompanyMembership[]>;
  checkLogin(input: CheckLoginInput): Promise<string>;
  /**
   * Submits one job and resolves with its handle (submitJobReturn/jobHandle; an answer without one is a
   * ProtocolError). Sent exactly once, never retried: after a failure for which requestMayHaveArrived is true, IPS
   * may have created the job.
   */
  submitJob(input: SubmitJobInput): Promise<string>;
  /** The envelope submitJob would POST for `input`, with the password masked as the --debug trace masks it. Sends nothing. */
  submitJobRequest(input: SubmitJobInput): string;
  /** "Now" by the server's clock (the latest response's Date header), else the local clock. */
  now(): Date;
  /** Whether now() comes from the server. */
  hasServerClock(): boolean;
  close(): void;
}

export const WSDL_PATH = fileURLToPath(new URL('./wsdl/ips-jobs.wsdl', import.meta.url));

const FAULT_CLASSES = {
  authenticationFault: AuthenticationError,
  authorizationFault: AuthorizationError,
  ipsApiFault: IpsApiFaultError,
} as const;

type Raw = Record<string, unknown>;

/** The arguments of a call: the named fields of its input, unset ones left out (the writer puts them in schema order). */
function args<T extends object>(input: T, names: ReadonlyArray<keyof T & string>): Raw {
  const out: Raw = {};
  for (const name of names) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    out[name] = value;
  }
  return out;
}

/** Finds an IPS fault element under a SOAP Fault's detail, or a bare one at the root, down to `maxDepth` levels. */
function findIpsFault(node: unknown, maxDepth = 4, depth = 0): { element: IpsFaultElement; code?: number; reason: string } | undefined {
  const obj = normalise.record(node);
  if (!obj || depth > maxDepth) return undefined;
  for (const [key, value] of Object.entries(obj)) {
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    // Own keys only: an element named `constructor` is not a fault class.
    if (Object.hasOwn(FAULT_CLASSES, local)) {
      const fault = normalise.record(value) ?? {};
      return {
        element: local as IpsFaultElement,
        code: normalise.number(fault.code),
        reason: normalise.text(fault.reason) ?? '(no reason given)',
      };
    }
  }
  for (const value of Object.values(obj)) {
    const found = findIpsFault(value, maxDepth, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function faultError(
  fault: { element: IpsFaultElement; code?: number; reason: string },
  exchange: Exchange,
  secrets: readonly string[] = [],
): IpsError {
  const FaultClass = FAULT_CLASSES[fault.element];
  // A server that echoes the password in a fault reason must not get it into our messages.
  return new FaultClass(fault.element, fault.code, redactSecrets(fault.reason, secrets), exchange.status, {
    operation: exchange.operation,
    endpoint: exchange.endpoint,
  });
}

/** A rejection that is not already one of ours (the writer refusing to build a request) → a typed error. */
function classify(error: unknown, exchange: Exchange): IpsError {
  if (error instanceof IpsError) return error;
  const message = error instanceof Error && error.message ? firstLine(error.message) : String(error);
  return new IpsError(`the ${exchange.operation} request could not be built (${message})`, {
    operation: exchange.operation,
    endpoint: exchange.endpoint,
    cause: error,
  });
}

/** Our reading of an answer → the return element's content, or the typed error the answer stands for. */
function readAnswer(
  xml: string,
  exchange: Exchange,
  schema: ResponseSchema,
  secrets: readonly string[],
  report: normalise.SchemaProblemSink | undefined,
): Raw {
  const where = { operation: exchange.operation, endpoint: exchange.endpoint };
  let answer: SoapAnswer;
  try {
    answer = readSoapAnswer(xml, exchange.operation, schema);
  } catch (error) {
    if (!(error instanceof XmlReadError)) throw error;
    const message = error.truncated
      ? 'the XML response is truncated'
      : `the response is not well-formed XML${error.detail ? ` (${firstLine(error.detail)})` : ''}`;
    throw new ProtocolError(error.truncated ? 'truncated' : 'malformed', message, exchange.status, { ...where, cause: error });
  }
  if (answer.kind === 'return') {
    // An IPS fault element where the result should be (some gateways answer 200 so).
    // Only among its direct children: an element deeper down is data.
    const bare = findIpsFault(answer.value, 0);
    if (bare) throw faultError(bare, exchange, secrets);
    for (const path of answer.mixedContent) report?.(path, 'text mixed with child elements (the text is ignored)');
    return answer.value;
  }
  if (answer.kind === 'bare') {
    const fault = findIpsFault(answer.root);
    if (fault) throw faultError(fault, exchange, secrets);
  }
  if (answer.kind === 'fault') {
    const fault = findIpsFault(answer.fault.detail) ?? findIpsFault(answer.fault);
    if (fault) throw faultError(fault, exchange, secrets);
    const faultstring = redactSecrets(normalise.text(answer.fault.faultstring) ?? 'unknown fault', secrets);
    throw new ProtocolError('unexpected', `a SOAP fault without an IPS fault element: ${faultstring}`, exchange.status, where);
  }
  throw new ProtocolError('unexpected', `the response has no ${exchange.operation}Return element`, exchange.status, where);
}

/** A return element without `field`, or with it empty, is not an answer the caller can use. */
function requireText(result: Raw, field: string, exchange: Exchange): void {
  const value = normalise.text(result[field]);
  if (value !== undefined && value !== '') return;
  throw new ProtocolError('unexpected', `the ${exchange.operation}Return element has no ${field}`, exchange.status, {
    operation: exchange.operation,
    endpoint: exchange.endpoint,
  });
}

// Built once per process, on the first client: a few microseconds.
let shared: { writer: RequestWriter; schema: ResponseSchema } | undefined;

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** A copy of an exchange that is safe to show: credentials masked in bodies and headers, and out of the URL. */
function redactExchange(exchange: Exchange, secrets: readonly string[]): Exchange {
  return {
    ...exchange,
    endpoint: redactUrl(exchange.endpoint),
    ...(exchange.requestXml !== undefined && { requestXml: redactXml(exchange.requestXml, secrets) }),
    ...(exchange.responseXml !== undefined && { responseXml: redactXml(exchange.responseXml, secrets) }),
    ...(exchange.requestHeaders && { requestHeaders: redactHeaders(exchange.requestHeaders, secrets) }),
    ...(exchange.headers && { headers: redactHeaders(exchange.headers, secrets) }),
  };
}

/** The plan given for this endpoint, or one made here from the options. */
function connectionFor(options: IpsClientOptions): ConnectionPlan {
  const given = options.connection;
  if (given === undefined) {
    return planConnection({
      endpoint: options.endpoint,
      proxy: { httpsProxy: options.proxy, noProxy: options.noProxy },
      allowInsecureHttp: options.allowInsecureHttp,
    });
  }
  if (given.endpoint !== new URL(options.endpoint).href) {
    throw new IpsError('the connection plan is for another endpoint', { endpoint: options.endpoint });
  }
  return given;
}

function transportFor(options: IpsClientOptions, connection: ConnectionPlan): IpsTransport {
  return new IpsTransport({
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? 256 * 1024 * 1024,
    userAgent: `ips-jobs/${options.appVersion}`,
    signal: options.signal,
    extraCa: options.extraCa,
    proxy: connection.proxy,
  });
}

/** The server's clock, from the Date header of the latest response, run on by the local clock since. */
class ServerClock {
  private latest: { serverMs: number; localMs: number } | undefined;

  note(exchange: Exchange): void {
    const header = exchange.headers?.date;
    const serverMs = header ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(serverMs)) this.latest = { serverMs, localMs: exchange.receivedAt ?? Date.now() };
  }

  now(): Date {
    return this.latest ? new Date(this.latest.serverMs + (Date.now() - this.latest.localMs)) : new Date();
  }

  known(): boolean {
    return this.latest !== undefined;
  }
}

interface CallOptions {
  /** More than the password to mask in what is reported. */
  secrets?: readonly string[];
  /** A child the return element must have, with text: an answer without it is a ProtocolError. */
  requires?: string;
}

/** How operations reach IPS: one SOAP call, and where the schema problems of an operation's answer go. */
interface Caller {
  /** The operation's return element. */
  call(operation: string, body: Raw, options?: CallOptions): Promise<Raw>;
  /** The envelope `call` would post, masked as the exchanges handed to onExchange are. Sends nothing. */
  preview(operation: string, body: Raw): string;
  sink(operation: string): normalise.SchemaProblemSink | undefined;
}

/** Each call writes the envelope, posts it and reads the answer; each exchange is noted and reported redacted. */
function caller(options: IpsClientOptions, transport: IpsTransport, clock: ServerClock): Caller {
  shared ??= { writer: requestWriter(), schema: responseSchema() };
  const { writer, schema } = shared;
  const authHeader = authHeaderXml({
    user: options.username,
    password: options.password,
    locale: options.locale ?? 'en-US',
    appName: options.appName ?? 'ips-jobs',
    appVersion: options.appVersion,
    gzipResponse: true,
  });
  const sink = (operation: string): normalise.SchemaProblemSink | undefined =>
    options.onSchemaProblem && ((path, problem) => options.onSchemaProblem!(operation, path, problem));

  // One POST per call: nothing here or in the transport retries a request, not even one that failed on a reused
  // keep-alive socket (the transport only records `reusedSocket`). submitJob depends on it: a retry could create a
  // second job. Whoever adds retries must leave submitJob out.
  async function call(operation: string, body: Raw, { secrets = [], requires }: CallOptions = {}): Promise<Raw> {
    const exchange: Exchange = { operation, endpoint: options.endpoint, startedAt: Date.now() };
    const known = [options.password, ...secrets];
    try {
      const request = writer.write(operation, body, authHeader);
      exchange.requestXml = request.xml;
      const headers = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: request.soapAction };
      const response = await transport.post(options.endpoint, request.xml, headers, exchange);
      clock.note(exchange);
      const result = readAnswer(response.body, exchange, schema, known, sink(operation));
      if (requires !== undefined) requireText(result, requires, exchange);
      options.onExchange?.(redactExchange(exchange, known));
      return result;
    } catch (error) {
      clock.note(exchange);
      const typed = classify(error, exchange);
      options.onExchange?.(redactExchange(exchange, known), typed);
      throw typed;
    }
  }

  function preview(operation: string, body: Raw): string {
    try {
      return redactXml(writer.write(operation, body, authHeader).xml, [options.password]);
    } catch (error) {
      throw classify(error, { operation, endpoint: options.endpoint, startedAt: Date.now() });
    }
  }

  return { call, preview, sink };
}

/** A call whose answer is an `…Array` of records: those records, normalised. */
async function listCall<T>(ips: Caller, operation: string, body: Raw, field: string, each: normalise.Normaliser<T>): Promise<T[]> {
  const result = await ips.call(operation, body);
  return normalise.items(result[field], each, ips.sink(operation), field);
}

type JobOperations = 'getActiveJobs' | 'getJobLogs' | 'getJobLogDetails' | 'getScheduledJobs';

function jobOperations(ips: Caller): Pick<IpsClient, JobOperations> {
  return {
    async getActiveJobs(input = {}) {
      const body = args(input, ['companyHandle', 'jobHandle', 'originalName', 'includeWaitingJobs']);
      return listCall(ips, 'getActiveJobs', body, 'jobArray', normalise.activeJob);
    },
    async getJobLogs(input = {}) {
      const body = args(input, ['companyHandle', 'userHandle', 'sortBy', 'sortDirection', 'startDate', 'endDate', 'numRows']);
      return listCall(ips, 'getJobLogs', body, 'jobLogArray', normalise.jobLog);
    },
    async getJobLogDetails(input) {
      const body = args({ ...input, logTypeArray: input.logTypeArray ? { items: input.logTypeArray } : undefined }, [
        'companyHandle',
        'jobHandle',
        'originalName',
        'logTypeArray',
        'recordsPerPage',
        'resultsPage',
        'sortBy',
        'sortDirection',
      ]);
      return listCall(ips, 'getJobLogDetails', body, 'jobLogArray', normalise.jobLog);
    },
    async getScheduledJobs(input = {}) {
      const body = args(input, ['companyHandle', 'jobHandle', 'originalName']);
      return listCall(ips, 'getScheduledJobs', body, 'jobArray', normalise.scheduledJob);
    },
  };
}

type ControlOperations = 'stopJob' | 'pauseJob' | 'resumeJob' | 'deleteJob' | 'executeJob';

function controlOperations(ips: Caller): Pick<IpsClient, ControlOperations> {
  const control = (operation: ControlOperations) => async (input: JobControlInput) => {
    await ips.call(operation, args(input, ['companyHandle', 'jobHandle']));
  };
  return {
    stopJob: control('stopJob'),
    pauseJob: control('pauseJob'),
    resumeJob: control('resumeJob'),
    deleteJob: control('deleteJob'),
    executeJob: control('executeJob'),
  };
}

function accountOperations(ips: Caller): Pick<IpsClient, 'getCompanyInfo' | 'getCompanyMembership' | 'checkLogin'> {
  return {
    async getCompanyInfo(input) {
      const result = await ips.call('getCompanyInfo', args(input, ['companyHandle', 'companyName', 'imsOrgId']));
      return normalise.company(normalise.record(result.companyInfo) ?? {}, ips.sink('getCompanyInfo'), 'companyInfo');
    },
    async getCompanyMembership(input = {}) {
      const body = args(input, ['userHandle']);
      return listCall(ips, 'getCompanyMembership', body, 'membershipArray', normalise.companyMembership);
    },
    async checkLogin(input) {
      const result = await ips.call('checkLogin', args(input, ['companyHandle', 'email', 'password']), { secrets: [input.password] });
      return normalise.text(result.status) ?? '';
    },
  };
}

/** submitJobParam's content: the fields given, in the shape of our WSDL (an UploadUrlsJob's URLs as an UploadUrlArray). */
function submitJobBody(input: SubmitJobInput): Raw {
  const upload = input.uploadUrlsJob;
  const uploadUrlsJob = upload && { ...upload, urlArray: { items: upload.urlArray } };
  return args({ ...input, uploadUrlsJob }, [
    'companyHandle',
    'userHandle',
    'jobName',
    'locale',
    'execTime',
    'execSchedule',
    'description',
    'imageServingPublishJob',
    'imageRenderingPublishJob',
    'videoPublishJob',
    'uploadUrlsJob',
  ]);
}

/** submitJob: one call, never repeated by the client (see `call`). */
function submitOperations(ips: Caller): Pick<IpsClient, 'submitJob' | 'submitJobRequest'> {
  return {
    async submitJob(input) {
      const result = await ips.call('submitJob', submitJobBody(input), { requires: 'jobHandle' });
      return normalise.text(result.jobHandle)!;
    },
    submitJobRequest: (input) => ips.preview('submitJob', submitJobBody(input)),
  };
}

/**
 * A client for one endpoint, connected as planned (options.connection, else planConnection of the options).
 * Rejects with InsecureHttpRefusedError or ProxyUrlError before any connection is made.
 */
export async function createIpsClient(options: IpsClientOptions): Promise<IpsClient> {
  const transport = transportFor(options, connectionFor(options));
  const clock = new ServerClock();
  const ips = caller(options, transport, clock);
  return {
    endpoint: options.endpoint,
    ...jobOperations(ips),
    ...controlOperations(ips),
    ...accountOperations(ips),
    ...submitOperations(ips),
    now: () => clock.now(),
    hasServerClock: () => clock.known(),
    close: () => transport.close(),
  };
}
