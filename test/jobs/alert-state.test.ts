import { describe, expect, it } from 'vitest';
import { parseAlertState, planAlerts } from '../../src/jobs/alert-state.js';
import type { Problem } from '../../src/jobs/check-rules.js';

const stalled: Problem = { key: 'stalled:j|1', rule: 'stalled', jobHandle: 'j|1', jobName: 'A', measured: '40m', limit: '30m', message: 'no progress for 40m' };
const queued: Problem = { key: 'queued:j|2', rule: 'queued', jobHandle: 'j|2', jobName: 'B', measured: '20m', limit: '15m', message: 'waiting 20m' };
const HOUR = 3_600_000;

describe('alerts on changes only', () => {
  it('the first run reports everything as new', () => {
    const plan = planAlerts(undefined, [stalled], {}, 1_000, undefined);
    expect(plan.report.map((p) => [p.key, p.new])).toEqual([['stalled:j|1', true]]);
    expect(plan.next.problems['stalled:j|1']).toMatchObject({ firstSeen: 1_000, lastAlerted: 1_000 });
  });

  it('a second run with the same problem stays quiet, a new one is reported, a gone one resolved', () => {
    const first = planAlerts(undefined, [stalled], {}, 1_000, undefined).next;
    const second = planAlerts(first, [stalled, queued], {}, 2_000, undefined);
    expect(second.report.map((p) => p.key)).toEqual(['queued:j|2']);
    expect(second.current.map((p) => [p.key, p.new])).toEqual([
      ['stalled:j|1', false],
      ['queued:j|2', true],
    ]);
    const third = planAlerts(second.next, [queued], {}, 3_000, undefined);
    expect(third.report).toEqual([]);
    expect(third.resolved.map((p) => p.key)).toEqual(['stalled:j|1']);
    expect(third.next.problems['queued:j|2']?.firstSeen).toBe(2_000);
  });

  it('--realert repeats a still-open problem once the interval has passed, then waits again', () => {
    const first = planAlerts(undefined, [stalled], {}, 0, HOUR).next;
    expect(planAlerts(first, [stalled], {}, HOUR - 1, HOUR).report).toEqual([]);
    const due = planAlerts(first, [stalled], {}, HOUR, HOUR);
    expect(due.report.map((p) => [p.key, p.realert])).toEqual([['stalled:j|1', true]]);
    expect(planAlerts(due.next, [stalled], {}, HOUR + 10, HOUR).report).toEqual([]);
  });

  it('reads back what it wrote, and refuses anything else', () => {
    const state = planAlerts(undefined, [stalled], { 'j|1': { progress: 4 } }, 5, undefined).next;
    expect(parseAlertState(JSON.stringify(state))).toEqual(state);
    for (const text of ['', 'not json', '[]', '{"version":2}', JSON.stringify({ ...state, problems: { x: { message: 1 } } })]) {
      expect(parseAlertState(text)).toBeUndefined();
    }
  });
});

describe('an event alerts once and is forgotten silently; only a condition resolves', () => {
  const failed: Problem = { key: 'failed:j|3', rule: 'failed', jobHandle: 'j|3', jobName: 'C', measured: 'fatal error', limit: '--fail-on error', message: 'failed: fatal error' };

  it('a failed job is reported once, stays quiet while in the window, and leaves it without a resolved', () => {
    const first = planAlerts(undefined, [failed], {}, 1_000, undefined);
    expect(first.report.map((p) => [p.key, p.new])).toEqual([['failed:j|3', true]]);
    const inside = planAlerts(first.next, [failed], {}, 2_000, undefined);
    expect(inside.report).toEqual([]);
    expect(inside.current.map((p) => [p.key, p.new])).toEqual([['failed:j|3', false]]);
    const left = planAlerts(inside.next, [], {}, 3_000, undefined);
    expect(left.report).toEqual([]);
    expect(left.resolved).toEqual([]);
  });

  it('--realert never repeats an event: it happened once', () => {
    const first = planAlerts(undefined, [failed], {}, 0, HOUR).next;
    expect(planAlerts(first, [failed], {}, 2 * HOUR, HOUR).report).toEqual([]);
  });

  it('a condition gone in the same run as an event left its window is resolved, the event is not', () => {
    const first = planAlerts(undefined, [stalled, failed], {}, 1_000, undefined).next;
    expect(planAlerts(first, [], {}, 2_000, undefined).resolved.map((p) => p.key)).toEqual(['stalled:j|1']);
  });
});
