// Scenario jobs for following commands (watch / wait), over real SOAP/HTTP with a frozen clock: vanish, delayed log,
// late end of a log, appears late, finished before start, fatal vs non-fatal failure, stall then resume.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DONE_LINGER_MS,
  formatIso,
  jobTimes,
  startEmulator,
  type AddJobOptions,
  type EmulatedJob,
  type Emulator,
} from '../../src/emulator/index.js';
import { all, faultOf, items, soapCall, text, type XmlNode } from './soap-helpers.js';

const started: Emulator[] = [];
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ speed: 0, jobs: 0, ...options });
  started.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((emu) => emu.close()));
});

const COMPANY = 'c|1001';

/** A quick job: 10 files in 10 s, running at once (file i done at runAt + (i + 1) s). */
function add(emu: Emulator, options: Partial<AddJobOptions>): EmulatedJob {
  return emu.ips.addJob({ originalName: 'Scenario-Publish', type: 'ImageServingPublish', files: 10, durationMs: 10_000, waitMs: 0, ...options });
}

async function listed(emu: Emulator, rec: EmulatedJob, includeWaitingJobs = true): Promise<XmlNode | undefined> {
  const byHandle = items(await soapCall(emu.url, 'getActiveJobs', { jobHandle: rec.jobHandle, includeWaitingJobs }), 'jobArray');
  const whole = items(await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs }), 'jobArray');
  expect(whole.some((job) => text(job, 'jobHandle') === rec.jobHandle)).toBe(byHandle.length === 1);
  return byHandle[0];
}

/** getJobLogDetails for the job's handle: the jobLogArray items. */
async function logDetails(emu: Emulator, rec: EmulatedJob): Promise<XmlNode[]> {
  const answer = await soapCall(emu.url, 'getJobLogDetails', { companyHandle: rec.companyHandle, jobHandle: rec.jobHandle });
  expect(answer.status).toBe(200);
  return items(answer, 'jobLogArray');
}

async function inJobLogs(emu: Emulator, rec: EmulatedJob): Promise<XmlNode | undefined> {
  const logs = items(await soapCall(emu.url, 'getJobLogs', { companyHandle: rec.companyHandle }), 'jobLogArray');
  return logs.find((log) => text(log, 'jobHandle') === rec.jobHandle);
}

function rowTypes(log: XmlNode | undefined): string[] {
  return all(log?.children.find((c) => c.name === 'detailArray'), 'items').map((row) => text(row, 'logType') ?? '');
}

function advanceTo(emu: Emulator, ms: number): void {
  emu.clock.advance(ms - emu.clock.now().getTime());
}

describe('addJob record', () => {
  it('exposes jobHandle, the unique name and originalName', async () => {
    const emu = await emulator();
    const a = add(emu, { originalName: 'Spring-Upload' });
    const b = add(emu, { originalName: 'Spring-Upload' });
    expect(a.name).toBe('Spring-Upload-2026-11-28-09:00:00');
    expect(b.name).toBe('Spring-Upload-2026-11-28-09:00:00_2');
    expect(a.originalName).toBe('Spring-Upload');
    expect(a.companyHandle).toBe(COMPANY);
    expect(a.jobHandle).toMatch(/^j\|1001\|\|Spring-Upload-2026-11-28-09:00:00\|\d{5}$/);
    expect([a.jobHandle, a.name, a.originalName]).toEqual([a.job.jobHandle, a.job.name, a.job.originalName]);
    expect(text(await listed(emu, b), 'name')).toBe(b.name);
  });

  it('takes the exact handle it is given (one a doc shows), once', async () => {
    const emu = await emulator();
    const rec = add(emu, { jobHandle: 'j|1001||Spring-Catalog-Publish|54091' });
    expect(rec.jobHandle).toBe('j|1001||Spring-Catalog-Publish|54091');
    expect(text(await listed(emu, rec), 'jobHandle')).toBe('j|1001||Spring-Catalog-Publish|54091');
    expect(() => add(emu, { jobHandle: 'j|1001||Spring-Catalog-Publish|54091' })).toThrow(/handle j\|1001\|\|Spring-Catalog-Publish\|54091 is taken/);
    advanceTo(emu, jobTimes(rec.plan).leftAt + 1);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(() => add(emu, { jobHandle: rec.jobHandle })).toThrow(/is taken/);
  });

  it('rejects options that do not fit the outcome', async () => {
    const emu = await emulator();
    expect(() => add(emu, { outcome: 'success', fatal: false })).toThrow(/fatal only applies/);
    expect(() => add(emu, { outcome: 'success', resumeAt: 1000 })).toThrow(/resumeAt only applies/);
    expect(() => add(emu, { outcome: 'stall', stallAt: 0.5, resumeAt: 4000 })).toThrow(/before the stall/);
    expect(() => add(emu, { outcome: 'failure', failAt: 0.3, errorFiles: 4 })).toThrow(/errorFiles 4 is more than the 3 files/);
    expect(() => add(emu, { errorFiles: -1 })).toThrow(/errorFiles/);
    expect(() => add(emu, { logDelayMs: -5 })).toThrow(/logDelayMs/);
    expect(emu.ips.jobs).toHaveLength(0);
  });
});

