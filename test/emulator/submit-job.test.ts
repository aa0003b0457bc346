// submitJob over real SOAP/HTTP through the real client: each kind listed with its type and detail, the lifecycle to
// Done and a log, an upload's URLs (fail.invalid, stall.invalid), the outcome queue, execTime and execSchedule, the
// refusals, and the fault plan. Only the virtual clock moves the jobs.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, jobTimes, startEmulator, type EmulatedJob, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { AuthorizationError, IpsError } from '../../src/ips/errors.js';
import type { ActiveJob, JobLog, SubmitJobInput, UploadUrl } from '../../src/ips/types.js';
import { faultOf, soapCall, type Credentials, type Params } from './soap-helpers.js';

const COMPANY = DEMO_CREDENTIALS.companyHandle;
const VIEWER = { user: 'viewer@ips-jobs.example', password: 'viewer-password' };

interface Setup {
  emu: Emulator;
  client: IpsClient;
}

const opened: Setup[] = [];
/** A frozen emulator with no generated jobs, and a client for `user` (default the demo user). */
async function setup(user: Credentials = { user: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password }): Promise<Setup> {
  const emu = await startEmulator({ speed: 0, jobs: 0 });
  const client = await createIpsClient({ endpoint: emu.url, username: user.user ?? '', password: user.password ?? '', appVersion: 'test' });
  const started = { emu, client };
  opened.push(started);
  return started;
}
afterEach(async () => {
  for (const { emu, client } of opened.splice(0)) {
    client.close();
    await emu.close();
  }
});

const ISP = { imageServingPublishJob: { publishType: 'Full', emailSetting: 'Error' } } as const;
const url = (host: string, file: string): UploadUrl => ({ sourceUrl: `https://${host}/feed/${file}`, destPath: `spring26/${file}` });
const upload = (urls: UploadUrl[]): Pick<SubmitJobInput, 'uploadUrlsJob'> => ({
  uploadUrlsJob: { urlArray: urls, overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'ErrorAndWarning' },
});

function submit(client: IpsClient, jobName: string, rest: Partial<SubmitJobInput> = ISP): Promise<string> {
  return client.submitJob({ companyHandle: COMPANY, jobName, ...rest } as SubmitJobInput);
}

function recordOf(emu: Emulator, jobHandle: string): EmulatedJob {
  const rec = emu.ips.findJob(jobHandle);
  if (!rec) throw new Error(`no active job ${jobHandle}`);
  return rec;
}

async function activeJob(client: IpsClient, jobHandle: string): Promise<ActiveJob | undefined> {
  return (await client.getActiveJobs({ jobHandle, includeWaitingJobs: true }))[0];
}

async function jobLog(client: IpsClient, jobHandle: string): Promise<JobLog | undefined> {
  return (await client.getJobLogDetails({ companyHandle: COMPANY, jobHandle }))[0];
}

/** Moves the virtual clock to an absolute epoch ms. */
function advanceTo(emu: Emulator, ms: number): void {
  emu.clock.advance(ms - emu.clock.now().getTime());
}

