// Raw objects, as our response reader builds them (src/ips/response-reader.ts says the shape) → typed IPS objects.
// Every field is treated as optional, whatever the schema says; arrays are always arrays; dates stay the
// server's strings; unknown values are kept.
//
// Schema problems (a required field missing, a value of the wrong type, an element the 2014-04-03
// schema does not have) never fail a call: the record keeps what is known and each problem goes to
// an optional sink, `report(path, problem)`, e.g. `jobArray.items[3].progress: expected an int, got "lots"`.
// What a mistyped value becomes:
// - int/double: text that is a finite number is kept as that number (a decimal in an int field is
//   kept and reported); anything else ("lots", "", NaN, INF) is absent (undefined).
// - boolean: `true`/`1`/`false`/`0` only; anything else is absent.
// - dateTime: kept as the server's string whatever it holds (renderers show an unreadable one as `-`).
// - string: an element with children, or repeated, is absent.
import { setOwn } from './own-field.js';
import { ATTRIBUTES_KEY, TEXT_KEY } from './reader-shape.js';
import {
  JOB_DETAIL_ELEMENTS,
  type ActiveJob,
  type Company,
  type CompanyMembership,
  type JobLog,
  type JobLogDetail,
  type JobLogDetailAux,
  type ScheduledJob,
  type TaskItemProgress,
  type TaskProgress,
} from './types.js';

type Raw = Record<string, unknown>;

/** Where schema problems go: the path of the element (`jobArray.items[3].progress`) and what is wrong with it. */
export type SchemaProblemSink = (path: string, problem: string) => void;

function record(value: unknown): Raw | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** The reader puts the text of an element that has attributes under `$value`, beside them. */
function scalar(value: unknown): unknown {
  const obj = record(value);
  return obj && TEXT_KEY in obj ? obj[TEXT_KEY] : value;
}

