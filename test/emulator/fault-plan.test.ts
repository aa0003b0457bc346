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
    ['getActiveJobs:status=404', 'status must be 500, 502 or 503'],
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
