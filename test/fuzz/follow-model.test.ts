// The follow core against random timelines: jobs appear, change state and progress, stall, leave the active list;
// each one's log is there at once, comes later (within --log-grace) or never; polls and log lookups fail at random, and
// a server may answer a log lookup with other jobs' logs too. What the core says must hold in every one:
//
// - every followed job that left the list ends with exactly one terminal event, and a job still listed has none;
// - no terminal event names a job present in that poll's active list;
// - `finished` carries the outcome of the job's own log; a job with a log never vanishes, a job without one does;
// - a failed poll or lookup only delays an answer: the same timeline without failures ends every job the same way;
// - a filter never turns a state change into an end.
//
// `npm test` runs a few hundred timelines; `npm run fuzz` (FUZZ_RUNS) many more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FollowCore, type CoreEvent, type CoreOptions } from '../../src/follow/follow-core.js';
import type { ActiveJob, JobLog } from '../../src/ips/types.js';
import { outcomeFromLog, type LogOutcome } from '../../src/jobs/outcome.js';
import { FUZZ_TIMEOUT_MS } from './arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS) || 300;
const INTERVAL = 5_000;
const GRACE_POLLS = 4;
const LOG_GRACE = GRACE_POLLS * INTERVAL;
const BASE = Date.parse('2026-11-28T17:00:00Z');
const STATES = ['New', 'WaitingCoordinator', 'Running', 'Done'] as const;
const at = (poll: number) => BASE + poll * INTERVAL;
const iso = (ms: number) => new Date(ms).toISOString();

interface ModelJob {
  handle: string;
  name: string;
  originalName: string;
  /** First poll that lists it. */
  appear: number;
  /** Polls it stays listed; undefined = to the end of the timeline. */
  listedFor: number | undefined;
  /** The states it goes through while listed, in order. */
  states: Array<(typeof STATES)[number]>;
  /** Polls after it leaves until its log is readable (0: at once), or never. */
  logDelay: number | 'never';
  fatal: boolean;
  errors: number;
  warnings: number;
  /** Progress and lastProgressUpdate frozen long ago: stalled while Running. */
  silent: boolean;
  /** Started long before --since: a name still picks it while it is listed. */
  old: boolean;
}

type Mode = { kind: 'all'; states: string[] | undefined } | { kind: 'refs'; refs: string[] };

interface Timeline {
  jobs: ModelJob[];
  mode: Mode;
  polls: number;
  pollFails: boolean[];
  lookupFails: boolean[];
  /** The server answers a log lookup with every readable log, not only the job's. */
  noHandleFilter: boolean;
}

const jobArb = (index: number) =>
  fc.record({
    appear: fc.integer({ min: 0, max: 10 }),
    listedFor: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined, freq: 5 }),
    states: fc.subarray([...STATES], { minLength: 1 }),
    logDelay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: GRACE_POLLS - 1 }), fc.constant('never' as const)),
    fatal: fc.boolean(),
    errors: fc.integer({ min: 0, max: 2 }),
    warnings: fc.integer({ min: 0, max: 2 }),
    silent: fc.boolean(),
    old: fc.boolean(),
    originalName: fc.constantFrom('Spring', 'Autumn'),
  }).map((j): ModelJob => ({ ...j, handle: `j|c|${j.originalName}|${index}`, name: `${j.originalName}-${index}` }));

const timelineArb: fc.Arbitrary<Timeline> = fc
  .integer({ min: 1, max: 4 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => jobArb(i))))
  .chain((jobs) => {
    const polls = 24 + GRACE_POLLS + 4;
    const refs = fc.subarray([...jobs.map((j) => j.handle), 'j|c|missing|9', 'Spring', 'Autumn-*'], { minLength: 1 });
    return fc.record({
      jobs: fc.constant(jobs),
      mode: fc.oneof(
        fc.record({ kind: fc.constant('all' as const), states: fc.option(fc.subarray([...STATES], { minLength: 1 }), { nil: undefined }) }),
        fc.record({ kind: fc.constant('refs' as const), refs }),
      ),
      polls: fc.constant(polls),
      pollFails: fc.array(fc.boolean(), { minLength: polls, maxLength: polls }),
      lookupFails: fc.array(fc.boolean(), { minLength: polls * 4, maxLength: polls * 4 }),
      noHandleFilter: fc.boolean(),
    });
  });

