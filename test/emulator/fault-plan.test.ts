import { describe, expect, it } from 'vitest';
import { FaultPlan, FaultPlanSyntaxError, formatFaultRule, parseFaultPlan } from '../../src/emulator/index.js';

describe('parseFaultPlan', () => {
  it('accepts the documented examples', () => {
    expect(parseFaultPlan('getActiveJobs#2:status=503')).toEqual([{ operation: 'getActiveJobs', call: 2, kind: 'status', status: 503 }]);
    expect(parseFaultPlan('*:latency=1500')).toEqual([{ operation: '*', kind: 'latency', ms: 1500 }]);
    expect(parseFaultPlan('getActiveJobs:html=502')).toEqual([{ operation: 'getActiveJobs', kind: 'html', status: 502 }]);
    expect(parseFaultPlan('getActiveJobs:fault=authentication/200')).toEqual([
      { operation: 'getActiveJobs', kind: 'fault', fault: 'authentication', status: 200 },
    ]);
  });

  it('accepts every kind, comma-separated with blanks, and round-trips through formatFaultRule', () => {
    const text =
      'getActiveJobs:latency=10, getJobLogs:status=500, *#3:status=502, getActiveJobs:html=200, getJobLogDetails:fault=authorization, ' +
      'checkLogin:fault=ipsApi/500, stopJob:malformed, getScheduledJobs:truncated, pauseJob#1:hang, resumeJob:reset';
    const rules = parseFaultPlan(text);
    expect(rules.map((r) => r.kind)).toEqual(['latency', 'status', 'status', 'html', 'fault', 'fault', 'malformed', 'truncated', 'hang', 'reset']);
    expect(rules.map(formatFaultRule).join(', ')).toBe(text);
    expect(parseFaultPlan('')).toEqual([]);
  });

  it.each([
    ['garbage', 'not of the form'],
    ['getActiveJobs:status=404', 'status must be 200, 500, 502 or 503'],
    ['getActiveJobs:oversize', "'oversize' needs a value"],
    ['getActiveJobs:oversize=0', 'oversize must be a size in bytes from 1'],
    ['getActiveJobs:oversize=2MB', 'oversize must be a size in bytes from 1'],
    ['getActiveJobs:oversize=100/zip', 'optionally /gzip'],
    ['getActiveJobs:trickle=0', 'trickle must be milliseconds per byte from 1'],
    ['getActiveJobs:trickle=slow', 'trickle must be milliseconds per byte from 1'],
    ['getActiveJobs:badgzip=1', "'badgzip' takes no value"],
    ['getActiveJobs:doctype=yes', "'doctype' takes no value"],
    ['getActiveJobs:html=500', 'html must be 200 or 502'],
    ['getActiveJobs#0:hang', '#N must be a call number'],
    ['getActiveJob:hang', "unknown operation 'getActiveJob'"],
    ['getActiveJobs:latency=fast', 'latency must be milliseconds'],
    ['getActiveJobs:hang=1', "'hang' takes no value"],
    ['getActiveJobs:fault=soap', 'fault must be authentication, authorization or ipsApi'],
    ['getActiveJobs:explode', "unknown kind 'explode'"],
    ['getActiveJobs:status', "'status' needs a value"],
  ])('rejects %s with a message naming the part and the syntax', (text, problem) => {
    let error: unknown;
    try {
      parseFaultPlan(`*:latency=5,${text}`);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FaultPlanSyntaxError);
    const message = (error as Error).message;
    expect(message).toContain(`'${text}'`);
    expect(message).toContain(problem);
    expect(message).toContain('OP[#N]:KIND[=ARG]');
  });

  it('accepts the hostile-server kinds and status=200, and round-trips them', () => {
    const text =
      'getActiveJobs:status=200, getActiveJobs#2:badgzip, getJobLogs:oversize=300000, getJobLogDetails#1-3:oversize=5000000/gzip, ' +
      '*:trickle=50, getActiveJobs#4-:doctype, getActiveJobs:missing, getJobLogs:wrongtypes, *:extra';
    const rules = parseFaultPlan(text);
    expect(rules).toEqual([
      { operation: 'getActiveJobs', kind: 'status', status: 200 },
      { operation: 'getActiveJobs', call: 2, kind: 'badgzip' },
      { operation: 'getJobLogs', kind: 'oversize', bytes: 300000 },
      { operation: 'getJobLogDetails', call: 1, lastCall: 3, kind: 'oversize', bytes: 5000000, gzip: true },
      { operation: '*', kind: 'trickle', ms: 50 },
      { operation: 'getActiveJobs', call: 4, lastCall: Infinity, kind: 'doctype' },
      { operation: 'getActiveJobs', kind: 'missing' },
      { operation: 'getJobLogs', kind: 'wrongtypes' },
      { operation: '*', kind: 'extra' },
    ]);
    expect(rules.map(formatFaultRule).join(', ')).toBe(text);
    const plan = new FaultPlan([{ operation: 'getActiveJobs', kind: 'oversize', bytes: 1000, gzip: true }, { operation: '*', kind: 'trickle', ms: 5 }]);
    expect(plan.next('getActiveJobs')).toEqual({ latencyMs: 0, action: { kind: 'oversize', bytes: 1000, gzip: true } });
    expect(() => plan.add({ operation: '*', kind: 'trickle', ms: 0 })).toThrow(FaultPlanSyntaxError);
    expect(() => plan.add({ operation: '*', kind: 'oversize', bytes: 1.5 })).toThrow(FaultPlanSyntaxError);
  });

  it('accepts call ranges #N-M and #N- and round-trips them', () => {
    expect(parseFaultPlan('getActiveJobs#3-5:status=503')).toEqual([{ operation: 'getActiveJobs', call: 3, lastCall: 5, kind: 'status', status: 503 }]);
    expect(parseFaultPlan('*#2-:reset')).toEqual([{ operation: '*', call: 2, lastCall: Infinity, kind: 'reset' }]);
    expect(parseFaultPlan('getJobLogDetails#4-4:hang')).toEqual([{ operation: 'getJobLogDetails', call: 4, lastCall: 4, kind: 'hang' }]);
    const text = 'getActiveJobs#3-5:status=503, *#2-:reset, getActiveJobs#7:html=502, getJobLogDetails#1-10:fault=ipsApi/200';
    expect(parseFaultPlan(text).map(formatFaultRule).join(', ')).toBe(text);
  });

  it.each([
    ['getActiveJobs#5-3:hang', '#N-M needs M ≥ N'],
    ['getActiveJobs#0-3:hang', '#N must be a call number'],
    ['getActiveJobs#-3:hang', '#N must be a call number'],
    ['getActiveJobs#2-x:hang', '#N must be a call number'],
    ['getActiveJobs#2--:hang', '#N must be a call number'],
  ])('rejects the range %s', (text, problem) => {
    expect(() => parseFaultPlan(text)).toThrow(FaultPlanSyntaxError);
    expect(() => parseFaultPlan(text)).toThrow(problem);
  });

  it('rejects an empty rule between commas', () => {
    expect(() => parseFaultPlan('*:hang,,*:reset')).toThrow(FaultPlanSyntaxError);
  });
});