describe('vanish', () => {
  it('runs, leaves the active list without ever being Done, and never has a log', async () => {
    const emu = await emulator();
    const rec = add(emu, { outcome: 'vanish' });
    const times = jobTimes(rec.plan);
    expect(times.endAt).toBe(times.runAt + 10_000);
    expect(times.leftAt).toBe(times.endAt);
    expect(times.logAt).toBe(Infinity);

    expect(text(await listed(emu, rec), 'state')).toBe('Running');
    expect(await logDetails(emu, rec)).toEqual([]); // not even the log so far
    advanceTo(emu, times.endAt - 1);
    const last = await listed(emu, rec, false);
    expect(text(last, 'state')).toBe('Running');
    expect(Number(text(last, 'progress'))).toBe(90);
    emu.clock.advance(1);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(emu.ips.findJob(rec.jobHandle)).toBeUndefined();
    expect(await logDetails(emu, rec)).toEqual([]);
    expect(await inJobLogs(emu, rec)).toBeUndefined();
    emu.clock.advance(7 * 24 * 3600_000);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(await logDetails(emu, rec)).toEqual([]);
    expect(await inJobLogs(emu, rec)).toBeUndefined();
    const byName = await soapCall(emu.url, 'getJobLogDetails', { companyHandle: COMPANY, originalName: rec.originalName });
    expect(items(byName, 'jobLogArray')).toEqual([]);
  });
});

describe('logDelayMs', () => {
  it('no log until logDelayMs after the job left the active list, then the final log', async () => {
    const emu = await emulator();
    const rec = add(emu, { logDelayMs: 30_000 });
    const times = jobTimes(rec.plan);
    expect(times.leftAt).toBe(times.endAt + DONE_LINGER_MS);
    expect(times.logAt).toBe(times.leftAt + 30_000);

    expect(await logDetails(emu, rec)).toEqual([]); // running: no log so far either
    advanceTo(emu, times.endAt);
    expect(text(await listed(emu, rec), 'state')).toBe('Done');
    expect(await logDetails(emu, rec)).toEqual([]);
    advanceTo(emu, times.leftAt);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(await logDetails(emu, rec)).toEqual([]);
    expect(await inJobLogs(emu, rec)).toBeUndefined();
    advanceTo(emu, times.logAt - 1);
    expect(await logDetails(emu, rec)).toEqual([]);
    emu.clock.advance(1);
    const [log, ...more] = await logDetails(emu, rec);
    expect(more).toEqual([]);
    expect(text(log, 'logType')).toBe('ImageServingPublishSuccess');
    expect(Date.parse(text(log, 'endDate') ?? '')).toBe(times.endAt);
    expect(text(log, 'fileSuccessCount')).toBe('10');
    expect(rowTypes(log).at(-1)).toBe('EndImageServingPublish');
    expect(text(await inJobLogs(emu, rec), 'jobName')).toBe(rec.name);
  });

  it('logDelayMs 0: the log appears the moment the job leaves the list (not while it lingers as Done)', async () => {
    const emu = await emulator();
    const rec = add(emu, { logDelayMs: 0 });
    const times = jobTimes(rec.plan);
    advanceTo(emu, times.leftAt - 1);
    expect(text(await listed(emu, rec), 'state')).toBe('Done');
    expect(await logDetails(emu, rec)).toEqual([]);
    emu.clock.advance(1);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(await logDetails(emu, rec)).toHaveLength(1);
  });

  it('without logDelayMs the log is readable while the job runs and final once it is Done', async () => {
    const emu = await emulator();
    const rec = add(emu, {});
    expect(text((await logDetails(emu, rec))[0], 'logType')).toBe('BeginImageServingPublish');
    advanceTo(emu, jobTimes(rec.plan).endAt);
    expect(text(await listed(emu, rec), 'state')).toBe('Done');
    expect(text(await inJobLogs(emu, rec), 'logType')).toBe('ImageServingPublishSuccess');
  });
});