describe('submitJob starts a job', () => {
  it.each([
    { type: 'ImageServingPublish', detail: ISP },
    { type: 'ImageRenderingPublish', detail: { imageRenderingPublishJob: { emailSetting: 'All', httpCompletionUrl: 'https://hooks.example/done' } } },
    { type: 'VideoPublish', detail: { videoPublishJob: { emailSetting: 'None', contextHandle: 'ctx-7' } } },
  ] as const)('$type: listed with its type, names, submitter, description and its job detail', async ({ type, detail }) => {
    const { client } = await setup();
    const handle = await submit(client, 'Spring-Launch', { description: 'Spring launch', ...detail });
    expect(handle).toMatch(/^j\|1001\|\|Spring-Launch-2026-11-28-09:00:00\|\d{5}$/);
    const job = await activeJob(client, handle);
    expect(job).toMatchObject({
      jobHandle: handle,
      name: 'Spring-Launch-2026-11-28-09:00:00',
      originalName: 'Spring-Launch',
      type,
      state: 'New',
      submitUserEmail: DEMO_CREDENTIALS.username,
      description: 'Spring launch',
      ...detail,
    });
    expect(job?.taskProgressArray.length).toBeGreaterThan(0);
  });

  it('UrlUpload: one file per URL named by its destPath, and the upload detail echoed', async () => {
    const { emu, client } = await setup();
    const urls = [url('cdn.example.com', 'a.jpg'), url('cdn.example.com', 'b.jpg')];
    const handle = await submit(client, 'Supplier-Feed', upload(urls));
    const job = await activeJob(client, handle);
    expect(job?.type).toBe('UrlUpload');
    expect(job?.uploadUrlsJob).toMatchObject({ urlArray: { items: urls }, emailSetting: 'ErrorAndWarning' });
    expect(job?.taskProgressArray.map((task) => [task.taskType, task.numPending])).toEqual([
      ['UrlDownload', 2],
      ['Optimize', 2],
    ]);
    expect(recordOf(emu, handle).plan.files.map((file) => file.name)).toEqual(['spring26/a.jpg', 'spring26/b.jpg']);
  });

  it('takes addJob’s default timing, runs to Done with a log, then leaves the active list', async () => {
    const { emu, client } = await setup();
    const handle = await submit(client, 'Default-Publish');
    const rec = recordOf(emu, handle);
    const times = jobTimes(rec.plan);
    expect(times.runAt - times.triggerAt).toBe(5_000);
    expect(rec.plan.durationMs).toBeGreaterThanOrEqual(rec.plan.files.length * 300);

    advanceTo(emu, times.runAt);
    expect((await activeJob(client, handle))?.state).toBe('Running');
    advanceTo(emu, times.endAt);
    expect((await activeJob(client, handle))?.state).toBe('Done');
    const log = await jobLog(client, handle);
    expect(log).toMatchObject({ logType: 'ImageServingPublishSuccess', originalJobName: 'Default-Publish', fatalError: false, jobSubType: 'full' });
    expect(log?.fileSuccessCount).toBe(rec.plan.files.length);
    expect(log?.detailArray.map((row) => row.logType)).toContain('BeginImageServingPublish');

    advanceTo(emu, times.leftAt);
    expect(await activeJob(client, handle)).toBeUndefined();
    expect((await client.getJobLogs({ companyHandle: COMPANY })).map((l) => l.jobHandle)).toContain(handle);
  });
});

describe('an upload’s URLs decide how it ends', () => {
  it('a URL on fail.invalid fails its file: the job completes with file errors, fatalError false', async () => {
    const { emu, client } = await setup();
    const urls = [url('cdn.example.com', 'a.jpg'), url('fail.invalid', 'b.jpg'), url('cdn.example.com', 'c.jpg'), url('FAIL.invalid', 'd.jpg')];
    const handle = await submit(client, 'Broken-Feed', upload(urls));
    advanceTo(emu, jobTimes(recordOf(emu, handle).plan).endAt);
    expect((await activeJob(client, handle))?.state).toBe('Done');
    const log = await jobLog(client, handle);
    expect(log).toMatchObject({ logType: 'UploadUrlsWarning', fatalError: false, fileErrorCount: 2, fileSuccessCount: 2, totalFileCount: 4 });
    const errors = log?.detailArray.filter((row) => row.logType === 'UploadUrlsError');
    expect(errors?.map((row) => row.assetName)).toEqual(['spring26/b.jpg', 'spring26/d.jpg']);
    expect(errors?.[0]?.auxArray[0]?.logMessage).toBe('Could not download https://fail.invalid/feed/b.jpg: host not found');
  });

  it('a URL on stall.invalid stalls the job in that file, for good', async () => {
    const { emu, client } = await setup();
    const urls = [url('cdn.example.com', 'a.jpg'), url('cdn.example.com', 'b.jpg'), url('stall.invalid', 'c.jpg'), url('cdn.example.com', 'd.jpg')];
    const handle = await submit(client, 'Stuck-Feed', upload(urls));
    const times = jobTimes(recordOf(emu, handle).plan);
    expect(times.endAt).toBe(Infinity);
    advanceTo(emu, (times.stallAt ?? 0) + 1);
    const stalled = await activeJob(client, handle);
    expect(stalled).toMatchObject({ state: 'Running', progress: 50 });
    emu.clock.advance(6 * 3600_000);
    const later = await activeJob(client, handle);
    expect(later).toMatchObject({ state: 'Running', progress: 50, lastProgressUpdate: stalled?.lastProgressUpdate });
    const log = await jobLog(client, handle);
    expect(log?.detailArray.filter((row) => row.assetName !== undefined).map((row) => row.assetName)).toEqual(['spring26/a.jpg', 'spring26/b.jpg']);
  });
});

