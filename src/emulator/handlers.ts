// SOAP operation handlers for soap.listen: authHeader check, argument coercion, model call, schema-ordered answer.
import type { ISoapServiceMethod } from 'soap';
import type { IpsFaultElement } from '../ips/errors.js';
import {
  EMAIL_SETTING_VALUES,
  JOB_DETAIL_ELEMENTS,
  PUBLISH_TYPE_VALUES,
  type Company,
  type EmailSetting,
  type ImageServingPublishJobInput,
  type PublishJobInput,
  type PublishType,
  type SubmitJobInput,
  type UploadUrl,
  type UploadUrlsJobInput,
} from '../ips/types.js';
import { maySubmitJobs, type EmulatorUser } from './directory.js';
import type { IpsFaultKind } from './faults.js';
import { authenticationFault, authorizationFault, IpsFault, ipsApiFault } from './ipsfault.js';
import type { EmulatedIps } from './model.js';
import { FAULT_NS, type IpsOperation } from './operations.js';
import { SUBMIT_JOB_TYPES, type SubmitDetailElement } from './submit.js';
import { wireActiveJob, wireArray, wireCompany, wireJobLog, wireMembership, wireScheduledJob } from './wire.js';

/** Per-request facts the HTTP layer hands to the handler (keyed by the request's headers object). */
export interface RequestContext {
  operation: string;
  /** A fault-plan SOAP fault to answer instead of running the operation (checked before authentication). */
  inject?: { fault: IpsFaultKind; status?: number };
  /** Set once node-soap reached a handler; false afterwards means it rejected the request itself. */
  handled: boolean;
  /** authHeader/gzipResponse as sent (undefined when absent): overrides Accept-Encoding. */
  gzipResponse?: boolean;
}

type Args = Record<string, unknown>;

const FAULT_STRINGS: Record<IpsFaultElement, string> = {
  authenticationFault: 'AuthenticationException',
  authorizationFault: 'AuthorizationException',
  ipsApiFault: 'IpsApiException',
};

/** The SOAP 1.1 fault object node-soap serialises: the `soap:` prefix matches its envelope, `attributes.xmlns` puts the element in the fault namespace. */
function soapFault(fault: IpsFault, status: number): { Fault: Record<string, unknown> } {
  return {
    Fault: {
      faultcode: fault.code === 30000 ? 'soap:Server' : 'soap:Client',
      faultstring: FAULT_STRINGS[fault.element],
      detail: { [fault.element]: { attributes: { xmlns: FAULT_NS }, code: fault.code, reason: fault.reason } },
      statusCode: status,
    },
  };
}

/** authorizationFault 20003 NO_OPERATION_PERMISSION, worded as Adobe's example. */
function noPermission(operation: string): IpsFault {
  return authorizationFault(20003, `User does not have permission to access operation '${operation}'`);
}

/** The faults the plan injects (codes as the brief specifies: 10001 / 20003 / 30000). */
function injectedFault(kind: IpsFaultKind, operation: string): IpsFault {
  if (kind === 'authentication') return authenticationFault(10001, 'Invalid username/password');
  if (kind === 'authorization') return noPermission(operation);
  return ipsApiFault(30000, `Internal error while processing '${operation}'`);
}

// ---- argument coercion: node-soap types args from the WSDL, but stay lenient (strings, Dates, {} for empty elements) ----

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const s = str(value);
  return s === undefined ? undefined : s === 'true' || s === '1';
}

function int(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(str(value));
  if (!Number.isInteger(n)) throw ipsApiFault(30001, `Invalid value for '${name}'`);
  return n;
}

function date(value: unknown, name: string): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw ipsApiFault(30001, `Invalid date for '${name}'`);
    return value.toISOString();
  }
  const s = str(value);
  if (s !== undefined && Number.isNaN(Date.parse(s))) throw ipsApiFault(30001, `Invalid date for '${name}'`);
  return s;
}

