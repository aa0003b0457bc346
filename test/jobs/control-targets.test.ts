import { describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../src/ips/types.js';
import {
  activeCandidates,
  namesAmong,
  refsFromLines,
  resolveControlTargets,
  scheduledCandidates,
  type ControlCandidate,
} from '../../src/jobs/control-targets.js';
import { makeJob } from './job-fixtures.js';

const spring1 = makeJob({ jobHandle: 'j|1001||Spring-Publish-09:00|111', name: 'Spring-Publish-09:00', originalName: 'Spring-Publish', state: 'Running' });
const spring2 = makeJob({ jobHandle: 'j|1001||Spring-Publish-09:05|222', name: 'Spring-Publish-09:05', originalName: 'Spring-Publish', state: 'WaitingCoordinator' });
const upload = makeJob({ jobHandle: 'j|1001||Kestrel Upload-09:10|333', name: 'Kestrel Upload-09:10', originalName: 'Kestrel Upload', state: 'New' });
const ACTIVE = activeCandidates([spring1, spring2, upload]);

const nightly: ScheduledJob = { jobHandle: 'j|1001|Nightly-Full-Publish|', name: 'Nightly-Full-Publish', originalName: 'Nightly-Full-Publish', triggerState: 'Normal' };

describe('what a control command acts on', () => {
  it('takes the state of active jobs and the trigger state of scheduled ones', () => {
    expect(ACTIVE[0]).toEqual({ jobHandle: spring1.jobHandle, name: spring1.name, originalName: 'Spring-Publish', kind: 'active', status: 'Running' });
    expect(scheduledCandidates([nightly])).toEqual([
      { jobHandle: 'j|1001|Nightly-Full-Publish|', name: 'Nightly-Full-Publish', originalName: 'Nightly-Full-Publish', kind: 'scheduled', status: 'Normal' },
    ]);
    expect(activeCandidates([makeJob({ jobHandle: undefined })])).toEqual([]);
  });

  it('leaves out a job already Done (still listed for a moment): there is nothing left to stop', () => {
    expect(activeCandidates([makeJob({ jobHandle: 'j|done', state: 'Done' }), spring1]).map((c) => c.jobHandle)).toEqual([spring1.jobHandle]);
  });

  it('matches a unique name or an original name exactly', () => {
    expect(resolveControlTargets(['Spring-Publish-09:05'], ACTIVE, { all: false }).targets).toEqual([
      { jobHandle: spring2.jobHandle, ref: 'Spring-Publish-09:05', job: ACTIVE[1] },
    ]);
    expect(resolveControlTargets(['Kestrel Upload'], ACTIVE, { all: false }).targets.map((t) => t.jobHandle)).toEqual([upload.jobHandle]);
    expect(resolveControlTargets(['spring-publish-09:05'], ACTIVE, { all: false }).notFound).toEqual(['spring-publish-09:05']);
  });

  it('refuses a name that matches several jobs, listing their handles, unless --all', () => {
    const refused = resolveControlTargets(['Spring-Publish'], ACTIVE, { all: false });
    expect(refused.targets).toEqual([]);
    expect(refused.ambiguous).toEqual([{ ref: 'Spring-Publish', handles: [spring1.jobHandle, spring2.jobHandle] }]);
    const all = resolveControlTargets(['Spring-Publish'], ACTIVE, { all: true });
    expect(all.ambiguous).toEqual([]);
    expect(all.targets.map((t) => t.jobHandle)).toEqual([spring1.jobHandle, spring2.jobHandle]);
  });

  it('takes globs, case-insensitively, under the same rule', () => {
    expect(resolveControlTargets(['kestrel*'], ACTIVE, { all: false }).targets.map((t) => t.jobHandle)).toEqual([upload.jobHandle]);
    expect(resolveControlTargets(['*-09:0?'], ACTIVE, { all: false }).ambiguous[0]?.handles).toHaveLength(2);
    expect(resolveControlTargets(['Autumn-*'], ACTIVE, { all: true }).notFound).toEqual(['Autumn-*']);
  });

  it('uses a handle as given, with the listed job when the list holds it', () => {
    const { targets, notFound } = resolveControlTargets([upload.jobHandle!, 'j|1001||Gone|999'], ACTIVE, { all: false });
    expect(targets).toEqual([
      { jobHandle: upload.jobHandle, ref: upload.jobHandle, job: ACTIVE[2] },
      { jobHandle: 'j|1001||Gone|999', ref: 'j|1001||Gone|999' },
    ]);
    expect(notFound).toEqual([]);
    expect(resolveControlTargets(['j|1001||Gone|999'], [], { all: false }).targets).toEqual([{ jobHandle: 'j|1001||Gone|999', ref: 'j|1001||Gone|999' }]);
  });

  it('acts on a job once however often it is named, in the order first named', () => {
    const { targets } = resolveControlTargets([spring2.jobHandle!, 'Spring-Publish', spring2.jobHandle!], ACTIVE, { all: true });
    expect(targets.map((t) => [t.jobHandle, t.ref])).toEqual([
      [spring2.jobHandle, spring2.jobHandle],
      [spring1.jobHandle, 'Spring-Publish'],
    ]);
  });

  it('reports what was found, what was not and what was ambiguous together', () => {
    const both: ControlCandidate[] = [...ACTIVE, ...scheduledCandidates([nightly])];
    const result = resolveControlTargets(['Nightly-Full-Publish', 'Nope', 'Spring-Publish'], both, { all: false });
    expect(result.targets.map((t) => t.job?.kind)).toEqual(['scheduled']);
    expect(result.notFound).toEqual(['Nope']);
    expect(result.ambiguous.map((a) => a.ref)).toEqual(['Spring-Publish']);
  });

  it('needs the list only when a name is among the refs', () => {
    expect(namesAmong(['j|1||A|1', 'j|1||B|2'])).toBe(false);
    expect(namesAmong(['j|1||A|1', 'Spring-*'])).toBe(true);
  });

  it('reads stdin as one ref a line, keeping spaces inside handles and skipping blank lines', () => {
    expect(refsFromLines('j|1001||Kestrel Upload-09:10|333\r\n\n   \n  j|1001||A|1  \nName\n')).toEqual([
      'j|1001||Kestrel Upload-09:10|333',
      'j|1001||A|1',
      'Name',
    ]);
    expect(refsFromLines('')).toEqual([]);
  });
});
