import { describe, expect, it } from 'vitest';
import { parseAlertState, planAlerts, type CheckScope } from '../../src/jobs/alert-state.js';
import type { Problem } from '../../src/jobs/check-rules.js';

const stalled: Problem = { key: 'stalled:j|1', rule: 'stalled', jobHandle: 'j|1', jobName: 'A', measured: '40m', limit: '30m', message: 'no progress for 40m' };
const queued: Problem = { key: 'queued:j|2', rule: 'queued', jobHandle: 'j|2', jobName: 'B', measured: '20m', limit: '15m', message: 'waiting 20m' };
const HOUR = 3_600_000;
const MIN = 60_000;

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

describe('what a run that does not find a remembered problem makes of it', () => {
  const DAY = 24 * HOUR;
  const ended = 10 * DAY;
  const failed: Problem = { key: 'failed:j|3', rule: 'failed', jobHandle: 'j|3', jobName: 'C', measured: 'fatal error', limit: '--fail-on error', message: 'failed: fatal error', endedAt: ended };
  /** A cron line `--stalled 30m --failed-since 1h`: the job-log query reaches back the window and a day. */
  const scope: CheckScope = { rules: ['stalled', 'failed'], filters: '', eventLookbackMs: HOUR + DAY };

  it('an event stays remembered, silently, until the query can no longer return it: never new twice', () => {
    const first = planAlerts(undefined, [failed], {}, ended + 5 * MIN, undefined, scope);
    expect(first.next.problems['failed:j|3']).toMatchObject({ endedAt: ended, firstSeen: ended + 5 * MIN });
    const left = planAlerts(first.next, [], {}, ended + 2 * HOUR, undefined, scope);
    expect([left.report, left.resolved]).toEqual([[], []]);
    expect(left.next.problems).toHaveProperty(['failed:j|3']);
    // The server's clock stepped back: the failure is inside the window again, and still not new.
    const again = planAlerts(left.next, [failed], {}, ended + 30 * MIN, undefined, scope);
    expect(again.report).toEqual([]);
    expect(again.current.map((p) => p.new)).toEqual([false]);
    // Past the lookback nothing can bring it back: it is dropped.
    const aged = planAlerts(again.next, [], {}, ended + HOUR + DAY + 1, undefined, scope);
    expect([aged.report, aged.resolved, aged.next.problems]).toEqual([[], [], {}]);
  });

  it('the same job handle failing again (another end) is a new failure', () => {
    const first = planAlerts(undefined, [failed], {}, ended + MIN, undefined, scope).next;
    const rerun = { ...failed, endedAt: ended + 20 * MIN };
    const second = planAlerts(first, [rerun], {}, ended + 25 * MIN, undefined, scope);
    expect(second.report.map((p) => [p.key, p.new])).toEqual([['failed:j|3', true]]);
    expect(second.next.problems['failed:j|3']).toMatchObject({ endedAt: ended + 20 * MIN, firstSeen: ended + 25 * MIN });
  });

  it('a run that does not check the event’s rule keeps it as it is', () => {
    const first = planAlerts(undefined, [failed], {}, ended + MIN, undefined, scope).next;
    const other = planAlerts(first, [], {}, ended + 3 * DAY, undefined, { rules: ['stalled'], filters: '' });
    expect(other.next.problems['failed:j|3']).toEqual(first.problems['failed:j|3']);
  });

  it('a condition resolves only in a run that checked its rule under the filters it was found under', () => {
    const found = planAlerts(undefined, [stalled], {}, 1_000, undefined, { ...scope, filters: '--type imageservingpublish' }).next;
    expect(found.problems['stalled:j|1']?.filters).toBe('--type imageservingpublish');
    const otherRule = planAlerts(found, [], {}, 2_000, undefined, { rules: ['max-active'], filters: '--type imageservingpublish' });
    const otherFilters = planAlerts(found, [], {}, 2_000, undefined, { ...scope, filters: '--type uploadfromserverdirectory' });
    for (const plan of [otherRule, otherFilters]) {
      expect(plan.resolved).toEqual([]);
      expect(plan.next.problems['stalled:j|1']).toEqual(found.problems['stalled:j|1']);
    }
    const same = planAlerts(otherFilters.next, [], {}, 3_000, undefined, { ...scope, filters: '--type imageservingpublish' });
    expect(same.resolved.map((p) => p.key)).toEqual(['stalled:j|1']);
    expect(same.next.problems).toEqual({});
  });

  it('a problem of a rule this version does not know is kept, never resolved', () => {
    const foreign = { version: 1 as const, updatedAt: 0, observations: {}, problems: { 'later-rule:x': { rule: 'later-rule' as Problem['rule'], message: 'm', firstSeen: 0, lastAlerted: 0 } } };
    const plan = planAlerts(foreign, [], {}, 1_000, undefined, scope);
    expect(plan.resolved).toEqual([]);
    expect(plan.next.problems).toEqual(foreign.problems);
  });

  it('a state file as version 1 wrote it (no end, no filters) reads, and its problems keep their meaning', () => {
    const seen = ended + 5 * MIN;
    const v1 = `{
  "version": 1,
  "updatedAt": ${seen},
  "problems": {
    "stalled:j|1": {
      "rule": "stalled",
      "jobHandle": "j|1",
      "jobName": "A",
      "message": "no progress for 40m",
      "firstSeen": ${seen},
      "lastAlerted": ${seen}
    },
    "failed:j|3": {
      "rule": "failed",
      "jobHandle": "j|3",
      "jobName": "C",
      "message": "failed: fatal error",
      "firstSeen": ${seen},
      "lastAlerted": ${seen}
    }
  },
  "observations": {
    "j|1": {
      "progress": 40
    }
  }
}
`;
    const state = parseAlertState(v1);
    expect(state?.problems['failed:j|3']).toMatchObject({ rule: 'failed', firstSeen: seen });
    // Still there: neither is new; the failure's end is learnt.
    const still = planAlerts(state, [stalled, failed], {}, seen + 5 * MIN, undefined, { ...scope, filters: '--name a*' });
    expect(still.report).toEqual([]);
    expect(still.next.problems['failed:j|3']?.endedAt).toBe(ended);
    // Both gone: the stall (found under unknown filters) resolves in any run that checks it; the failure, an
    // event, is kept silently for as long as the query could return it (its end unknown: its first report stands in).
    const gone = planAlerts(state, [], {}, seen + 2 * HOUR, undefined, { ...scope, filters: '--name a*' });
    expect(gone.resolved.map((p) => p.key)).toEqual(['stalled:j|1']);
    expect(Object.keys(gone.next.problems)).toEqual(['failed:j|3']);
    expect(Object.keys(planAlerts(state, [], {}, seen + HOUR + DAY + 1, undefined, scope).next.problems)).toEqual([]);
  });
});
