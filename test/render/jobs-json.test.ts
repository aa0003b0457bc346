import { describe, expect, it } from 'vitest';
import { jobsDocument, renderJson, renderNdjsonLines } from '../../src/render/jobs-json.js';
import { makeJob, makeTask } from '../jobs/job-fixtures.js';

describe('jobsDocument / renderJson', () => {
  it('-o json wraps the jobs, verbatim, in a versioned document', () => {
    const job = makeJob({ taskProgressArray: [makeTask({ numProcessed: 3 })], imageServingPublishJob: { publishType: 'Full' } });
    const text = renderJson(jobsDocument({ companyHandle: 'c|42', name: 'Acme' }, [job]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,');
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, company: { companyHandle: 'c|42', name: 'Acme' }, jobs: [{ ...job, jobType: job.type }] });
  });

  it('adds jobType, the one name of the type, and keeps IPS\'s type as it is', () => {
    const [record] = jobsDocument(undefined, [makeJob({ type: 'UrlUpload' })]).jobs;
    expect(record).toMatchObject({ type: 'UrlUpload', jobType: 'UploadUrls' });
    expect('jobType' in JSON.parse(renderJson(jobsDocument(undefined, [makeJob({ type: undefined })]))).jobs[0]).toBe(false);
  });

  it('keeps dates exactly as the server sent them', () => {
    const text = renderJson(jobsDocument(undefined, [makeJob({ startDate: '2026-11-28T09:14:00.123-08:00' })]));
    expect(text).toContain('"startDate": "2026-11-28T09:14:00.123-08:00"');
  });

  it('writes company: null when the company is unknown', () => {
    expect(JSON.parse(renderJson(jobsDocument(undefined, [])))).toEqual({ schemaVersion: 1, company: null, jobs: [] });
  });

  it('keeps control and bidi characters in names raw (json is for programs, not terminals)', () => {
    const name = 'evil\x1b[2J\u009b31m\u202eTXT.exe';
    const parsed = JSON.parse(renderJson(jobsDocument(undefined, [makeJob({ name })])));
    expect(parsed.jobs[0].name).toBe(name);
  });
});

describe('renderNdjsonLines', () => {
  it('-o ndjson prints one compact JSON object per job, each on its own line', () => {
    const jobs = [makeJob({ jobHandle: 'j|1', name: 'line\nbreak' }), makeJob({ jobHandle: 'j|2' })];
    const out = [...renderNdjsonLines(jobs)];
    expect(out).toHaveLength(2);
    for (const line of out) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
    }
    expect(out.map((line) => JSON.parse(line))).toEqual(jobs.map((job) => ({ ...job, jobType: job.type })));
  });
});