/** The last poll that lists the job (inclusive): a job listed to the end never leaves, not even in the tail. */
function lastListed(job: ModelJob): number {
  return job.listedFor === undefined ? Number.POSITIVE_INFINITY : job.appear + job.listedFor - 1;
}

function startMs(job: ModelJob): number {
  return job.old ? BASE - 2 * 3_600_000 : at(job.appear) - 1_000;
}

function activeAt(job: ModelJob, poll: number, polls: number): ActiveJob | undefined {
  if (poll < job.appear || poll > lastListed(job)) return undefined;
  const span = job.listedFor ?? polls;
  const state = job.states[Math.min(job.states.length - 1, Math.floor(((poll - job.appear) * job.states.length) / span))];
  const progress = job.silent ? 50 : Math.round((100 * (poll - job.appear)) / span);
  return {
    jobHandle: job.handle,
    name: job.name,
    originalName: job.originalName,
    state,
    progress,
    startDate: iso(startMs(job)),
    lastProgressUpdate: iso(job.silent ? BASE - 3_600_000 : at(poll)),
    taskProgressArray: [],
  };
}

function logOf(job: ModelJob): JobLog {
  return {
    jobHandle: job.handle,
    jobName: job.name,
    originalJobName: job.originalName,
    logType: job.fatal ? 'ImageServingPublishFailure' : job.errors + job.warnings > 0 ? 'ImageServingPublishWarning' : 'ImageServingPublishSuccess',
    fatalError: job.fatal,
    startDate: iso(startMs(job)),
    endDate: iso(at(lastListed(job) + 1) - 1),
    totalFileCount: 10,
    fileSuccessCount: 10 - job.errors,
    fileErrorCount: job.errors,
    fileWarningCount: job.warnings,
    detailArray: [],
  };
}

/**
 * The poll from which the job's log is readable, or undefined (never, or it never leaves). As IPS does, a log due at
 * once is readable as soon as the job is listed as Done, before it leaves the list.
 */
function logFrom(job: ModelJob, polls: number): number | undefined {
  if (job.listedFor === undefined || job.logDelay === 'never') return undefined;
  if (job.logDelay === 0) {
    for (let poll = job.appear; poll <= lastListed(job); poll++) if (activeAt(job, poll, polls)?.state === 'Done') return poll;
  }
  return lastListed(job) + 1 + job.logDelay;
}

interface Run {
  /** Events with the poll they came at and that poll's listed handles. */
  events: Array<{ event: CoreEvent; poll: number; listed: Set<string> }>;
  picked: Set<string>;
}

