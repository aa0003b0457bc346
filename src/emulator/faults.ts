// Fault plan: scripted misbehaviour (latency, bad statuses, HTML, SOAP faults, broken bodies, hangs, resets, and a
// hostile server's bodies: corrupt gzip, oversize, trickled, DOCTYPE, missing/mistyped/extra elements) aimed at an
// operation, optionally only its Nth call or a range of its calls. Evaluated before authentication.
import { IPS_OPERATIONS, isIpsOperation, type IpsOperation } from './operations.js';

export type IpsFaultKind = 'authentication' | 'authorization' | 'ipsApi';

export type FaultAction =
  | { kind: 'latency'; ms: number }
  /** An empty body with this status (200 too: an empty answer that claims success). */
  | { kind: 'status'; status: FaultStatus }
  | { kind: 'html'; status: 200 | 502 }
  /** status: HTTP status of the fault response; default authHeader.faultHttpStatusCode, else 500. */
  | { kind: 'fault'; fault: IpsFaultKind; status?: number }
  | { kind: 'malformed' }
  | { kind: 'truncated' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** `Content-Encoding: gzip` on bytes that are not valid gzip (the real answer's gzip cut in half, then garbage). */
  | { kind: 'badgzip' }
  /** The real answer padded to at least `bytes` of XML; sent uncompressed, or gzipped (a small body that inflates big) with `gzip`. */
  | { kind: 'oversize'; bytes: number; gzip?: boolean }
  /** The real answer written one byte every `ms` milliseconds until done or the socket closes. */
  | { kind: 'trickle'; ms: number }
  /** The real answer behind a DOCTYPE declaring billion-laughs and external SYSTEM entities, referenced in the body. */
  | { kind: 'doctype' }
  /** The real answer with required elements removed from its items (ActiveJob: jobHandle, name, state; JobLog: counts). */
  | { kind: 'missing' }
  /** The real answer with non-numeric ints (`lots`), non-dates (`yesterday`) and non-booleans (`maybe`). */
  | { kind: 'wrongtypes' }
  /** The real answer with unknown elements and attributes in its items, its Return element and a SOAP Header. */
  | { kind: 'extra' };

export type FaultKind = FaultAction['kind'];

export type FaultStatus = 200 | 500 | 502 | 503;
const FAULT_STATUSES: readonly string[] = ['200', '500', '502', '503'];

/**
 * A rule: `operation` (or `*`), which of its calls (1-based, counted per operation), and what to do.
 * - no `call`: every call;
 * - `call: N`: only the Nth call (`OP#N`);
 * - `call: N, lastCall: M` (M ≥ N): calls N through M inclusive (`OP#N-M`), e.g. a service down for 3 polls then back;
 * - `call: N, lastCall: Infinity`: call N and every later one (`OP#N-`).
 */
export type FaultRule = { operation: IpsOperation | '*'; call?: number; lastCall?: number } & FaultAction;

/** What the server does for one request: wait `latencyMs`, then `action` (undefined = answer normally). */
export interface FaultDecision {
  latencyMs: number;
  action?: Exclude<FaultAction, { kind: 'latency' }>;
}

export const FAULT_SYNTAX =
  'OP[#N]:KIND[=ARG] joined by commas, OP = an operation name or *, #N = only its Nth call, #N-M = calls N to M, ' +
  '#N- = call N on (counted per operation), KIND = latency=MS | status=200|500|502|503 | ' +
  'html=200|502 | fault=authentication|authorization|ipsApi[/STATUS] | malformed | truncated | hang | reset | ' +
  'badgzip | oversize=BYTES[/gzip] | trickle=MS | doctype | missing | wrongtypes | extra ' +
  '(e.g. getActiveJobs#2:status=503,getActiveJobs#4-6:status=502,*:latency=1500)';

export class FaultPlanSyntaxError extends Error {
  override name = 'FaultPlanSyntaxError';
  constructor(
    readonly part: string,
    problem: string,
  ) {
    super(`Invalid fault rule '${part}': ${problem}. Expected ${FAULT_SYNTAX}`);
  }
}

const FAULT_KINDS: readonly IpsFaultKind[] = ['authentication', 'authorization', 'ipsApi'];

function parseAction(part: string, kind: string, arg: string | undefined): FaultAction {
  const needArg = (): string => {
    if (arg === undefined || arg === '') throw new FaultPlanSyntaxError(part, `'${kind}' needs a value`);
    return arg;
  };
  const noArg = <T extends FaultAction>(action: T): T => {
    if (arg !== undefined) throw new FaultPlanSyntaxError(part, `'${kind}' takes no value`);
    return action;
  };
  switch (kind) {
    case 'latency': {
      const value = needArg();
      if (!/^\d+$/.test(value)) throw new FaultPlanSyntaxError(part, `latency must be milliseconds, got '${value}'`);
      return { kind, ms: Number(value) };
    }
    case 'status': {
      const value = needArg();
      if (!FAULT_STATUSES.includes(value)) throw new FaultPlanSyntaxError(part, `status must be 200, 500, 502 or 503, got '${value}'`);
      return { kind, status: Number(value) as FaultStatus };
    }
    case 'oversize': {
      const m = /^([1-9]\d*)(\/gzip)?$/.exec(needArg());
      if (!m) throw new FaultPlanSyntaxError(part, `oversize must be a size in bytes from 1, optionally /gzip, got '${arg}'`);
      return m[2] ? { kind, bytes: Number(m[1]), gzip: true } : { kind, bytes: Number(m[1]) };
    }
    case 'trickle': {
      const value = needArg();
      if (!/^[1-9]\d*$/.test(value)) throw new FaultPlanSyntaxError(part, `trickle must be milliseconds per byte from 1, got '${value}'`);
      return { kind, ms: Number(value) };
    }
    case 'html': {
      const value = needArg();
      if (value !== '200' && value !== '502') throw new FaultPlanSyntaxError(part, `html must be 200 or 502, got '${value}'`);
      return { kind, status: Number(value) as 200 | 502 };
    }
    case 'fault': {
      const [fault, status, extra] = needArg().split('/');
      if (!FAULT_KINDS.includes(fault as IpsFaultKind) || extra !== undefined)
        throw new FaultPlanSyntaxError(part, `fault must be authentication, authorization or ipsApi, optionally /STATUS`);
      if (status === undefined) return { kind, fault: fault as IpsFaultKind };
      if (!/^[1-5]\d\d$/.test(status)) throw new FaultPlanSyntaxError(part, `fault status must be an HTTP status, got '${status}'`);
      return { kind, fault: fault as IpsFaultKind, status: Number(status) };
    }
    case 'malformed':
    case 'truncated':
    case 'hang':
    case 'reset':
    case 'badgzip':
    case 'doctype':
    case 'missing':
    case 'wrongtypes':
    case 'extra':
      return noArg({ kind });
    default:
      throw new FaultPlanSyntaxError(part, `unknown kind '${kind}'`);
  }
}

/** `N` → { call }, `N-M` → { call, lastCall }, `N-` → { call, lastCall: Infinity }; undefined → {} (every call). */
function parseCalls(part: string, calls: string | undefined): { call?: number; lastCall?: number } {
  if (calls === undefined) return {};
  const m = /^([1-9]\d*)(?:(-)([1-9]\d*)?)?$/.exec(calls);
  if (!m) throw new FaultPlanSyntaxError(part, `#N must be a call number from 1 (or a range #N-M / #N-), got '#${calls}'`);
  const call = Number(m[1]);
  if (m[2] === undefined) return { call };
  if (m[3] === undefined) return { call, lastCall: Infinity };
  const lastCall = Number(m[3]);
  if (lastCall < call) throw new FaultPlanSyntaxError(part, `#N-M needs M ≥ N, got '#${calls}'`);
  return { call, lastCall };
}

function formatCalls(rule: FaultRule): string {
  if (rule.call === undefined) {
    if (rule.lastCall !== undefined) throw new FaultPlanSyntaxError(`${rule.operation}:${rule.kind}`, 'lastCall needs call (the first call of the range)');
    return '';
  }
  if (rule.lastCall === undefined) return `#${rule.call}`;
  return rule.lastCall === Infinity ? `#${rule.call}-` : `#${rule.call}-${rule.lastCall}`;
}

/** Parses the `--faults` text syntax; throws FaultPlanSyntaxError naming the bad part. Empty text = no rules. */
export function parseFaultPlan(text: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') {
      if (text.trim() === '') continue;
      throw new FaultPlanSyntaxError(raw, 'empty rule');
    }
    const m = /^([^#:=\s]+)(?:#([^:]*))?:([A-Za-z]+)(?:=(.*))?$/.exec(part);
    if (!m) throw new FaultPlanSyntaxError(part, 'not of the form OP[#N]:KIND[=ARG]');
    const [, operation = '', calls, kind = '', arg] = m;
    if (operation !== '*' && !isIpsOperation(operation))
      throw new FaultPlanSyntaxError(part, `unknown operation '${operation}' (known: ${IPS_OPERATIONS.join(', ')})`);
    const range = parseCalls(part, calls);
    const action = parseAction(part, kind, arg);
    rules.push({ operation, ...range, ...action } as FaultRule);
  }
  return rules;
}

/** The text form of a rule, the inverse of parseFaultPlan (for listings and messages). */
export function formatFaultRule(rule: FaultRule): string {
  const target = `${rule.operation}${formatCalls(rule)}`;
  switch (rule.kind) {
    case 'latency':
      return `${target}:latency=${rule.ms}`;
    case 'status':
    case 'html':
      return `${target}:${rule.kind}=${rule.status}`;
    case 'fault':
      return `${target}:fault=${rule.fault}${rule.status === undefined ? '' : `/${rule.status}`}`;
    case 'oversize':
      return `${target}:oversize=${rule.bytes}${rule.gzip ? '/gzip' : ''}`;
    case 'trickle':
      return `${target}:trickle=${rule.ms}`;
    default:
      return `${target}:${rule.kind}`;
  }
}

/** Rules built in code go through the same checks as parsed text (round trip through the syntax). */
function checkRule(rule: FaultRule): FaultRule {
  const parsed = parseFaultPlan(formatFaultRule(rule));
  if (parsed.length !== 1) throw new FaultPlanSyntaxError(formatFaultRule(rule), 'not a single rule');
  return parsed[0] as FaultRule;
}

export class FaultPlan {
  private rules: FaultRule[] = [];
  /** Calls seen per operation since the plan was last set/cleared (what `#N`, `#N-M`, `#N-` count). */
  private readonly calls = new Map<string, number>();

  constructor(initial?: FaultRule[] | string) {
    if (initial !== undefined) this.set(initial);
  }

  /** Replaces the plan and restarts the per-operation call counters. */
  set(rules: FaultRule[] | string): void {
    this.rules = typeof rules === 'string' ? parseFaultPlan(rules) : rules.map(checkRule);
    this.calls.clear();
  }

  /** Appends rules; call counters keep running. */
  add(rule: FaultRule | string): void {
    this.rules.push(...(typeof rule === 'string' ? parseFaultPlan(rule) : [checkRule(rule)]));
  }

  clear(): void {
    this.rules = [];
    this.calls.clear();
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Counts one call to `operation` and decides its fate: latencies add up, the first other matching rule wins. */
  next(operation: string): FaultDecision {
    const call = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, call);
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.call !== undefined && (call < rule.call || call > (rule.lastCall ?? rule.call))) continue;
      if (rule.kind === 'latency') decision.latencyMs += rule.ms;
      else if (!decision.action) {
        const { operation: _op, call: _call, lastCall: _last, ...action } = rule;
        decision.action = action as FaultDecision['action'];
      }
    }
    return decision;
  }
}
