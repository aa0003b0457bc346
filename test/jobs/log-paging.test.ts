import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { logIdentity, startLogPaging, takeLogPage, type LogPageRequest } from '../../src/jobs/log-paging.js';
import { FUZZ_RUNS } from '../fuzz/arbitraries.js';
import { makeLog } from './log-fixtures.js';

const BASE = Date.parse('2026-11-28T00:00:00.000-08:00');

function logAt(i: number, offsetMs: number): JobLog {
  return makeLog({
    jobHandle: `j|42||Job-${i}|${10000 + i}`,
    jobName: `Job-${i}`,
    startDate: new Date(BASE + offsetMs).toISOString().replace('Z', '+00:00'),
  });
}

/** getJobLogs as IPS answers it: the window, ascending by start, ties in an order of its own each time, at most numRows and the cap. */
function server(logs: readonly JobLog[], cap: number, tieOrder: (request: number) => (a: JobLog, b: JobLog) => number) {
  const requests: LogPageRequest[] = [];
  return {
    requests,
    answer(request: LogPageRequest): JobLog[] {
      requests.push(request);
      const ties = tieOrder(requests.length);
      return logs
        .filter((log) => {
          const start = Date.parse(log.startDate!);
          return start >= request.fromMs && (request.toMs === undefined || start <= request.toMs);
        })
        .sort((a, b) => Date.parse(a.startDate!) - Date.parse(b.startDate!) || ties(a, b))
        .slice(0, Math.min(request.numRows, cap));
    },
  };
}

function readAll(logs: readonly JobLog[], options: { pageSize: number; cap?: number; fromMs?: number; toMs?: number; ties?: (request: number) => (a: JobLog, b: JobLog) => number }) {
  const ips = server(logs, options.cap ?? Infinity, options.ties ?? (() => (a, b) => logIdentity(a).localeCompare(logIdentity(b))));
  let state = startLogPaging({ fromMs: options.fromMs ?? BASE - 1, toMs: options.toMs }, options.pageSize);
  while (state.next) {
    if (ips.requests.length > 10_000) throw new Error('the plan does not end');
    state = takeLogPage(state, ips.answer(state.next));
  }
  return { read: [...state.logs.values()], requests: ips.requests, crowded: state.crowdedInstants, unreadFrom: state.unreadFromMs };
}

const names = (logs: readonly JobLog[]) => logs.map((log) => log.jobName).sort();