/** The `items` of an array element (one item or several), undefined when there are none. */
function itemsOf(value: unknown): unknown[] | undefined {
  const list = value && typeof value === 'object' && 'items' in value ? (value as { items: unknown }).items : undefined;
  if (list === undefined) return undefined;
  return Array.isArray(list) ? list : [list];
}

function strings(value: unknown): string[] | undefined {
  return itemsOf(value)?.map(str).filter((s): s is string => s !== undefined);
}

/** An element with children as Args ({} for an empty element or text). */
function nested(value: unknown): Args {
  return value && typeof value === 'object' ? (value as Args) : {};
}

function required(args: Args, name: string): string {
  const value = str(args[name]);
  if (value === undefined) throw ipsApiFault(30002, `Missing required parameter '${name}'`);
  return value;
}

/** A required string that must be one of `allowed` (30001 otherwise). */
function oneOf<T extends string>(args: Args, name: string, allowed: readonly T[]): T {
  const value = required(args, name);
  if (!(allowed as readonly string[]).includes(value)) throw ipsApiFault(30001, `Invalid ${name} '${value}' (one of ${allowed.join(', ')})`);
  return value as T;
}

/** Drops undefined values so optional input fields stay absent (the model tests `=== undefined` only on absent keys). */
function defined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}

// ---- authentication / authorization ----

interface AuthHeader {
  user?: string;
  password?: string;
  faultHttpStatusCode?: number;
  gzipResponse?: boolean;
}

/** The first field of `object` whose local name is `name` (node-soap strips prefixes but may keep one). */
function byLocalName(object: object, name: string): unknown {
  const key = Object.keys(object).find((k) => k.split(':').pop() === name);
  return key === undefined ? undefined : (object as Args)[key];
}

/** Reads authHeader by local name (namespace is not checked, see NODE-SOAP.md). */
function authHeaderOf(headers: unknown): AuthHeader {
  if (!headers || typeof headers !== 'object') return {};
  const raw = byLocalName(headers, 'authHeader');
  if (!raw || typeof raw !== 'object') return {};
  const field = (name: string): unknown => byLocalName(raw, name);
  const status = Number(str(field('faultHttpStatusCode')));
  return defined({
    user: str(field('user')),
    password: str(field('password')),
    faultHttpStatusCode: Number.isInteger(status) && status >= 200 && status <= 599 ? status : undefined,
    gzipResponse: bool(field('gzipResponse')),
  });
}

function authenticate(ips: EmulatedIps, auth: AuthHeader): EmulatorUser {
  if (auth.user === undefined || auth.password === undefined) throw authenticationFault(10000, 'No credentials: authHeader user and password are required');
  const user = ips.findUser(auth.user);
  if (!user || user.password !== auth.password) throw authenticationFault(10001, 'Invalid username/password');
  return user;
}

/** Unknown company → 20000 INVALID_COMPANY; a company the user is not a member of → 20006 ILLEGAL_COMPANY. */
function checkCompany(ips: EmulatedIps, user: EmulatorUser, companyHandle: string | undefined): void {
  if (companyHandle === undefined) return;
  const company = ips.company({ handle: companyHandle });
  if (!company) throw authorizationFault(20000, `Invalid company handle '${companyHandle}'`);
  if (!ips.memberCompanies(user).includes(companyHandle))
    throw authorizationFault(20006, `User '${user.email}' does not have access to company '${company.name}'`);
}

// ---- operations ----

type Operation = (args: Args, user: EmulatorUser) => object;
type Operations<Name extends IpsOperation> = Record<Name, Operation>;