describe('emu.ips.submitOutcomes', () => {
  it('the next submitted jobs end as queued, with the timing queued; then success', async () => {
    const { emu, client } = await setup();
    emu.ips.submitOutcomes.push({ outcome: 'failure', fatal: true, failAt: 0.5, files: 10, durationMs: 20_000, waitMs: 0 }, { outcome: 'stall', stallAt: 0.5 });
    const failing = await submit(client, 'Doomed-Video', { videoPublishJob: { emailSetting: 'Error' } });
    const stalling = await submit(client, 'Stalling-Render', { imageRenderingPublishJob: { emailSetting: 'Error' } });
    const fine = await submit(client, 'Fine-Publish');
    expect(emu.ips.submitOutcomes).toHaveLength(0);

    const failed = recordOf(emu, failing);
    const times = jobTimes(failed.plan);
    expect([times.runAt - times.triggerAt, failed.plan.files.length, times.endAt - times.runAt]).toEqual([0, 10, 10_000]);
    expect(jobTimes(recordOf(emu, stalling).plan).endAt).toBe(Infinity);
    const fineEnd = jobTimes(recordOf(emu, fine).plan).endAt;

    advanceTo(emu, Math.max(times.endAt, fineEnd));
    expect(await jobLog(client, failing)).toMatchObject({ logType: 'VideoPublishFailure', fatalError: true });
    expect((await jobLog(client, failing))?.detailArray.map((row) => row.logType)).toContain('FatalError');
    expect((await activeJob(client, stalling))?.state).toBe('Running');
    expect(await jobLog(client, fine)).toMatchObject({ logType: 'ImageServingPublishSuccess', fatalError: false });
  });

  it('an entry with an outcome overrides what an upload’s URLs say', async () => {
    const { emu, client } = await setup();
    emu.ips.submitOutcomes.push({ outcome: 'success' });
    const handle = await submit(client, 'Forgiven-Feed', upload([url('stall.invalid', 'a.jpg'), url('cdn.example.com', 'b.jpg')]));
    expect(recordOf(emu, handle).plan.outcome).toBe('success');
  });
});

describe('execTime and execSchedule', () => {
  it('execTime ahead: the job is not there until then, then appears New with that trigger time', async () => {
    const { emu, client } = await setup();
    const handle = await submit(client, 'Later-Publish', { execTime: '2026-11-28T09:30:00.000-08:00', ...ISP });
    expect(handle).toMatch(/^j\|1001\|\|Later-Publish-2026-11-28-09:30:00\|\d{5}$/);
    expect(await activeJob(client, handle)).toBeUndefined();
    emu.clock.set('2026-11-28T09:29:59.999-08:00');
    expect(await activeJob(client, handle)).toBeUndefined();
    emu.clock.advance(1);
    expect(await activeJob(client, handle)).toMatchObject({ state: 'New', triggerTime: '2026-11-28T09:30:00.000-08:00' });
  });

  it('execTime in the past runs now', async () => {
    const { client } = await setup();
    const handle = await submit(client, 'Past-Publish', { execTime: '2026-11-28T08:00:00.000-08:00', ...ISP });
    expect(await activeJob(client, handle)).toMatchObject({ state: 'New', triggerTime: '2026-11-28T09:00:00.000-08:00' });
  });

  it('execSchedule: a scheduled job (getScheduledJobs), no active job; it fires at its time', async () => {
    const { emu, client } = await setup();
    const handle = await submit(client, 'Nightly-Feed', { execSchedule: '00 30 22 * *', description: 'every night', ...upload([url('cdn.example.com', 'a.jpg')]) });
    expect(handle).toBe('j|1001|Nightly-Feed|');
    const [scheduled] = await client.getScheduledJobs({ jobHandle: handle });
    expect(scheduled).toMatchObject({
      name: 'Nightly-Feed',
      originalName: 'Nightly-Feed',
      type: 'UrlUpload',
      submitUserEmail: DEMO_CREDENTIALS.username,
      description: 'every night',
      execSchedule: '00 30 22 * *',
      nextFireTime: '2026-11-28T22:30:00.000-08:00',
      triggerState: 'Normal',
    });
    expect(scheduled?.uploadUrlsJob).toMatchObject({ emailSetting: 'ErrorAndWarning' });
    expect(await client.getActiveJobs({ originalName: 'Nightly-Feed', includeWaitingJobs: true })).toEqual([]);
    // A second schedule of the same name gets a handle of its own.
    expect(await submit(client, 'Nightly-Feed', { execSchedule: '00 00 23 * *', ...ISP })).toBe('j|1001|Nightly-Feed_2|');

    emu.clock.set('2026-11-28T22:30:00.000-08:00');
    const fired = await client.getActiveJobs({ originalName: 'Nightly-Feed', includeWaitingJobs: true });
    expect(fired.map((job) => [job.type, job.state])).toEqual([['UrlUpload', 'New']]);
  });
});

interface Refusal {
  what: string;
  params: Params;
  creds?: Credentials;
  /** element, code and (when given) reason of the fault. */
  fault: [string, number, string?];
}