describe('logEndDelayMs', () => {
  it('the job leaves the list while its log has no end; getJobLogs lists it so; the end is written logEndDelayMs later', async () => {
    const emu = await emulator();
    const rec = add(emu, { logEndDelayMs: 30_000 });
    const times = jobTimes(rec.plan);
    expect(times.logAt).toBe(times.leftAt + 30_000);

    expect(text((await logDetails(emu, rec))[0], 'logType')).toBe('BeginImageServingPublish');
    advanceTo(emu, times.endAt);
    expect(text(await listed(emu, rec), 'state')).toBe('Done');
    expect(text((await logDetails(emu, rec))[0], 'endDate')).toBeUndefined();
    advanceTo(emu, times.leftAt);
    expect(await listed(emu, rec)).toBeUndefined();
    for (const log of [(await logDetails(emu, rec))[0], await inJobLogs(emu, rec)]) {
      expect(text(log, 'jobName')).toBe(rec.name);
      expect(text(log, 'logType')).toBe('BeginImageServingPublish');
      expect(text(log, 'endDate')).toBeUndefined();
      expect(text(log, 'fileSuccessCount')).toBe('10');
    }
    expect(rowTypes((await logDetails(emu, rec))[0])).not.toContain('EndImageServingPublish');
    expect(emu.ips.jobLogs.some((log) => log.jobHandle === rec.jobHandle)).toBe(false);

    advanceTo(emu, times.logAt);
    const [log, ...more] = await logDetails(emu, rec);
    expect(more).toEqual([]);
    expect(text(log, 'logType')).toBe('ImageServingPublishSuccess');
    expect(Date.parse(text(log, 'endDate') ?? '')).toBe(times.endAt);
    expect(rowTypes(log).at(-1)).toBe('EndImageServingPublish');
    const listedLogs = items(await soapCall(emu.url, 'getJobLogs', { companyHandle: rec.companyHandle }), 'jobLogArray');
    expect(listedLogs.filter((l) => text(l, 'jobHandle') === rec.jobHandle).map((l) => text(l, 'logType'))).toEqual(['ImageServingPublishSuccess']);
  });

  it('is refused below 0, and beside logDelayMs', async () => {
    const emu = await emulator();
    expect(() => add(emu, { logEndDelayMs: -1 })).toThrow(/logEndDelayMs must be ≥ 0/);
    expect(() => add(emu, { logEndDelayMs: 0, logDelayMs: 0 })).toThrow(/do not go together/);
  });
});

describe('appears late', () => {
  it('a job triggered in the future does not exist until the clock reaches triggerAt', async () => {
    const emu = await emulator();
    const now = emu.clock.now().getTime();
    const rec = add(emu, { originalName: 'Late-Publish', triggerAt: formatIso(now + 60_000, emu.clock.offsetMinutes), waitMs: 5_000 });
    expect(rec.name).toBe('Late-Publish-2026-11-28-09:01:00');
    const times = jobTimes(rec.plan);
    expect(times.triggerAt).toBe(now + 60_000);

    expect(await listed(emu, rec)).toBeUndefined();
    expect(await logDetails(emu, rec)).toEqual([]);
    expect(emu.ips.findJob(rec.jobHandle)).toBeUndefined();
    expect(emu.ips.jobs).toHaveLength(0);
    expect(faultOf(await soapCall(emu.url, 'stopJob', { companyHandle: COMPANY, jobHandle: rec.jobHandle }))).toMatchObject({ code: 30001 });
    advanceTo(emu, times.triggerAt - 1);
    expect(await listed(emu, rec)).toBeUndefined();

    emu.clock.advance(1);
    const appeared = await listed(emu, rec);
    expect(text(appeared, 'state')).toBe('New');
    expect(text(appeared, 'triggerTime')).toBe('2026-11-28T09:01:00.000-08:00');
    expect(await listed(emu, rec, false)).toBeUndefined(); // waiting: only with includeWaitingJobs
    expect(await logDetails(emu, rec)).toHaveLength(1);
    advanceTo(emu, times.runAt);
    expect(text(await listed(emu, rec, false), 'state')).toBe('Running');
  });
});

