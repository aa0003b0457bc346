// Jobs move with the virtual clock: progress, Done → log, failure, warnings, stall, waiting states, schedules, Date header.
import { afterEach, describe, expect, it } from 'vitest';
import { DONE_LINGER_MS, jobEndAt, startEmulator, type EmulatedJob, type Emulator, type JobOutcome } from '../../src/emulator/index.js';
import { until } from '../helpers/cli.js';
import { all, items, soapCall, text, type XmlNode } from './soap-helpers.js';

const started: Emulator[] = [];
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ speed: 0, ...options });
  started.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((emu) => emu.close()));
});

function scenario(emu: Emulator, outcome: JobOutcome): EmulatedJob {
  const rec = emu.ips.jobs.find((r) => r.plan.outcome === outcome && r.job.companyHandle !== 'c|1003');
  if (!rec) throw new Error(`no ${outcome} job`);
  return rec;
}

async function activeJob(emu: Emulator, jobHandle: string | undefined): Promise<XmlNode | undefined> {
  return items(await soapCall(emu.url, 'getActiveJobs', { jobHandle, includeWaitingJobs: true }), 'jobArray')[0];
}

async function finishedLog(emu: Emulator, rec: EmulatedJob): Promise<XmlNode | undefined> {
  const logs = items(await soapCall(emu.url, 'getJobLogs', { companyHandle: rec.job.companyHandle }), 'jobLogArray');
  return logs.find((log) => text(log, 'jobHandle') === rec.job.jobHandle);
}

/** Moves the clock to an absolute epoch ms. */
function advanceTo(emu: Emulator, ms: number): void {
  emu.clock.advance(ms - emu.clock.now().getTime());
}

describe('virtual clock', () => {
  it('stamps the HTTP Date header with virtual time', async () => {
    const emu = await emulator();
    const first = await soapCall(emu.url, 'getActiveJobs');
    expect(first.headers.get('date')).toBe('Sat, 28 Nov 2026 17:00:00 GMT');
    emu.clock.advance(90_000);
    expect((await soapCall(emu.url, 'getActiveJobs')).headers.get('date')).toBe('Sat, 28 Nov 2026 17:01:30 GMT');
    emu.clock.set('2026-12-01T10:00:00.000Z');
    expect((await fetch(emu.wsdlUrl)).headers.get('date')).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it('runs at `speed` virtual seconds per real second', async () => {
    let real = 1_000;
    const emu = await emulator({ speed: 100, realTime: () => real });
    const t0 = emu.clock.now().getTime();
    real += 60;
    expect(emu.clock.now().getTime() - t0).toBe(6_000);
    real += 3_600_000;
    expect(emu.clock.now().getTime() - t0).toBe(6_000 + 360_000_000);
  });

  it('by default follows real time (performance.now), at its speed', async () => {
    const emu = await emulator({ speed: 100 });
    const t0 = emu.clock.now().getTime();
    const real0 = performance.now();
    await until(() => emu.clock.now().getTime() - t0 >= 5_000, 5_000, 'five virtual seconds');
    // 5 virtual seconds at 100 per real second take at least 50 ms of real time, counted from the emulator's start,
    // a moment before real0.
    expect(performance.now() - real0).toBeGreaterThanOrEqual(45);
  });

  it('a frozen clock freezes the jobs, however much real time passes', async () => {
    let real = 1_000;
    const emu = await emulator({ realTime: () => real });
    const t0 = emu.clock.now().getTime();
    const a = await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true });
    // An hour of real time: at any speed above 0 every job would have moved on.
    real += 3_600_000;
    const b = await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true });
    expect(emu.clock.now().getTime()).toBe(t0);
    expect(b.text).toBe(a.text);
    // The same hour on the virtual clock does move them: the comparison above could have failed.
    emu.clock.advance(3_600_000);
    const c = await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true });
    expect(c.text).not.toBe(a.text);
  });

  it('onCall hears each SOAP call before it is answered: the clock it moves is the one that call sees', async () => {
    const emu = await emulator();
    const heard: string[] = [];
    const stop = emu.onCall((operation) => {
      heard.push(operation);
      if (operation === 'getActiveJobs') emu.clock.advance(90_000);
    });
    expect((await soapCall(emu.url, 'getActiveJobs')).headers.get('date')).toBe('Sat, 28 Nov 2026 17:01:30 GMT');
    await soapCall(emu.url, 'getJobLogs', { companyHandle: 'c|1001' });
    stop();
    expect((await soapCall(emu.url, 'getActiveJobs')).headers.get('date')).toBe('Sat, 28 Nov 2026 17:01:30 GMT');
    expect(heard).toEqual(['getActiveJobs', 'getJobLogs']);
  });

  it('the real clock moves the virtual one from where advance() and set() left it', async () => {
    let real = 0;
    const emu = await emulator({ speed: 2, realTime: () => real });
    emu.clock.advance(1_000);
    real += 500;
    expect(emu.clock.now().toISOString()).toBe('2026-11-28T17:00:02.000Z');
    emu.clock.set('2026-12-01T10:00:00.000Z');
    real += 1_500;
    expect(emu.clock.now().toISOString()).toBe('2026-12-01T10:00:03.000Z');
  });
});