describe('reading every job log of a window, page by page', () => {
  it('a window that fits one answer: then from its last start, and from just after it, to see nothing follows', () => {
    const logs = [logAt(1, 1000), logAt(2, 2000), logAt(3, 3000)];
    const { read, requests, crowded } = readAll(logs, { pageSize: 100 });
    expect(names(read)).toEqual(names(logs));
    expect(requests.slice(1)).toEqual([
      { fromMs: BASE + 3000, numRows: 100 },
      { fromMs: BASE + 3001, numRows: 100 },
    ]);
    expect(crowded).toEqual([]);
  });

  it('one job in the window: nothing said of a cap that never showed', () => {
    const { read, crowded, unreadFrom } = readAll([logAt(1, 1000)], { pageSize: 100 });
    expect(read).toHaveLength(1);
    expect(crowded).toEqual([]);
    expect(unreadFrom).toBeUndefined();
  });

  it('asks again from the last start seen, keeping the window end', () => {
    const logs = Array.from({ length: 25 }, (_, i) => logAt(i, i * 60_000));
    const { read, requests } = readAll(logs, { pageSize: 10, toMs: BASE + 3_600_000 });
    expect(names(read)).toEqual(names(logs));
    expect(requests.slice(0, 3).map((r) => r.fromMs)).toEqual([BASE - 1, BASE + 9 * 60_000, BASE + 18 * 60_000]);
    expect(requests.every((r) => r.toMs === BASE + 3_600_000)).toBe(true);
  });

  it('reads logs past a server cap smaller than the page size', () => {
    const logs = Array.from({ length: 50 }, (_, i) => logAt(i, i * 1000));
    const { read } = readAll(logs, { pageSize: 1000, cap: 7 });
    expect(names(read)).toEqual(names(logs));
  });

  it('many logs with the same start: numRows grows until they all come, and the read ends', () => {
    const logs = [...Array.from({ length: 30 }, (_, i) => logAt(i, 5000)), logAt(99, 9000)];
    const { read, requests, crowded } = readAll(logs, { pageSize: 8 });
    expect(names(read)).toEqual(names(logs));
    expect(requests.some((r) => r.numRows > 8)).toBe(true);
    expect(crowded).toEqual([]);
  });

  it('more logs at one instant than IPS will ever answer: the instant is noted, later logs are still read', () => {
    const logs = [...Array.from({ length: 200 }, (_, i) => logAt(i, 5000)), logAt(999, 9000)];
    const { read, crowded } = readAll(logs, { pageSize: 4 });
    expect(crowded).toEqual([BASE + 5000]);
    expect(read.map((l) => l.jobName)).toContain('Job-999');
    expect(read).toHaveLength(4 * 16 + 1);
  });

  it('a server cap smaller than the logs of one instant: the instant is noted, never lost in silence', () => {
    const logs = [...Array.from({ length: 8 }, (_, i) => logAt(i, 5000)), ...Array.from({ length: 10 }, (_, i) => logAt(100 + i, 6000 + i))];
    const { read, crowded } = readAll(logs, { pageSize: 100, cap: 5 });
    expect(crowded).toEqual([BASE + 5000]);
    // Every log after the crowded instant is read.
    expect(read.filter((log) => log.jobName!.startsWith('Job-10'))).toHaveLength(10);
  });

  it('a server that ignores the start asked for: the read ends, and keeps only the window\'s logs', () => {
    const logs = [logAt(1, -60_000), ...Array.from({ length: 6 }, (_, i) => logAt(10 + i, i * 1000))];
    const requests: LogPageRequest[] = [];
    let state = startLogPaging({ fromMs: BASE }, 3);
    while (state.next) {
      requests.push(state.next);
      if (requests.length > 100) throw new Error('the plan does not end');
      // Always the oldest three, whatever the start asked for.
      state = takeLogPage(state, logs.slice(0, 3));
    }
    // From 0 s, from 1 s, from 1 s with more rows, and 1 ms on: nothing at or after the start asked for, so the end.
    expect(requests.map((r) => [r.fromMs - BASE, r.numRows])).toEqual([
      [0, 3],
      [1000, 3],
      [1000, 6],
      [1001, 3],
    ]);
    expect(names([...state.logs.values()])).toEqual(['Job-10', 'Job-11']);
    // Never in silence: logs from the start it would not answer on may be missing.
    expect(state.unreadFromMs).toBe(BASE + 1001);
  });

  it('a server that ignores the end asked for: the first log past it ends the read, nothing said', () => {
    const logs = Array.from({ length: 12 }, (_, i) => logAt(i, i * 1000));
    let state = startLogPaging({ fromMs: BASE, toMs: BASE + 5500 }, 4);
    let requests = 0;
    while (state.next) {
      requests++;
      const from = state.next.fromMs;
      // Every log from the start asked for, whatever the end.
      state = takeLogPage(state, logs.filter((log) => Date.parse(log.startDate!) >= from).slice(0, state.next.numRows));
    }
    expect(names([...state.logs.values()])).toEqual(names(logs.slice(0, 6)));
    expect(requests).toBe(2);
    expect(state.crowdedInstants).toEqual([]);
    expect(state.unreadFromMs).toBeUndefined();
  });

  it('a full answer of starts that cannot be read: kept, and logs from there on may be missing', () => {
    const garbled = Array.from({ length: 3 }, (_, i) => ({ ...logAt(i, 0), startDate: 'yesterday' }));
    let state = startLogPaging({ fromMs: BASE }, 3);
    state = takeLogPage(state, garbled);
    expect(state.next).toBeUndefined();
    expect(state.logs.size).toBe(3);
    expect(state.unreadFromMs).toBe(BASE);
    // Fewer than asked for: all there is, nothing said.
    const short = takeLogPage(startLogPaging({ fromMs: BASE }, 5), garbled);
    expect(short.unreadFromMs).toBeUndefined();
  });

  it('a log read while its job ends (a Begin log, then its Success log) is one job, not two', () => {
    const begin = { ...logAt(1, 1000), logType: 'BeginImageServingPublish', endDate: undefined };
    const end = { ...logAt(1, 1000), logType: 'ImageServingPublishSuccess' };
    let state = startLogPaging({ fromMs: BASE }, 1);
    state = takeLogPage(state, [begin]);
    state = takeLogPage(state, [end]);
    expect([...state.logs.values()]).toEqual([end]);
  });

  it('an empty window: one request', () => {
    expect(readAll([], { pageSize: 10 }).requests).toHaveLength(1);
  });

  it('refuses a page size that is not a whole number from 1', () => {
    expect(() => startLogPaging({ fromMs: 0 }, 0)).toThrow(RangeError);
  });

  it('property: every log once, the plan ends, whatever the ties, the page size and a cap (no instant crowded past the cap)', () => {
    const arbitrary = fc.record({
      starts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 120 }),
      pageSize: fc.integer({ min: 1, max: 30 }),
      cap: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arbitrary, ({ starts, pageSize, cap, seed }) => {
        const logs = starts.map((second, i) => logAt(i, second * 1000));
        // Ties come in an order that changes with each request, as a database gives them.
        const ties = (request: number) => (a: JobLog, b: JobLog) => hash(`${seed}:${request}:${a.jobName}`) - hash(`${seed}:${request}:${b.jobName}`);
        const { read, requests, crowded, unreadFrom } = readAll(logs, { pageSize, cap, ties });
        expect(new Set(read.map(logIdentity)).size).toBe(read.length);
        const perInstant = new Map<number, number>();
        for (const s of starts) perInstant.set(s, (perInstant.get(s) ?? 0) + 1);
        // Never a silent loss: a log is missing only at an instant reported crowded.
        expect(missingStarts(logs, read).filter((start) => !crowded.includes(start))).toEqual([]);
        expect(unreadFrom).toBeUndefined();
        if (cap === undefined) {
          // An honest server: crowded means more logs at one instant than the largest answer asked for, nothing else.
          expect(crowded).toEqual([...perInstant].filter(([, n]) => n > pageSize * 16).map(([second]) => BASE + second * 1000).sort((a, b) => a - b));
        }
        expect(requests.length).toBeLessThanOrEqual(3 * logs.length + 4 * perInstant.size * 6 + 3);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

/** The starts (epoch ms) of the logs not read. */
describe('a server that ignores the start asked for, with a cap', () => {
  it('property: the read ends, and logs are missing only where it says (a crowded instant, or from where it could not read on)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 80 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 30 }), (starts, pageSize, cap) => {
        const logs = starts.map((second, i) => logAt(i, second * 1000)).sort((a, b) => Date.parse(a.startDate!) - Date.parse(b.startDate!) || logIdentity(a).localeCompare(logIdentity(b)));
        let state = startLogPaging({ fromMs: BASE - 1 }, pageSize);
        let requests = 0;
        while (state.next) {
          if (++requests > 10_000) throw new Error('the plan does not end');
          state = takeLogPage(state, logs.slice(0, Math.min(state.next.numRows, cap)));
        }
        const read = [...state.logs.values()];
        const unreadFrom = state.unreadFromMs ?? Infinity;
        expect(missingStarts(logs, read).filter((start) => start < unreadFrom && !state.crowdedInstants.includes(start))).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

function missingStarts(logs: readonly JobLog[], read: readonly JobLog[]): number[] {
  const had = new Set(read.map(logIdentity));
  return logs.filter((log) => !had.has(logIdentity(log))).map((log) => Date.parse(log.startDate!));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