/** Drives a core through the timeline: failed polls and lookups give it nothing; then a tail of good polls. */
function drive(timeline: Timeline, withFailures: boolean): Run {
  const { jobs, mode, polls } = timeline;
  const options: CoreOptions = {
    refs: mode.kind === 'refs' ? mode.refs : [],
    admit: mode.kind === 'all' && mode.states ? (job) => mode.states!.includes(job.state ?? '') : undefined,
    since: { agoMs: 10 * 60_000 },
    stallWindowMs: 30 * 60_000,
    logGraceMs: LOG_GRACE,
    appearTimeoutMs: 60 * 60_000,
    failOn: 'error',
  };
  const core = new FollowCore(options);
  const run: Run = { events: [], picked: new Set() };
  const total = polls + GRACE_POLLS + 3;
  const readable = (poll: number) => jobs.filter((job) => (logFrom(job, polls) ?? Infinity) <= poll).map((job) => logOf(job));
  for (let poll = 0; poll < total; poll++) {
    const failing = withFailures && poll < polls;
    if (failing && timeline.pollFails[poll]) continue;
    const now = at(poll);
    const active = jobs.flatMap((job) => activeAt(job, poll, polls) ?? []);
    const listed = new Set(active.map((job) => job.jobHandle!));
    const refLogs = new Map<string, JobLog[]>();
    for (const lookup of core.refLookups(active, now)) {
      refLogs.set(lookup.ref, readable(poll).filter((log) => !lookup.byHandle || timeline.noHandleFilter || log.jobHandle === lookup.ref));
    }
    const events = core.observePoll(now, active, refLogs);
    core.awaitingLogs().forEach((followed, i) => {
      if (failing && timeline.lookupFails[(poll * 4 + i) % timeline.lookupFails.length]) return;
      const answer = readable(poll).filter((log) => timeline.noHandleFilter || log.jobHandle === followed.key);
      events.push(...core.observeLogs(followed.key, answer.reverse(), now));
    });
    events.push(...core.settle(now));
    for (const event of events) run.events.push({ event, poll, listed });
    for (const key of core.jobs.keys()) run.picked.add(key);
  }
  return run;
}

/** The model's own reading of a reference: its handle, its original name, or the one glob the timelines use. */
function modelPicks(ref: string, job: ModelJob): boolean {
  return ref === job.handle || ref === job.originalName || (ref === 'Autumn-*' && job.name.startsWith('Autumn-'));
}

const TERMINAL = new Set(['finished', 'vanished']);

function terminalsOf(run: Run, key: string) {
  return run.events.filter(({ event }) => TERMINAL.has(event.type) && event.jobHandle === key);
}

function endOf(run: Run, key: string): { type: string; outcome?: LogOutcome } | undefined {
  const end = terminalsOf(run, key)[0]?.event;
  return end && { type: end.type, outcome: end.result?.outcome };
}

describe('the follow core on random timelines', () => {
  it('every followed job ends exactly once, from its own log, never while listed; failures only delay', () => {
    fc.assert(
      fc.property(timelineArb, (timeline) => {
        const { jobs } = timeline;
        const failing = drive(timeline, true);
        const clean = drive(timeline, false);
        for (const run of [failing, clean]) {
          for (const { event, listed } of run.events) {
            if (TERMINAL.has(event.type)) expect(listed.has(event.jobHandle!), `${event.type} while listed`).toBe(false);
          }
          for (const key of run.picked) {
            const job = jobs.find((j) => j.handle === key)!;
            const terminals = terminalsOf(run, key);
            const leaves = job.listedFor !== undefined;
            expect(terminals.length, `terminal events of ${key}`).toBe(leaves ? 1 : 0);
            if (!leaves) continue;
            const end = terminals[0]!.event;
            if (job.logDelay === 'never') {
              expect(end.type).toBe('vanished');
            } else {
              expect(end.type).toBe('finished');
              expect(end.result).toEqual(outcomeFromLog(logOf(job), 'error'));
            }
          }
        }
        for (const key of failing.picked) if (clean.picked.has(key)) expect(endOf(failing, key)).toEqual(endOf(clean, key));
      }),
      { numRuns: RUNS },
    );
  }, FUZZ_TIMEOUT_MS * 3);

  it('every listed job is followed: all of them without a filter, and every one a reference names, whatever its age', () => {
    fc.assert(
      fc.property(timelineArb, (timeline) => {
        const all = drive({ ...timeline, mode: { kind: 'all', states: undefined } }, false);
        for (const job of timeline.jobs) expect(all.picked.has(job.handle)).toBe(true);
        if (timeline.mode.kind !== 'refs') return;
        const { refs } = timeline.mode;
        const named = drive(timeline, false);
        for (const job of timeline.jobs) {
          if (refs.some((ref) => modelPicks(ref, job))) expect(named.picked.has(job.handle), job.handle).toBe(true);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