/** The four queries, each answering only from the companies the user is a member of. */
function jobQueries(ips: EmulatedIps): Operations<'getActiveJobs' | 'getJobLogs' | 'getJobLogDetails' | 'getScheduledJobs'> {
  return {
    getActiveJobs(args, user) {
      const input = defined({
        companyHandle: str(args.companyHandle),
        jobHandle: str(args.jobHandle),
        originalName: str(args.originalName),
        includeWaitingJobs: bool(args.includeWaitingJobs),
      });
      checkCompany(ips, user, input.companyHandle);
      return { jobArray: wireArray(ips.queryActiveJobs(input, ips.memberCompanies(user)).map(wireActiveJob)) };
    },
    getJobLogs(args, user) {
      const input = defined({
        companyHandle: str(args.companyHandle),
        userHandle: str(args.userHandle),
        sortBy: str(args.sortBy),
        sortDirection: str(args.sortDirection),
        startDate: date(args.startDate, 'startDate'),
        endDate: date(args.endDate, 'endDate'),
        numRows: int(args.numRows, 'numRows'),
      });
      checkCompany(ips, user, input.companyHandle);
      const logs = ips.queryJobLogs(input, ips.memberCompanies(user));
      return { jobLogArray: wireArray(logs.map((log) => wireJobLog(log, false))) };
    },
    getJobLogDetails(args, user) {
      const input = defined({
        companyHandle: required(args, 'companyHandle'),
        jobHandle: str(args.jobHandle),
        originalName: str(args.originalName),
        logTypeArray: strings(args.logTypeArray),
        recordsPerPage: int(args.recordsPerPage, 'recordsPerPage'),
        resultsPage: int(args.resultsPage, 'resultsPage'),
        sortBy: str(args.sortBy),
        sortDirection: str(args.sortDirection),
      });
      checkCompany(ips, user, input.companyHandle);
      return { jobLogArray: wireArray(ips.queryJobLogDetails(input).map((log) => wireJobLog(log, true))) };
    },
    getScheduledJobs(args, user) {
      const input = defined({ companyHandle: str(args.companyHandle), jobHandle: str(args.jobHandle), originalName: str(args.originalName) });
      checkCompany(ips, user, input.companyHandle);
      return { jobArray: wireArray(ips.queryScheduledJobs(input, ips.memberCompanies(user)).map(wireScheduledJob)) };
    },
  };
}

/** The five control operations: a job of a company the user is a member of, and not protected. */
function jobControls(ips: EmulatedIps): Operations<'stopJob' | 'pauseJob' | 'resumeJob' | 'deleteJob' | 'executeJob'> {
  const control = (operation: IpsOperation, act: (company: string, job: string, user: EmulatorUser) => void): Operation => (args, user) => {
    const companyHandle = required(args, 'companyHandle');
    const jobHandle = required(args, 'jobHandle');
    checkCompany(ips, user, companyHandle);
    if (ips.isProtected(jobHandle)) throw noPermission(operation);
    act(companyHandle, jobHandle, user);
    return {};
  };
  return {
    stopJob: control('stopJob', (company, job, user) => ips.stopJob(company, job, user.email)),
    pauseJob: control('pauseJob', (company, job) => ips.pauseJob(company, job)),
    resumeJob: control('resumeJob', (company, job) => ips.resumeJob(company, job)),
    deleteJob: control('deleteJob', (company, job) => ips.deleteJob(company, job)),
    executeJob: control('executeJob', (company, job) => void ips.executeJob(company, job)),
  };
}

/** getCompanyInfo's company: by handle, else by name, else by imsOrgId; 30002 when none is given, 30001 when unknown. */
function companyAsked(ips: EmulatedIps, args: Args): Company {
  const handle = str(args.companyHandle);
  const name = str(args.companyName);
  const imsOrgId = str(args.imsOrgId);
  if (handle === undefined && name === undefined && imsOrgId === undefined)
    throw ipsApiFault(30002, "Missing required parameter 'companyHandle' or 'companyName'");
  const company =
    handle !== undefined || name !== undefined
      ? ips.company(handle !== undefined ? { handle } : { name: name ?? '' })
      : ips.companies.find((c) => c.imsOrgId === imsOrgId);
  if (!company) {
    throw ipsApiFault(
      30001,
      handle !== undefined ? `Invalid company handle '${handle}'` : name !== undefined ? `Invalid company name '${name}'` : `Invalid imsOrgId '${imsOrgId}'`,
    );
  }
  return company;
}