describe('finished before the command started', () => {
  it('a job whose whole life lies in the past is not active and has its log', async () => {
    const emu = await emulator();
    const now = emu.clock.now().getTime();
    const rec = add(emu, { originalName: 'Early-Publish', triggerAt: formatIso(now - 2 * 3600_000, emu.clock.offsetMinutes), outcome: 'warnings', warningFiles: 2 });
    const times = jobTimes(rec.plan);
    expect(times.leftAt).toBeLessThan(now);
    expect(await listed(emu, rec)).toBeUndefined();
    expect(emu.ips.findJob(rec.jobHandle)).toBeUndefined();
    const summary = await inJobLogs(emu, rec);
    expect(text(summary, 'logType')).toBe('ImageServingPublishWarning');
    expect(text(summary, 'endDate')).toBe('2026-11-28T07:00:10.000-08:00');
    const [log] = await logDetails(emu, rec);
    expect(text(log, 'fileWarningCount')).toBe('2');
    expect(rowTypes(log).filter((t) => t === 'ImageServingPublishWarning')).toHaveLength(2);
    expect(rowTypes(log).at(-1)).toBe('EndImageServingPublish');
  });

  it('also with a log delay already over, and never for a vanished one', async () => {
    const emu = await emulator();
    const past = formatIso(emu.clock.now().getTime() - 3600_000, emu.clock.offsetMinutes);
    const delayed = add(emu, { originalName: 'Delayed', triggerAt: past, logDelayMs: 60_000 });
    const vanished = add(emu, { originalName: 'Vanished', triggerAt: past, outcome: 'vanish' });
    expect(await logDetails(emu, delayed)).toHaveLength(1);
    expect(await logDetails(emu, vanished)).toEqual([]);
    expect(await listed(emu, vanished)).toBeUndefined();
  });
});

describe('fatal vs non-fatal failure', () => {
  it('fatal: dies at failAt with fatalError true; non-fatal: runs to the end with file errors, fatalError false', async () => {
    const emu = await emulator();
    const fatal = add(emu, { originalName: 'Fatal-Publish', outcome: 'failure', failAt: 0.5, errorFiles: 2 });
    const nonFatal = add(emu, { originalName: 'NonFatal-Publish', outcome: 'failure', fatal: false, errorFiles: 3, warningFiles: 1 });
    expect(jobTimes(fatal.plan).endAt).toBe(jobTimes(fatal.plan).runAt + 5_000);
    expect(jobTimes(nonFatal.plan).endAt).toBe(jobTimes(nonFatal.plan).runAt + 10_000);

    advanceTo(emu, jobTimes(fatal.plan).endAt);
    const dead = await listed(emu, fatal);
    expect(text(dead, 'state')).toBe('Done');
    expect(text(dead, 'progress')).toBe('50');
    expect(text(dead, 'progressMessage')).toMatch(/^Job failed: /);
    expect(text(await listed(emu, nonFatal), 'state')).toBe('Running');

    advanceTo(emu, jobTimes(nonFatal.plan).leftAt);
    const fatalLog = await inJobLogs(emu, fatal);
    expect(text(fatalLog, 'fatalError')).toBe('true');
    expect(text(fatalLog, 'logType')).toBe('ImageServingPublishFailure');
    expect([text(fatalLog, 'fileSuccessCount'), text(fatalLog, 'fileErrorCount'), text(fatalLog, 'fileWarningCount'), text(fatalLog, 'totalFileCount')]).toEqual(['3', '2', '0', '10']);
    expect(rowTypes((await logDetails(emu, fatal))[0])).toContain('FatalError');

    const nonFatalLog = await inJobLogs(emu, nonFatal);
    expect(text(nonFatalLog, 'fatalError')).toBe('false');
    expect(text(nonFatalLog, 'logType')).toBe('ImageServingPublishWarning');
    expect([text(nonFatalLog, 'fileSuccessCount'), text(nonFatalLog, 'fileErrorCount'), text(nonFatalLog, 'fileWarningCount'), text(nonFatalLog, 'totalFileCount')]).toEqual(['6', '3', '1', '10']);
    const rows = rowTypes((await logDetails(emu, nonFatal))[0]);
    expect(rows).not.toContain('FatalError');
    expect(rows.filter((t) => t === 'ImageServingPublishError')).toHaveLength(3);
  });

  it('a non-fatal failure without errorFiles still has at least one file error', async () => {
    const emu = await emulator();
    const rec = add(emu, { outcome: 'failure', fatal: false, files: 5, durationMs: 5_000 });
    advanceTo(emu, jobTimes(rec.plan).endAt);
    const log = await inJobLogs(emu, rec);
    expect(text(log, 'fatalError')).toBe('false');
    expect(Number(text(log, 'fileErrorCount'))).toBeGreaterThanOrEqual(1);
    expect(text(await listed(emu, rec), 'progressMessage')).toBe('Job completed: 5 of 5 files processed');
  });
});