describe('lifecycle', () => {
  it('advances progress and lastProgressUpdate of a running job', async () => {
    const emu = await emulator();
    // The running job with the most files: it certainly finishes a file within a minute.
    const rec = [...emu.ips.jobs]
      .filter((r) => r.job.state === 'Running' && r.plan.outcome !== 'stall')
      .sort((a, b) => b.plan.files.length - a.plan.files.length)[0];
    const before = await activeJob(emu, rec?.job.jobHandle);
    emu.clock.advance(60_000);
    const after = await activeJob(emu, rec?.job.jobHandle);
    expect(Number(text(after, 'progress'))).toBeGreaterThan(Number(text(before, 'progress')));
    expect(Date.parse(text(after, 'lastProgressUpdate') ?? '')).toBeGreaterThan(Date.parse(text(before, 'lastProgressUpdate') ?? ''));
    expect(text(after, 'progressMessage')).toMatch(/\d+ of \d+/);
  });

  it('a job reaches Done, leaves the active list and leaves a log with counts', async () => {
    const emu = await emulator();
    const rec = scenario(emu, 'success');
    const endAt = jobEndAt(rec.plan);
    expect(await finishedLog(emu, rec)).toBeUndefined();
    advanceTo(emu, endAt);
    const done = await activeJob(emu, rec.job.jobHandle);
    expect(text(done, 'state')).toBe('Done');
    expect(text(done, 'progress')).toBe('100');
    emu.clock.advance(DONE_LINGER_MS);
    expect(await activeJob(emu, rec.job.jobHandle)).toBeUndefined();
    const log = await finishedLog(emu, rec);
    const n = rec.plan.files.length;
    expect(text(log, 'logType')).toMatch(/Success$/);
    expect(text(log, 'fatalError')).toBe('false');
    expect(Number(text(log, 'totalFileCount'))).toBe(n);
    const counted = ['fileSuccessCount', 'fileUpdateCount', 'fileDuplicateCount'].reduce((sum, k) => sum + Number(text(log, k)), 0);
    expect(counted).toBe(n);
    expect(text(log, 'fileErrorCount')).toBe('0');
    expect(Date.parse(text(log, 'endDate') ?? '')).toBe(endAt);
  });

  it('the failing job ends with fatalError true and a FatalError detail', async () => {
    const emu = await emulator();
    const rec = scenario(emu, 'failure');
    advanceTo(emu, jobEndAt(rec.plan) - 1000);
    expect(text(await activeJob(emu, rec.job.jobHandle), 'state')).toBe('Running');
    emu.clock.advance(1000 + DONE_LINGER_MS);
    const log = await finishedLog(emu, rec);
    expect(text(log, 'fatalError')).toBe('true');
    expect(text(log, 'logType')).toMatch(/Failure$/);
    expect(Number(text(log, 'totalFileCount'))).toBeGreaterThan(Number(text(log, 'fileSuccessCount')));
    const details = items(await soapCall(emu.url, 'getJobLogDetails', { companyHandle: rec.job.companyHandle, jobHandle: rec.job.jobHandle, logTypeArray: { items: ['FatalError'] } }), 'jobLogArray')[0];
    expect(text(details, 'detailTotalRows')).toBe('1');
  });

  it('the warnings job ends with warnings', async () => {
    const emu = await emulator();
    const rec = scenario(emu, 'warnings');
    advanceTo(emu, jobEndAt(rec.plan) + DONE_LINGER_MS);
    const log = await finishedLog(emu, rec);
    expect(text(log, 'logType')).toMatch(/Warning$/);
    expect(Number(text(log, 'fileWarningCount'))).toBeGreaterThan(0);
    expect(text(log, 'fatalError')).toBe('false');
    const details = items(await soapCall(emu.url, 'getJobLogDetails', { companyHandle: rec.job.companyHandle, jobHandle: rec.job.jobHandle }), 'jobLogArray')[0];
    const warning = all(details?.children.find((c) => c.name === 'detailArray'), 'items').find((row) => /Warning$/.test(text(row, 'logType') ?? ''));
    expect(text(warning?.children.find((c) => c.name === 'auxArray')?.children[0], 'logType')).toBe('IPSJobLog.gcUploadWarning');
  });

  it('the stalled job stays Running and its lastProgressUpdate stops advancing', async () => {
    const emu = await emulator();
    const rec = scenario(emu, 'stall');
    emu.clock.advance(10 * 60_000);
    const stalled = await activeJob(emu, rec.job.jobHandle);
    emu.clock.advance(60 * 60_000);
    const later = await activeJob(emu, rec.job.jobHandle);
    expect(text(later, 'state')).toBe('Running');
    expect(text(later, 'lastProgressUpdate')).toBe(text(stalled, 'lastProgressUpdate'));
    expect(text(later, 'progress')).toBe(text(stalled, 'progress'));
    expect(Number(text(later, 'progress'))).toBeLessThan(100);
    expect(Date.parse(text(later, 'lastProgressUpdate') ?? '')).toBeLessThan(emu.clock.now().getTime() - 60 * 60_000);
  });

  it('a waiting job goes New → WaitingCoordinator → Running', async () => {
    const emu = await emulator();
    const rec = emu.ips.jobs.find((r) => r.job.state === 'New');
    expect(rec).toBeDefined();
    const states: string[] = [];
    for (const at of [rec?.plan.triggerAt, rec?.plan.newUntil, rec?.plan.runAt]) {
      advanceTo(emu, at ?? 0);
      states.push(text(await activeJob(emu, rec?.job.jobHandle), 'state') ?? '');
    }
    expect(states).toEqual(['New', 'WaitingCoordinator', 'Running']);
  });

  it('results do not depend on how the clock is stepped', async () => {
    const [oneJump, manySteps] = await Promise.all([emulator(), emulator()]);
    oneJump.clock.advance(20 * 60_000);
    for (let i = 0; i < 40; i++) manySteps.clock.advance(30_000);
    const read = async (emu: Emulator) => (await soapCall(emu.url, 'getJobLogs')).text + (await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true })).text;
    expect(await read(manySteps)).toBe(await read(oneJump));
  });

  it('a due schedule starts a job; tests can add their own jobs', async () => {
    const emu = await emulator();
    emu.clock.set('2026-11-28T09:15:01.000-08:00');
    const fired = items(await soapCall(emu.url, 'getActiveJobs', { originalName: 'Hourly-Supplier-Feed', includeWaitingJobs: true }), 'jobArray');
    expect(fired).toHaveLength(1);
    expect(text(fired[0], 'triggerTime')).toBe('2026-11-28T09:15:00.000-08:00');
    const next = items(await soapCall(emu.url, 'getScheduledJobs', { originalName: 'Hourly-Supplier-Feed' }), 'jobArray')[0];
    expect(text(next, 'nextFireTime')).toBe('2026-11-28T10:15:00.000-08:00');

    const added = emu.ips.addJob({ originalName: 'Test-Upload', type: 'UploadFromServerDirectory', files: 10, durationMs: 10_000, waitMs: 0 });
    expect(text(await activeJob(emu, added.job.jobHandle), 'state')).toBe('Running');
    emu.clock.advance(10_000 + DONE_LINGER_MS);
    expect(text(await finishedLog(emu, added), 'totalFileCount')).toBe('10');
  });
});