/** The company and user operations. */
function accountOperations(ips: EmulatedIps): Operations<'getCompanyInfo' | 'getCompanyMembership' | 'checkLogin'> {
  return {
    getCompanyInfo(args, user) {
      const company = companyAsked(ips, args);
      checkCompany(ips, user, company.companyHandle);
      return { companyInfo: wireCompany(company) };
    },
    getCompanyMembership(args, user) {
      const asked = str(args.userHandle);
      if (asked !== undefined && asked !== ips.userHandle(user) && asked.toLowerCase() !== user.email.toLowerCase())
        throw authorizationFault(20002, `Invalid request user '${asked}'`);
      const memberships = user.memberships.map((m) => ({
        company: ips.company({ handle: m.companyHandle }) ?? { companyHandle: m.companyHandle },
        role: m.role,
        isActive: m.isActive ?? true,
      }));
      return { membershipArray: wireArray(memberships.map(wireMembership)) };
    },
    // Adobe documents the two statuses `ValidLogin` / `InvalidLogin` (checkLogin reference page, example section).
    // A companyHandle the checked user is not an active member of makes the login invalid too.
    checkLogin(args) {
      const email = required(args, 'email');
      const password = required(args, 'password');
      const companyHandle = str(args.companyHandle);
      const candidate = ips.findUser(email);
      const ok =
        candidate !== undefined &&
        candidate.password === password &&
        (companyHandle === undefined || ips.memberCompanies(candidate).includes(companyHandle));
      return { status: ok ? 'ValidLogin' : 'InvalidLogin' };
    },
  };
}

// ---- submitJob ----

function publishJob(raw: Args): PublishJobInput {
  return defined({ emailSetting: oneOf<EmailSetting>(raw, 'emailSetting', EMAIL_SETTING_VALUES), httpCompletionUrl: str(raw.httpCompletionUrl), contextHandle: str(raw.contextHandle) });
}

function imageServingPublishJob(raw: Args): ImageServingPublishJobInput {
  return { publishType: oneOf<PublishType>(raw, 'publishType', PUBLISH_TYPE_VALUES), ...publishJob(raw) };
}

function uploadUrl(raw: Args): UploadUrl {
  const sourceUrl = required(raw, 'sourceUrl');
  if (!URL.canParse(sourceUrl)) throw ipsApiFault(30001, `Invalid sourceUrl '${sourceUrl}'`);
  return { sourceUrl, destPath: required(raw, 'destPath') };
}

/** An optional sub-job element read by `read`, undefined when absent. */
function optional<T>(value: unknown, read: (raw: Args) => T): T | undefined {
  return value === undefined || value === null ? undefined : read(nested(value));
}

function uploadUrlsJob(raw: Args): UploadUrlsJobInput {
  const urlArray = (itemsOf(raw.urlArray) ?? []).map((item) => uploadUrl(nested(item)));
  if (urlArray.length === 0) throw ipsApiFault(30001, "Invalid 'urlArray': an upload needs at least one URL");
  return defined({
    urlArray,
    overwrite: bool(raw.overwrite) ?? false,
    readyForPublish: bool(raw.readyForPublish) ?? false,
    createMask: bool(raw.createMask) ?? false,
    emailSetting: oneOf<EmailSetting>(raw, 'emailSetting', EMAIL_SETTING_VALUES),
    postImageServingPublishJob: optional(raw.postImageServingPublishJob, imageServingPublishJob),
    postImageRenderingPublishJob: optional(raw.postImageRenderingPublishJob, publishJob),
    postVideoPublishJob: optional(raw.postVideoPublishJob, publishJob),
  });
}

const DETAIL_READERS: { [K in SubmitDetailElement]: (raw: Args) => NonNullable<SubmitJobInput[K]> } = {
  imageServingPublishJob,
  imageRenderingPublishJob: publishJob,
  videoPublishJob: publishJob,
  uploadUrlsJob,
};