describe('refusals', () => {
  const base: Params = { companyHandle: COMPANY, jobName: 'Refused', ...ISP };
  const uploadOptions = { overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'Error' };
  const { imageServingPublishJob: _detail, ...noDetail } = base;
  const { jobName: _name, ...noName } = base;
  const refusals: Refusal[] = [
    { what: 'an unknown company', params: { ...base, companyHandle: 'c|9999' }, fault: ['ipsApiFault', 30001, "Invalid company handle 'c|9999'"] },
    { what: 'a company the user is not a member of', params: { ...base, companyHandle: 'c|1003' }, fault: ['authorizationFault', 20006] },
    { what: 'no job detail', params: noDetail, fault: ['ipsApiFault', 30002] },
    { what: 'two job details', params: { ...base, videoPublishJob: { emailSetting: 'Error' } }, fault: ['ipsApiFault', 30001, 'Only one job detail is allowed, got imageServingPublishJob, videoPublishJob'] },
    { what: 'no jobName', params: noName, fault: ['ipsApiFault', 30002, "Missing required parameter 'jobName'"] },
    { what: 'execTime and execSchedule', params: { ...base, execTime: '2026-11-28T10:00:00-08:00', execSchedule: '00 00 10 * *' }, fault: ['ipsApiFault', 30001] },
    { what: 'an empty urlArray', params: { ...noDetail, uploadUrlsJob: { urlArray: {}, ...uploadOptions } }, fault: ['ipsApiFault', 30001] },
    { what: 'an upload without urlArray', params: { ...noDetail, uploadUrlsJob: uploadOptions }, fault: ['ipsApiFault', 30001] },
    { what: 'an execSchedule that never fires', params: { ...base, execSchedule: 'every day' }, fault: ['ipsApiFault', 30001] },
    { what: 'an unknown publishType', params: { ...base, imageServingPublishJob: { publishType: 'Sometimes', emailSetting: 'Error' } }, fault: ['ipsApiFault', 30001] },
    { what: 'a user without a submit role', params: base, creds: VIEWER, fault: ['authorizationFault', 20003, "User does not have permission to access operation 'submitJob'"] },
  ];

  it.each(refusals)('$what: $fault.0 $fault.1, and nothing is created', async ({ params, creds, fault }) => {
    const { emu } = await setup();
    const schedules = emu.ips.scheduledJobs.length;
    const answer = await soapCall(emu.url, 'submitJob', params, creds ? { creds } : {});
    expect(answer.status).toBe(500);
    const [element, code, reason] = fault;
    expect(faultOf(answer)).toMatchObject({ element, code, ...(reason === undefined ? {} : { reason }) });
    expect(emu.ips.jobs).toHaveLength(0);
    expect(emu.ips.scheduledJobs).toHaveLength(schedules);
  });

  it('the viewer may read the company’s jobs but the client gets AuthorizationError 20003 on submitJob', async () => {
    const { emu, client } = await setup(VIEWER);
    expect(await client.getActiveJobs({ companyHandle: COMPANY })).toEqual([]);
    const error = await submit(client, 'Not-Allowed').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AuthorizationError);
    expect(error).toMatchObject({ code: 20003 });
    expect(emu.ips.jobs).toHaveLength(0);
  });
});

describe('the fault plan on submitJob', () => {
  it('submitJob:reset answers before the service sees the request: no job, one call counted', async () => {
    const { emu, client } = await setup();
    emu.faults.set('submitJob:reset');
    await expect(submit(client, 'Reset-Publish')).rejects.toBeInstanceOf(IpsError);
    expect(emu.stats.byOperation.submitJob).toBe(1);
    expect(emu.ips.jobs).toHaveLength(0);
  });

  it('submitJob#2:status=503 fails the second call only', async () => {
    const { emu, client } = await setup();
    emu.faults.set('submitJob#2:status=503');
    await submit(client, 'First');
    await expect(submit(client, 'Second')).rejects.toBeInstanceOf(IpsError);
    await submit(client, 'Third');
    expect(emu.stats.byOperation.submitJob).toBe(3);
    expect(emu.ips.jobs.map((rec) => rec.originalName)).toEqual(['First', 'Third']);
  });

  it('a rule that mangles the real answer (truncated) comes after the job was created', async () => {
    const { emu, client } = await setup();
    emu.faults.set('submitJob:truncated');
    await expect(submit(client, 'Truncated')).rejects.toBeInstanceOf(IpsError);
    expect(emu.ips.jobs.map((rec) => rec.originalName)).toEqual(['Truncated']);
  });
});