describe('FaultPlan', () => {
  it('counts calls per operation, adds latencies and lets the first other matching rule win', () => {
    const plan = new FaultPlan('*:latency=100,getActiveJobs:latency=50,getActiveJobs#2:status=503,*#2:reset');
    expect(plan.next('getActiveJobs')).toEqual({ latencyMs: 150 });
    expect(plan.next('getJobLogs')).toEqual({ latencyMs: 100 });
    expect(plan.next('getActiveJobs')).toEqual({ latencyMs: 150, action: { kind: 'status', status: 503 } });
    expect(plan.next('getJobLogs')).toEqual({ latencyMs: 100, action: { kind: 'reset' } });
    expect(plan.next('getActiveJobs')).toEqual({ latencyMs: 150 });
  });

  it('#N-M hits calls N through M, #N- every call from N on, each counted per operation', () => {
    const plan = new FaultPlan('getActiveJobs#2-4:status=503,getJobLogDetails#3-:html=502,*#6-6:latency=10');
    const active = Array.from({ length: 7 }, () => plan.next('getActiveJobs'));
    expect(active.map((d) => d.action?.kind ?? 'ok')).toEqual(['ok', 'status', 'status', 'status', 'ok', 'ok', 'ok']);
    expect(active.map((d) => d.latencyMs)).toEqual([0, 0, 0, 0, 0, 10, 0]);
    expect(active[1]).toEqual({ latencyMs: 0, action: { kind: 'status', status: 503 } });
    const logs = Array.from({ length: 6 }, () => plan.next('getJobLogDetails').action?.kind ?? 'ok');
    expect(logs).toEqual(['ok', 'ok', 'html', 'html', 'html', 'html']);
  });

  it('takes ranges as rules built in code (lastCall: Infinity = open), and checks them', () => {
    const plan = new FaultPlan([{ operation: 'getActiveJobs', call: 2, lastCall: 3, kind: 'reset' }]);
    plan.add({ operation: 'getJobLogs', call: 2, lastCall: Infinity, kind: 'malformed' });
    expect(plan.list().map(formatFaultRule)).toEqual(['getActiveJobs#2-3:reset', 'getJobLogs#2-:malformed']);
    expect([1, 2, 3, 4].map(() => plan.next('getActiveJobs').action?.kind ?? 'ok')).toEqual(['ok', 'reset', 'reset', 'ok']);
    expect([1, 2, 3, 4].map(() => plan.next('getJobLogs').action?.kind ?? 'ok')).toEqual(['ok', 'malformed', 'malformed', 'malformed']);
    expect(() => plan.add({ operation: 'getJobLogs', call: 3, lastCall: 2, kind: 'hang' })).toThrow(FaultPlanSyntaxError);
    expect(() => plan.add({ operation: 'getJobLogs', lastCall: 2, kind: 'hang' })).toThrow(/lastCall needs call/);
    expect(() => plan.add({ operation: 'getJobLogs', call: 1, lastCall: 2.5, kind: 'hang' })).toThrow(FaultPlanSyntaxError);
  });

  it('set() replaces the rules and restarts counting; add() keeps counting; clear() empties', () => {
    const plan = new FaultPlan();
    expect(plan.next('getActiveJobs')).toEqual({ latencyMs: 0 });
    plan.add({ operation: 'getActiveJobs', call: 2, kind: 'hang' });
    expect(plan.next('getActiveJobs').action).toEqual({ kind: 'hang' });
    plan.set([{ operation: 'getActiveJobs', call: 2, kind: 'malformed' }]);
    expect(plan.list()).toEqual([{ operation: 'getActiveJobs', call: 2, kind: 'malformed' }]);
    expect(plan.next('getActiveJobs').action).toBeUndefined();
    expect(plan.next('getActiveJobs').action).toEqual({ kind: 'malformed' });
    plan.clear();
    expect(plan.list()).toEqual([]);
    expect(() => plan.add({ operation: 'getActiveJobs', kind: 'status', status: 404 as 500 })).toThrow(FaultPlanSyntaxError);
  });
});