/** Exactly one job-detail element, of a kind the emulator runs: 30002 when none, 30001 when more or another kind. */
function jobDetail(args: Args): Pick<SubmitJobInput, SubmitDetailElement> {
  const given = JOB_DETAIL_ELEMENTS.filter((name) => args[name] !== undefined && args[name] !== null);
  const [name] = given;
  if (name === undefined) throw ipsApiFault(30002, `Missing required parameter: one job detail (${Object.keys(SUBMIT_JOB_TYPES).join(', ')})`);
  if (given.length > 1) throw ipsApiFault(30001, `Only one job detail is allowed, got ${given.join(', ')}`);
  if (!(name in DETAIL_READERS)) throw ipsApiFault(30001, `Job detail '${name}' is not supported by the emulator`);
  const element = name as SubmitDetailElement;
  return { [element]: DETAIL_READERS[element](nested(args[element])) };
}

/** An unknown company is an invalid parameter (30001); then membership (20006) and a role that may submit (20003). */
function checkSubmitter(ips: EmulatedIps, user: EmulatorUser, companyHandle: string): void {
  if (!ips.company({ handle: companyHandle })) throw ipsApiFault(30001, `Invalid company handle '${companyHandle}'`);
  checkCompany(ips, user, companyHandle);
  if (!maySubmitJobs(user, companyHandle)) throw noPermission('submitJob');
}

/** submitJob: a job now, at execTime, or a schedule (execSchedule); answers its handle. */
function submitOperation(ips: EmulatedIps): Operations<'submitJob'> {
  return {
    submitJob(args, user) {
      const companyHandle = required(args, 'companyHandle');
      checkSubmitter(ips, user, companyHandle);
      const input: SubmitJobInput = defined({
        companyHandle,
        userHandle: str(args.userHandle),
        jobName: required(args, 'jobName'),
        locale: str(args.locale),
        execTime: date(args.execTime, 'execTime'),
        execSchedule: str(args.execSchedule),
        description: str(args.description),
        ...jobDetail(args),
      });
      if (input.execTime !== undefined && input.execSchedule !== undefined) throw ipsApiFault(30001, "Give at most one of 'execTime' and 'execSchedule'");
      return { jobHandle: ips.submitJob(input, user.email) };
    },
  };
}

function operations(ips: EmulatedIps): Record<IpsOperation, Operation> {
  return { ...jobQueries(ips), ...jobControls(ips), ...accountOperations(ips), ...submitOperation(ips) };
}

/**
 * The handler table for soap.listen. Order per request: plan-injected SOAP fault → authentication → operation.
 * Any IpsFault becomes a SOAP fault with HTTP 500, or authHeader.faultHttpStatusCode when sent.
 */
export function createHandlers(ips: EmulatedIps, contextOf: (req: unknown) => RequestContext | undefined): Record<IpsOperation, ISoapServiceMethod> {
  const ops = operations(ips);
  const table = {} as Record<IpsOperation, ISoapServiceMethod>;
  for (const [name, op] of Object.entries(ops) as Array<[IpsOperation, Operation]>) {
    table[name] = (args: unknown, _callback: unknown, headers: unknown, req: unknown) => {
      const ctx = contextOf(req);
      if (ctx) ctx.handled = true;
      const auth = authHeaderOf(headers);
      if (ctx) ctx.gzipResponse = auth.gzipResponse;
      const status = auth.faultHttpStatusCode ?? 500;
      try {
        if (ctx?.inject) throw injectedFault(ctx.inject.fault, name);
        return op(args && typeof args === 'object' ? (args as Args) : {}, authenticate(ips, auth));
      } catch (err) {
        if (err instanceof IpsFault) throw soapFault(err, ctx?.inject?.status ?? status);
        throw soapFault(ipsApiFault(30000, err instanceof Error ? err.message : String(err)), status);
      }
    };
  }
  return table;
}
