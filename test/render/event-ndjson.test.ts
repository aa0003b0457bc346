import { describe, expect, it } from 'vitest';
import { eventNdjson } from '../../src/render/event-ndjson.js';
import { jobsDocument } from '../../src/render/jobs-json.js';
import { outcomeDocument } from '../../src/render/outcome-text.js';
import { makeJob, makeTask } from '../jobs/job-fixtures.js';

describe('eventNdjson', () => {
  it('ips-jobs watch -o ndjson prints one compact, versioned JSON object per event', () => {
    const job = makeJob({ taskProgressArray: [makeTask({ numProcessed: 3 })] });
    const line = eventNdjson({ ts: '2026-11-28T17:30:00.000Z', event: 'progress', job });
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line.startsWith('{"schemaVersion":1,"ts":"2026-11-28T17:30:00.000Z","event":"progress","jobHandle":"j|1001","job":{')).toBe(true);
    expect(JSON.parse(line)).toEqual({ schemaVersion: 1, ts: '2026-11-28T17:30:00.000Z', event: 'progress', jobHandle: 'j|1001', job: { ...job, jobType: job.type } });
  });

  it('keeps the job exactly as list -o json shows it, raw names included', () => {
    const name = 'evil\x1b[2J\t\n\u202eTXT.exe';
    const job = makeJob({ name });
    const parsed = JSON.parse(eventNdjson({ ts: 't', event: 'started', job }));
    expect(parsed.job).toEqual(JSON.parse(JSON.stringify(jobsDocument(undefined, [job]).jobs[0])));
    expect(parsed.job.name).toBe(name);
  });

  it('leaves absent keys out and keeps the rest in order', () => {
    expect(eventNdjson({ ts: 't', event: 'poll_failed', detail: 'HTTP 503' })).toBe('{"schemaVersion":1,"ts":"t","event":"poll_failed","detail":"HTTP 503"}\n');
    const outcome = outcomeDocument({ outcome: 'vanished', job: makeJob() });
    const line = eventNdjson({ ts: 't', event: 'finished', jobHandle: 'j|9', outcome, detail: 'gone' });
    expect(Object.keys(JSON.parse(line))).toEqual(['schemaVersion', 'ts', 'event', 'jobHandle', 'outcome', 'detail']);
    expect(JSON.parse(line).outcome).toEqual(outcome);
  });
});