export function text(value: unknown): string | undefined {
  const v = scalar(value);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

export function number(value: unknown): number | undefined {
  const v = scalar(value);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function bool(value: unknown): boolean | undefined {
  const v = scalar(value);
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

// ---- reading XML text ----

const XSD_INT = /^[+-]?\d+$/;
const XSD_DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * How the response reader reads xsd simple types (and what the client once gave node-soap as `customDeserializer`):
 * valid xsd values as numbers and booleans, anything else as the raw text, so the normaliser can say what the server
 * sent (node-soap's own parseInt reads "12abc" as 12 and "yes" as false). Dates stay strings: a Date loses the
 * server's offset.
 */
const readInteger = (text: string): unknown => (XSD_INT.test(text) ? Number(text) : text);
const readDecimal = (text: string): unknown => (XSD_DOUBLE.test(text) ? Number(text) : text);
const readText = (text: string): unknown => text;

export const XSD_DESERIALIZERS: Readonly<Record<string, (text: string) => unknown>> = {
  int: readInteger,
  integer: readInteger,
  long: readInteger,
  short: readInteger,
  double: readDecimal,
  float: readDecimal,
  decimal: readDecimal,
  boolean: (text) => (text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text),
  dateTime: readText,
  date: readText,
};

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** A short, quoted picture of what arrived instead of the expected value (server text: the printer sanitises it). */
function got(value: unknown): string {
  if (value === null) return 'an empty element';
  if (Array.isArray(value)) return `${value.length} elements`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (record(value)) return 'an element with children';
  return String(value);
}

/** The fields of one record: read by type, with problems reported against `path`. */
class Fields {
  constructor(
    private readonly raw: Raw,
    private readonly path: string,
    private readonly report: SchemaProblemSink | undefined,
  ) {}

  problem(name: string, problem: string): void {
    this.report?.(`${this.path}.${name}`, problem);
  }

  /** The raw value; a required one that is missing is reported. */
  private value(name: string, required: boolean): unknown {
    const value = this.raw[name];
    if (value === undefined && required) this.problem(name, 'missing (required by the schema)');
    return value;
  }

  string(name: string, required = false): string | undefined {
    const value = this.value(name, required);
    if (value === undefined) return undefined;
    const result = text(value);
    if (result === undefined && (value !== null || required)) this.problem(name, `expected a string, got ${got(value)}`);
    return result;
  }

  int(name: string, required = false): number | undefined {
    return this.numeric(name, required, 'int');
  }

  double(name: string, required = false): number | undefined {
    return this.numeric(name, required, 'double');
  }

  /** A finite number written as a number; an int field's decimal (or out-of-range value) is kept and reported. */
  private numeric(name: string, required: boolean, kind: 'int' | 'double'): number | undefined {
    const value = this.value(name, required);
    if (value === undefined) return undefined;
    const v = scalar(value);
    let n: number | undefined;
    if (typeof v === 'number') n = Number.isFinite(v) ? v : undefined;
    else if (typeof v === 'string' && XSD_DOUBLE.test(v.trim())) {
      const parsed = Number(v);
      n = Number.isFinite(parsed) ? parsed : undefined;
    }
    if (n === undefined) this.problem(name, `expected ${kind === 'int' ? 'an int' : 'a double'}, got ${got(v)}`);
    else if (kind === 'int' && !(Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX)) this.problem(name, `expected an int, got ${got(v)} (kept as ${n})`);
    return n;
  }

  boolean(name: string, required = false): boolean | undefined {
    const value = this.value(name, required);
    if (value === undefined) return undefined;
    const result = bool(value);
    if (result === undefined) this.problem(name, `expected a boolean, got ${got(scalar(value))}`);
    return result;
  }

  /** Kept as the server wrote it, even when it is not a dateTime (json shows what was sent). */
  dateTime(name: string, required = false): string | undefined {
    const value = this.value(name, required);
    if (value === undefined) return undefined;
    const result = text(value);
    if (result === undefined) this.problem(name, `expected a dateTime, got ${got(value)}`);
    else if (this.report && !XSD_DATE_TIME.test(result.trim())) this.problem(name, `expected a dateTime, got ${got(result)}`);
    return result;
  }

  list<T>(name: string, each: Normaliser<T>, required = false): T[] {
    return items(this.value(name, required), each, this.report, `${this.path}.${name}`);
  }

  /** Elements this record's schema type does not have: ignored, and reported. */
  extras(known: ReadonlySet<string>): void {
    if (this.report) reportExtras(this.raw, known, this.report, (key) => `${this.path}.${key}`);
  }
}

// What the reader files beside an element's children that is not one: its attributes, and its text beside them.
const READER_KEYS: ReadonlySet<string> = new Set([ATTRIBUTES_KEY, TEXT_KEY]);

/** Reports each element of `raw` that is neither `known` nor one of the reader's own keys, at the path `at` gives it. */
function reportExtras(raw: Raw, known: ReadonlySet<string>, report: SchemaProblemSink, at: (key: string) => string): void {
  for (const key of Object.keys(raw)) {
    if (!known.has(key) && !READER_KEYS.has(key)) report(at(key), 'an element the 2014-04-03 schema does not have (ignored)');
  }
}

const ARRAY_FIELDS: ReadonlySet<string> = new Set(['items']);

/** A record normaliser: the raw element, and where to report problems with it. */
export type Normaliser<T> = (raw: Raw, report?: SchemaProblemSink, path?: string) => T;

/** An IPS `…Array` wrapper (`{ items: [...] }`, `{ items: {...} }`, null, '') → a plain array. */
export function items<T>(wrapper: unknown, each: Normaliser<T>, report?: SchemaProblemSink, path = ''): T[] {
  const at = (suffix: string) => (path === '' ? suffix : `${path}.${suffix}`);
  if (wrapper === undefined || wrapper === null) return [];
  const obj = record(wrapper);
  if (!obj) {
    // `<jobArray></jobArray>` read as text is an empty list, not a problem.
    if (wrapper !== '') report?.(path || '(array)', `expected a list of items, got ${got(wrapper)}`);
    return [];
  }
  if (report) reportExtras(obj, ARRAY_FIELDS, report, at);
  const list = obj.items;
  if (list === undefined || list === null) return [];
  const array = Array.isArray(list) ? list : [list];
  const out: T[] = [];
  for (const [index, item] of array.entries()) {
    const element = record(item);
    const itemPath = report ? at(`items[${index}]`) : '';
    if (element) out.push(each(element, report, itemPath));
    else if (item !== null) report?.(itemPath, `expected an element with fields, got ${got(item)}`);
  }
  return out;
}

/** Drops undefined fields so JSON output and equality checks see only what the server sent. */
function compact<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as Array<keyof T>) {
    if (obj[key] === undefined) delete obj[key];
  }
  return obj;
}

/** Job-detail blocks: kept as plain data (strings, numbers, booleans, nested objects and arrays). */
function plain(value: unknown): unknown {
  const v = scalar(value);
  if (Array.isArray(v)) return v.map(plain);
  const obj = record(v);
  if (obj) {
    const out: Raw = {};
    for (const [key, inner] of Object.entries(obj)) {
      if (key === ATTRIBUTES_KEY) continue;
      setOwn(out, key, plain(inner));
    }
    return out;
  }
  if (v === null || v === undefined) return {};
  return v;
}

function jobDetails(raw: Raw, target: Raw, elements: readonly string[] = JOB_DETAIL_ELEMENTS): void {
  for (const name of elements) {
    if (raw[name] !== undefined && raw[name] !== null) target[name] = plain(raw[name]);
  }
}

function known(...names: readonly string[]): ReadonlySet<string> {
  return new Set(names);
}

const TASK_ITEM_FIELDS = known('itemName', 'progress', 'progressMessage', 'lastProgressUpdate');

function taskItemProgress(raw: Raw, report?: SchemaProblemSink, path = 'TaskItemProgress'): TaskItemProgress {
  const f = new Fields(raw, path, report);
  f.extras(TASK_ITEM_FIELDS);
  return compact({
    itemName: f.string('itemName', true),
    progress: f.double('progress', true),
    progressMessage: f.string('progressMessage', true),
    lastProgressUpdate: f.dateTime('lastProgressUpdate', true),
  });
}

const TASK_FIELDS = known(
  'taskType',
  'taskState',
  'numProcessed',
  'numProcessing',
  'numPending',
  'progress',
  'progressMessage',
  'lastProgressUpdate',
  'taskItemProgressArray',
);

function taskProgress(raw: Raw, report?: SchemaProblemSink, path = 'TaskProgress'): TaskProgress {
  const f = new Fields(raw, path, report);
  f.extras(TASK_FIELDS);
  return compact({
    taskType: f.string('taskType', true),
    taskState: f.string('taskState', true),
    numProcessed: f.int('numProcessed', true),
    numProcessing: f.int('numProcessing', true),
    numPending: f.int('numPending', true),
    progress: f.double('progress', true),
    progressMessage: f.string('progressMessage', true),
    lastProgressUpdate: f.dateTime('lastProgressUpdate', true),
    taskItemProgressArray: f.list('taskItemProgressArray', taskItemProgress, true),
  });
}

const ACTIVE_JOB_FIELDS = known(
  'companyHandle',
  'jobHandle',
  'name',
  'originalName',
  'type',
  'state',
  'submitUserEmail',
  'locale',
  'description',
  'serverName',
  'startDate',
  'triggerTime',
  'totalSize',
  'progress',
  'progressMessage',
  'lastProgressUpdate',
  'taskProgressArray',
  ...JOB_DETAIL_ELEMENTS,
);

/** The five fields that name a job, shared by an active and a scheduled job, in the order IPS sends them. */
function jobIdentity(f: Fields) {
  return {
    companyHandle: f.string('companyHandle', true),
    jobHandle: f.string('jobHandle', true),
    name: f.string('name', true),
    originalName: f.string('originalName', true),
    type: f.string('type', true),
  };
}

export function activeJob(raw: Raw, report?: SchemaProblemSink, path = 'ActiveJob'): ActiveJob {
  const f = new Fields(raw, path, report);
  f.extras(ACTIVE_JOB_FIELDS);
  const job: ActiveJob = compact({
    ...jobIdentity(f),
    state: f.string('state', true),
    submitUserEmail: f.string('submitUserEmail', true),
    locale: f.string('locale'),
    description: f.string('description'),
    serverName: f.string('serverName', true),
    startDate: f.dateTime('startDate', true),
    triggerTime: f.dateTime('triggerTime', true),
    totalSize: f.int('totalSize', true),
    progress: f.int('progress', true),
    progressMessage: f.string('progressMessage', true),
    lastProgressUpdate: f.dateTime('lastProgressUpdate', true),
    taskProgressArray: f.list('taskProgressArray', taskProgress, true),
  });
  jobDetails(raw, job as unknown as Raw);
  return job;
}

const SCHEDULED_JOB_DETAILS = JOB_DETAIL_ELEMENTS.filter((name) => name !== 'uploadPostJob');
const SCHEDULED_JOB_FIELDS = known(
  'companyHandle',
  'jobHandle',
  'name',
  'originalName',
  'type',
  'submitUserEmail',
  'locale',
  'description',
  'execSchedule',
  'nextFireTime',
  'timeZone',
  'triggerState',
  ...SCHEDULED_JOB_DETAILS,
);

export function scheduledJob(raw: Raw, report?: SchemaProblemSink, path = 'ScheduledJob'): ScheduledJob {
  const f = new Fields(raw, path, report);
  f.extras(SCHEDULED_JOB_FIELDS);
  const job: ScheduledJob = compact({
    ...jobIdentity(f),
    submitUserEmail: f.string('submitUserEmail', true),
    locale: f.string('locale'),
    description: f.string('description'),
    execSchedule: f.string('execSchedule'),
    nextFireTime: f.dateTime('nextFireTime'),
    timeZone: f.string('timeZone'),
    triggerState: f.string('triggerState'),
  });
  jobDetails(raw, job as unknown as Raw, SCHEDULED_JOB_DETAILS);
  return job;
}

const AUX_FIELDS = known('logMessage', 'logType', 'dateCreated');

function jobLogDetailAux(raw: Raw, report?: SchemaProblemSink, path = 'JobLogDetailAux'): JobLogDetailAux {
  const f = new Fields(raw, path, report);
  f.extras(AUX_FIELDS);
  return compact({
    logMessage: f.string('logMessage', true),
    logType: f.string('logType', true),
    dateCreated: f.dateTime('dateCreated'),
  });
}

const DETAIL_FIELDS = known('logMessage', 'logType', 'dateCreated', 'assetName', 'assetType', 'assetHandle', 'auxArray');

function jobLogDetail(raw: Raw, report?: SchemaProblemSink, path = 'JobLogDetail'): JobLogDetail {
  const f = new Fields(raw, path, report);
  f.extras(DETAIL_FIELDS);
  return compact({
    logMessage: f.string('logMessage', true),
    logType: f.string('logType', true),
    // Required by the schema, but new in 2014-04-03 and absent from Adobe's own sample responses.
    dateCreated: f.dateTime('dateCreated'),
    assetName: f.string('assetName'),
    assetType: f.string('assetType'),
    assetHandle: f.string('assetHandle'),
    auxArray: f.list('auxArray', jobLogDetailAux),
  });
}

const JOB_LOG_FIELDS = known(
  'companyHandle',
  'jobHandle',
  'jobName',
  'originalJobName',
  'submitUserEmail',
  'logType',
  'jobSubType',
  'startDate',
  'endDate',
  'description',
  'fileSuccessCount',
  'fileErrorCount',
  'fileWarningCount',
  'fileDuplicateCount',
  'fileUpdateCount',
  'totalFileCount',
  'transferSuccessCount',
  'transferErrorCount',
  'transferWarningCount',
  'fatalError',
  'detailTotalRows',
  'detailArray',
);

export function jobLog(raw: Raw, report?: SchemaProblemSink, path = 'JobLog'): JobLog {
  const f = new Fields(raw, path, report);
  f.extras(JOB_LOG_FIELDS);
  // originalJobName, jobSubType, description and the transfer counts are required by the schema, but Adobe's own
  // sample responses leave them out: they are read as optional, so --debug does not cry wolf on every log.
  return compact({
    companyHandle: f.string('companyHandle', true),
    jobHandle: f.string('jobHandle', true),
    jobName: f.string('jobName', true),
    originalJobName: f.string('originalJobName'),
    submitUserEmail: f.string('submitUserEmail', true),
    logType: f.string('logType', true),
    jobSubType: f.string('jobSubType'),
    startDate: f.dateTime('startDate'),
    endDate: f.dateTime('endDate'),
    description: f.string('description'),
    fileSuccessCount: f.int('fileSuccessCount', true),
    fileErrorCount: f.int('fileErrorCount', true),
    fileWarningCount: f.int('fileWarningCount', true),
    fileDuplicateCount: f.int('fileDuplicateCount', true),
    fileUpdateCount: f.int('fileUpdateCount', true),
    totalFileCount: f.int('totalFileCount', true),
    transferSuccessCount: f.int('transferSuccessCount'),
    transferErrorCount: f.int('transferErrorCount'),
    transferWarningCount: f.int('transferWarningCount'),
    fatalError: f.boolean('fatalError', true),
    detailTotalRows: f.int('detailTotalRows'),
    detailArray: f.list('detailArray', jobLogDetail),
  });
}

const COMPANY_FIELDS = known('companyHandle', 'name', 'rootPath', 'expires', 'imsOrgId');

export function company(raw: Raw, report?: SchemaProblemSink, path = 'Company'): Company {
  const f = new Fields(raw, path, report);
  f.extras(COMPANY_FIELDS);
  return compact({
    companyHandle: f.string('companyHandle', true),
    name: f.string('name', true),
    rootPath: f.string('rootPath', true),
    expires: f.dateTime('expires'),
    imsOrgId: f.string('imsOrgId'),
  });
}

const MEMBERSHIP_FIELDS = known('company', 'role', 'isActive');

export function companyMembership(raw: Raw, report?: SchemaProblemSink, path = 'CompanyMembership'): CompanyMembership {
  const f = new Fields(raw, path, report);
  f.extras(MEMBERSHIP_FIELDS);
  const inner = record(raw.company);
  if (!inner) f.problem('company', raw.company === undefined ? 'missing (required by the schema)' : `expected an element with fields, got ${got(raw.company)}`);
  return compact({
    company: inner ? company(inner, report, `${path}.company`) : undefined,
    role: f.string('role', true),
    isActive: f.boolean('isActive', true),
  });
}

export { record };