describe('stall then resume', () => {
  it('progress and lastProgressUpdate freeze at stallAt while Running, then continue from resumeAt', async () => {
    const emu = await emulator();
    const rec = add(emu, { outcome: 'stall', stallAt: 0.5, resumeAt: 60_000 });
    const times = jobTimes(rec.plan);
    const iso = (ms: number): string => formatIso(ms, emu.clock.offsetMinutes);
    expect(times.stallAt).toBe(times.runAt + 5_000);
    expect(times.resumeAt).toBe(times.runAt + 60_000);
    expect(times.endAt).toBe(times.runAt + 65_000);

    advanceTo(emu, times.runAt + 5_000);
    const stalled = await listed(emu, rec);
    expect([text(stalled, 'state'), text(stalled, 'progress'), text(stalled, 'lastProgressUpdate')]).toEqual(['Running', '50', iso(times.runAt + 5_000)]);
    for (const at of [times.runAt + 30_000, times.runAt + 59_999]) {
      advanceTo(emu, at);
      const still = await listed(emu, rec);
      expect([text(still, 'state'), text(still, 'progress'), text(still, 'lastProgressUpdate')]).toEqual(['Running', '50', iso(times.runAt + 5_000)]);
    }
    advanceTo(emu, times.runAt + 61_000);
    const resumed = await listed(emu, rec);
    expect([text(resumed, 'state'), text(resumed, 'progress'), text(resumed, 'lastProgressUpdate')]).toEqual(['Running', '60', iso(times.runAt + 61_000)]);
    advanceTo(emu, times.endAt);
    expect(text(await listed(emu, rec), 'state')).toBe('Done');
    emu.clock.advance(DONE_LINGER_MS);
    expect(await listed(emu, rec)).toBeUndefined();
    const log = await inJobLogs(emu, rec);
    expect([text(log, 'logType'), text(log, 'fileSuccessCount'), text(log, 'endDate')]).toEqual(['ImageServingPublishSuccess', '10', iso(times.endAt)]);
  });

  it('without resumeAt the stall lasts forever', async () => {
    const emu = await emulator();
    const rec = add(emu, { outcome: 'stall', stallAt: 0.3 });
    const times = jobTimes(rec.plan);
    expect([times.stallAt, times.resumeAt, times.endAt, times.logAt]).toEqual([times.runAt + 3_000, undefined, Infinity, Infinity]);
    emu.clock.advance(30 * 24 * 3600_000);
    const job = await listed(emu, rec);
    expect([text(job, 'state'), text(job, 'progress'), text(job, 'lastProgressUpdate')]).toEqual(['Running', '30', formatIso(times.runAt + 3_000, emu.clock.offsetMinutes)]);
  });
});

describe('determinism', () => {
  it('scenario jobs do not depend on how the clock is stepped', async () => {
    const [oneJump, manySteps] = await Promise.all([emulator({ jobs: 4 }), emulator({ jobs: 4 })]);
    for (const emu of [oneJump, manySteps]) {
      const soon = formatIso(emu.clock.now().getTime() + 20_000, emu.clock.offsetMinutes);
      add(emu, { originalName: 'V', outcome: 'vanish' });
      add(emu, { originalName: 'D', logDelayMs: 15_000 });
      add(emu, { originalName: 'L', triggerAt: soon });
      add(emu, { originalName: 'S', outcome: 'stall', stallAt: 0.4, resumeAt: 30_000 });
      add(emu, { originalName: 'F', outcome: 'failure', fatal: false, errorFiles: 2 });
    }
    oneJump.clock.advance(90_000);
    for (let i = 0; i < 90; i++) manySteps.clock.advance(1_000);
    const read = async (emu: Emulator): Promise<string> =>
      (await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true })).text +
      (await soapCall(emu.url, 'getJobLogs')).text +
      (await soapCall(emu.url, 'getJobLogDetails', { companyHandle: COMPANY })).text;
    expect(await read(manySteps)).toBe(await read(oneJump));
  });
});
