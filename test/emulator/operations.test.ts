// The 12 operations over real SOAP/HTTP: data, filters, authentication/authorization, control operations.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STOP_MS, DONE_LINGER_MS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { all, faultOf, FAULT_NS, items, returned, soapCall, text } from './soap-helpers.js';

const started: Emulator[] = [];
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ speed: 0, ...options });
  started.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((emu) => emu.close()));
});

let shared: Emulator;
beforeAll(async () => {
  shared = await startEmulator({ speed: 0 });
});
afterAll(async () => {
  await shared.close();
});

const WAITING = ['New', 'WaitingClient', 'WaitingCoordinator'];

describe('WSDL and determinism', () => {
  it('serves the WSDL at ?wsdl, pointing at the emulator', async () => {
    const res = await fetch(shared.wsdlUrl);
    expect(res.status).toBe(200);
    const wsdl = await res.text();
    expect(wsdl).toContain('<service name="IpsApiService">');
    expect(wsdl).toContain(`location="${shared.url}"`);
    expect(shared.url).toBe(`http://127.0.0.1:${shared.port}/scene7/services/IpsApiService`);
  });

  it('returns the same jobs for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([emulator({ seed: 7 }), emulator({ seed: 7 }), emulator({ seed: 8 })]);
    const params = { includeWaitingJobs: true };
    const [ta, tb, tc] = await Promise.all([a, b, c].map(async (emu) => (await soapCall(emu.url, 'getActiveJobs', params)).text));
    expect(ta).toBe(tb);
    expect(ta).not.toBe(tc);
  });

  it('lists the demo user’s active jobs with the documented fields, in schema order', async () => {
    const answer = await soapCall(shared.url, 'getActiveJobs', { includeWaitingJobs: true });
    expect(answer.status).toBe(200);
    const jobs = items(answer, 'jobArray');
    // 8 generated jobs; the Northwind one (index 7) is not visible to the demo user.
    expect(jobs).toHaveLength(7);
    for (const job of jobs) {
      expect(text(job, 'jobHandle')).toMatch(/^j\|100[12]\|\|[A-Za-z-]+-2026-11-28-\d\d:\d\d:\d\d\|\d{5}$/);
      expect(text(job, 'name')).toBe(text(job, 'jobHandle')?.split('|')[3]);
      expect(text(job, 'startDate')).toMatch(/^2026-11-28T\d\d:\d\d:\d\d\.\d{3}-08:00$/);
      expect(Number(text(job, 'progress'))).toBeGreaterThanOrEqual(0);
      const names = job.children.map((c) => c.name);
      expect(names.slice(0, 6)).toEqual(['companyHandle', 'jobHandle', 'name', 'originalName', 'type', 'state']);
      expect(names.indexOf('taskProgressArray')).toBe(names.indexOf('lastProgressUpdate') + 1);
      for (const task of all(job.children.find((c) => c.name === 'taskProgressArray'), 'items')) {
        const progress = Number(text(task, 'progress'));
        expect(progress).toBeGreaterThanOrEqual(0);
        expect(progress).toBeLessThanOrEqual(1);
      }
    }
    const types = new Set(jobs.map((job) => text(job, 'type')));
    expect(types.size).toBeGreaterThan(3);
    expect(jobs.some((job) => job.children.some((c) => c.name.endsWith('Job')))).toBe(true);
  });

  it('lists waiting jobs only with includeWaitingJobs=true', async () => {
    const withWaiting = items(await soapCall(shared.url, 'getActiveJobs', { includeWaitingJobs: true }), 'jobArray');
    const without = items(await soapCall(shared.url, 'getActiveJobs'), 'jobArray');
    const states = (list: typeof without) => list.map((job) => text(job, 'state') ?? '');
    expect(states(withWaiting).some((s) => WAITING.includes(s))).toBe(true);
    expect(states(without).some((s) => WAITING.includes(s))).toBe(false);
    expect(without.length).toBe(withWaiting.filter((job) => !WAITING.includes(text(job, 'state') ?? '')).length);
    const explicitFalse = items(await soapCall(shared.url, 'getActiveJobs', { includeWaitingJobs: false }), 'jobArray');
    expect(explicitFalse.length).toBe(without.length);
  });

  it('filters by companyHandle, jobHandle and originalName', async () => {
    const kestrel = items(await soapCall(shared.url, 'getActiveJobs', { companyHandle: 'c|1002', includeWaitingJobs: true }), 'jobArray');
    expect(kestrel.length).toBeGreaterThan(0);
    expect(kestrel.every((job) => text(job, 'companyHandle') === 'c|1002')).toBe(true);
    const one = shared.ips.activeJobs()[0];
    const byHandle = items(await soapCall(shared.url, 'getActiveJobs', { jobHandle: one?.jobHandle, includeWaitingJobs: true }), 'jobArray');
    expect(byHandle.map((job) => text(job, 'jobHandle'))).toEqual([one?.jobHandle]);
    const byName = items(await soapCall(shared.url, 'getActiveJobs', { originalName: one?.originalName, includeWaitingJobs: true }), 'jobArray');
    expect(byName.map((job) => text(job, 'originalName'))).toEqual([one?.originalName]);
  });

  it('answers an empty jobArray when started with jobs: 0', async () => {
    const emu = await emulator({ jobs: 0 });
    const answer = await soapCall(emu.url, 'getActiveJobs', { includeWaitingJobs: true });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/<(\w+:)?jobArray><\/(\w+:)?jobArray>/);
    expect(items(answer, 'jobArray')).toEqual([]);
  });
});

describe('authentication and authorization', () => {
  it('a wrong password gets HTTP 500 with an authenticationFault 10001 SOAP fault', async () => {
    const answer = await soapCall(shared.url, 'getActiveJobs', {}, { creds: { user: 'demo@ips-jobs.example', password: 'wrong' } });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(answer.text).toContain(
      `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>AuthenticationException</faultstring><detail>` +
        `<authenticationFault xmlns="${FAULT_NS}"><code>10001</code><reason>Invalid username/password</reason></authenticationFault></detail></soap:Fault>`,
    );
    expect(answer.text).toContain('xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"');
  });

  it('missing credentials get authenticationFault 10000; faultHttpStatusCode picks the status', async () => {
    expect(faultOf(await soapCall(shared.url, 'getActiveJobs', {}, { creds: null }))).toMatchObject({ element: 'authenticationFault', code: 10000 });
    const asked = await soapCall(shared.url, 'getActiveJobs', {}, { creds: { user: 'nobody@example.com', password: 'x', faultHttpStatusCode: 200 } });
    expect(asked.status).toBe(200);
    expect(faultOf(asked)).toMatchObject({ element: 'authenticationFault', code: 10001 });
  });

  it('a company the user is not a member of gets authorizationFault (20006), an unknown one 20000', async () => {
    const northwind = await soapCall(shared.url, 'getActiveJobs', { companyHandle: 'c|1003' });
    expect(northwind.status).toBe(500);
    expect(faultOf(northwind)).toMatchObject({ element: 'authorizationFault', code: 20006 });
    expect(faultOf(await soapCall(shared.url, 'getJobLogs', { companyHandle: 'c|9999' }))).toMatchObject({ element: 'authorizationFault', code: 20000 });
    // Another user who is a member sees the Northwind job.
    const ops = await soapCall(shared.url, 'getActiveJobs', { companyHandle: 'c|1003' }, { creds: { user: 'ops@northwind-media.example', password: 'northwind-password' } });
    expect(items(ops, 'jobArray').map((job) => text(job, 'originalName'))).toEqual(['Northwind-Press-Kit-Upload']);
  });

  it('getCompanyInfo resolves names, rejects unknown ones with ipsApiFault 30001 and foreign ones with authorizationFault', async () => {
    const demo = await soapCall(shared.url, 'getCompanyInfo', { companyName: 'Demo Company' });
    expect(text(returned(demo)?.children[0], 'companyHandle')).toBe('c|1001');
    expect(text(returned(demo)?.children[0], 'rootPath')).toBe('DemoCompany/');
    const byHandle = await soapCall(shared.url, 'getCompanyInfo', { companyHandle: 'c|1002' });
    expect(text(returned(byHandle)?.children[0], 'name')).toBe('Kestrel Outdoor');
    expect(faultOf(await soapCall(shared.url, 'getCompanyInfo', { companyName: 'X' }))).toEqual({ element: 'ipsApiFault', code: 30001, reason: "Invalid company name 'X'" });
    expect(faultOf(await soapCall(shared.url, 'getCompanyInfo', { companyName: 'Northwind Media' }))).toMatchObject({ element: 'authorizationFault' });
    expect(faultOf(await soapCall(shared.url, 'getCompanyInfo', {}))).toMatchObject({ element: 'ipsApiFault', code: 30002 });
  });

  it('getCompanyMembership lists the caller’s companies and roles', async () => {
    const memberships = items(await soapCall(shared.url, 'getCompanyMembership'), 'membershipArray');
    expect(memberships.map((m) => [text(m.children[0], 'companyHandle'), text(m, 'role'), text(m, 'isActive')])).toEqual([
      ['c|1001', 'IpsCompanyAdmin', 'true'],
      ['c|1002', 'IpsUser', 'true'],
      ['47', 'IpsUser', 'true'],
    ]);
    expect(faultOf(await soapCall(shared.url, 'getCompanyMembership', { userHandle: 'u|601|ops@northwind-media.example' }))).toMatchObject({ code: 20002 });
  });

  it('checkLogin answers ValidLogin / InvalidLogin', async () => {
    const status = async (params: Record<string, string>) => text(returned(await soapCall(shared.url, 'checkLogin', params)), 'status');
    expect(await status({ email: 'demo@ips-jobs.example', password: 'demo-password' })).toBe('ValidLogin');
    expect(await status({ companyHandle: 'c|1002', email: 'demo@ips-jobs.example', password: 'demo-password' })).toBe('ValidLogin');
    expect(await status({ email: 'demo@ips-jobs.example', password: 'nope' })).toBe('InvalidLogin');
    expect(await status({ companyHandle: 'c|1003', email: 'demo@ips-jobs.example', password: 'demo-password' })).toBe('InvalidLogin');
  });

  it('answers an unknown operation with ipsApiFault 30001', async () => {
    const answer = await soapCall(shared.url, 'getAllTheThings');
    expect(answer.status).toBe(500);
    expect(faultOf(answer)).toMatchObject({ element: 'ipsApiFault', code: 30001 });
  });
});

describe('job logs', () => {
  it('getJobLogs returns summaries newest first, honours numRows and userHandle', async () => {
    const logs = items(await soapCall(shared.url, 'getJobLogs'), 'jobLogArray');
    expect(logs.length).toBeGreaterThanOrEqual(5);
    const starts = logs.map((log) => Date.parse(text(log, 'startDate') ?? ''));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(logs.every((log) => text(log, 'detailArray') === undefined && text(log, 'endDate') !== undefined)).toBe(true);
    expect(logs.map((log) => text(log, 'companyHandle')).every((c) => c === 'c|1001' || c === 'c|1002')).toBe(true);
    expect(items(await soapCall(shared.url, 'getJobLogs', { numRows: 2 }), 'jobLogArray')).toHaveLength(2);
    const ana = items(await soapCall(shared.url, 'getJobLogs', { userHandle: 'u|502|ana.lima@ips-jobs.example' }), 'jobLogArray');
    expect(ana.every((log) => text(log, 'submitUserEmail') === 'ana.lima@ips-jobs.example')).toBe(true);
    const ascending = items(await soapCall(shared.url, 'getJobLogs', { sortBy: 'StartDate', sortDirection: 'Ascending' }), 'jobLogArray');
    expect(ascending.map((log) => text(log, 'jobHandle'))).toEqual(logs.map((log) => text(log, 'jobHandle')).reverse());
  });

  it('getJobLogDetails pages details with recordsPerPage / resultsPage and reports detailTotalRows', async () => {
    const log = shared.ips.jobLogs.find((l) => l.companyHandle === 'c|1001' && l.detailArray.length > 12);
    expect(log).toBeDefined();
    const page = async (params: Record<string, unknown>) =>
      items(await soapCall(shared.url, 'getJobLogDetails', { companyHandle: 'c|1001', jobHandle: log?.jobHandle, ...params }), 'jobLogArray')[0];
    const total = log?.detailArray.length ?? 0;
    const first = await page({ recordsPerPage: 5, resultsPage: 1 });
    const second = await page({ recordsPerPage: 5, resultsPage: 2 });
    const last = await page({ recordsPerPage: 5, resultsPage: Math.ceil(total / 5) });
    const beyond = await page({ recordsPerPage: 5, resultsPage: Math.ceil(total / 5) + 1 });
    const everything = await page({});
    for (const p of [first, second, last, beyond, everything]) expect(Number(text(p, 'detailTotalRows'))).toBe(total);
    const rows = (p: typeof first) => all(p?.children.find((c) => c.name === 'detailArray'), 'items');
    expect(rows(first)).toHaveLength(5);
    expect(rows(second)).toHaveLength(5);
    expect(rows(last)).toHaveLength(total % 5 || 5);
    expect(rows(beyond)).toHaveLength(0);
    expect(rows(everything)).toHaveLength(total);
    expect(rows(second).map((r) => text(r, 'dateCreated'))).toEqual(rows(everything).slice(5, 10).map((r) => text(r, 'dateCreated')));
    expect(text(rows(first)[0], 'logType')).toBe('OriginalJobName');
    // Descending by date reverses the order; logTypeArray filters (and changes the total).
    const desc = await page({ sortDirection: 'Descending', recordsPerPage: 1 });
    expect(text(rows(desc)[0], 'logType')).toMatch(/^End/);
    const filtered = await page({ logTypeArray: { items: ['OriginalJobName', 'JobType'] } });
    expect(Number(text(filtered, 'detailTotalRows'))).toBe(2);
    expect(rows(filtered).map((r) => text(r, 'logType'))).toEqual(['OriginalJobName', 'JobType']);
    const byType = await page({ sortBy: 'LogType', recordsPerPage: 1000 });
    const types = rows(byType).map((r) => text(r, 'logType') ?? '');
    expect(types).toEqual([...types].sort());
  });

  it('getJobLogDetails needs companyHandle and validates paging', async () => {
    expect(faultOf(await soapCall(shared.url, 'getJobLogDetails', { jobHandle: 'x' }))).toMatchObject({ element: 'ipsApiFault', code: 30002 });
    expect(faultOf(await soapCall(shared.url, 'getJobLogDetails', { companyHandle: 'c|1001', resultsPage: 0 }))).toMatchObject({ code: 30001 });
  });

  it('getJobLogDetails also reads the log of a running job so far', async () => {
    const running = shared.ips.jobs.find((rec) => rec.job.state === 'Running' && rec.job.companyHandle === 'c|1001');
    const answer = await soapCall(shared.url, 'getJobLogDetails', { companyHandle: 'c|1001', jobHandle: running?.job.jobHandle });
    const log = items(answer, 'jobLogArray')[0];
    expect(text(log, 'logType')).toMatch(/^Begin/);
    expect(text(log, 'endDate')).toBeUndefined();
  });

  it('logRowsWrittenPerDetailPage: a running job\'s log grows by that many rows after each page, newest first; its final log keeps them', async () => {
    const emu = await emulator({ jobs: 0 });
    const rec = emu.ips.addJob({ originalName: 'Growing', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 20 });
    const done = emu.ips.addJob({ originalName: 'Done-Already', type: 'ImageServingPublish', waitMs: 0, durationMs: 1_000, files: 2, triggerAt: '2026-11-28T08:00:00.000-08:00' });
    emu.clock.advance(30_000);
    emu.ips.logRowsWrittenPerDetailPage = 2;
    const page = async (jobHandle: string, resultsPage: number) =>
      items(await soapCall(emu.url, 'getJobLogDetails', { companyHandle: 'c|1001', jobHandle, recordsPerPage: 5, resultsPage, sortDirection: 'Descending' }), 'jobLogArray')[0];
    const rows = (p: Awaited<ReturnType<typeof page>>) => all(p?.children.find((c) => c.name === 'detailArray'), 'items').map((r) => text(r, 'logMessage'));
    const first = await page(rec.jobHandle, 1);
    const total = Number(text(first, 'detailTotalRows'));
    const second = await page(rec.jobHandle, 2);
    expect(Number(text(second, 'detailTotalRows'))).toBe(total + 2);
    // The two rows written after the first page pushed its last two rows onto the second.
    expect(rows(second).slice(0, 2)).toEqual(rows(first).slice(3));
    const third = await page(rec.jobHandle, 1);
    expect(rows(third).slice(0, 4)).toEqual(['row 4 written while the log was read', 'row 3 written while the log was read', 'row 2 written while the log was read', 'row 1 written while the log was read']);
    // A finished job's log does not grow.
    const finished = Number(text(await page(done.jobHandle, 1), 'detailTotalRows'));
    expect(Number(text(await page(done.jobHandle, 1), 'detailTotalRows'))).toBe(finished);
    emu.ips.logRowsWrittenPerDetailPage = 0;
    emu.clock.advance(60_000);
    const final = emu.ips.jobLogs.find((log) => log.jobHandle === rec.jobHandle);
    expect(final?.detailArray.filter((d) => d.logType === 'Info')).toHaveLength(6);
  });
});

describe('scheduled jobs and control operations', () => {
  it('getScheduledJobs lists the visible schedules', async () => {
    const jobs = items(await soapCall(shared.url, 'getScheduledJobs'), 'jobArray');
    expect(jobs.map((job) => text(job, 'name'))).toEqual(['Nightly-Full-Publish', 'Hourly-Supplier-Feed', 'Weekend-Video-Publish', 'Kestrel-Nightly-Upload']);
    const hourly = jobs[1];
    expect(text(hourly, 'execSchedule')).toBe('00 15 * * * ');
    expect(text(hourly, 'nextFireTime')).toBe('2026-11-28T09:15:00.000-08:00');
    expect(text(hourly, 'timeZone')).toBe('PST');
    expect(jobs.map((job) => text(job, 'triggerState'))).toEqual(['Normal', 'Normal', 'Paused', 'Normal']);
  });

  it('pauseJob / resumeJob toggle triggerState; executeJob starts a job; deleteJob removes a schedule', async () => {
    const emu = await emulator();
    const handle = 'j|1001|Hourly-Supplier-Feed|';
    const state = async () => text(items(await soapCall(emu.url, 'getScheduledJobs', { jobHandle: handle }), 'jobArray')[0], 'triggerState');
    const control = (op: string, jobHandle = handle) => soapCall(emu.url, op, { companyHandle: 'c|1001', jobHandle });

    const paused = await control('pauseJob');
    expect(paused.status).toBe(200);
    expect(returned(paused)?.name).toBe('pauseJobReturn');
    expect(await state()).toBe('Paused');
    await control('resumeJob');
    expect(await state()).toBe('Normal');

    expect((await control('executeJob')).status).toBe(200);
    const started = items(await soapCall(emu.url, 'getActiveJobs', { originalName: 'Hourly-Supplier-Feed', includeWaitingJobs: true }), 'jobArray');
    expect(started.map((job) => [text(job, 'type'), text(job, 'state')])).toEqual([['UrlUpload', 'New']]);
    expect(started[0]?.children.some((c) => c.name === 'uploadUrlsJob')).toBe(true);

    await control('deleteJob');
    expect(items(await soapCall(emu.url, 'getScheduledJobs', { jobHandle: handle }), 'jobArray')).toHaveLength(0);
    expect(faultOf(await control('pauseJob'))).toMatchObject({ element: 'ipsApiFault', code: 30001 });
  });

  it('stopJob moves a running job to Stopping, then Done with a log', async () => {
    const emu = await emulator();
    const rec = emu.ips.jobs.find((r) => r.plan.outcome === 'stall');
    const jobHandle = rec?.job.jobHandle ?? '';
    expect((await soapCall(emu.url, 'stopJob', { companyHandle: 'c|1001', jobHandle })).status).toBe(200);
    const state = async () => text(items(await soapCall(emu.url, 'getActiveJobs', { jobHandle }), 'jobArray')[0], 'state');
    expect(await state()).toBe('Stopping');
    emu.clock.advance(STOP_MS);
    expect(await state()).toBe('Done');
    emu.clock.advance(DONE_LINGER_MS);
    expect(await state()).toBeUndefined();
    const log = items(await soapCall(emu.url, 'getJobLogDetails', { companyHandle: 'c|1001', jobHandle }), 'jobLogArray')[0];
    expect(text(log, 'logType')).toMatch(/Failure$/);
    expect(text(log, 'fatalError')).toBe('false');
    const rows = all(log?.children.find((c) => c.name === 'detailArray'), 'items').map((r) => text(r, 'logType'));
    expect(rows).toContain('FileCancel');
  });

  it('deleteJob removes an active job; bad handles and missing parameters are ipsApiFaults', async () => {
    const emu = await emulator();
    const rec = emu.ips.jobs.find((r) => r.job.companyHandle === 'c|1001');
    const params = { companyHandle: 'c|1001', jobHandle: rec?.job.jobHandle };
    expect((await soapCall(emu.url, 'deleteJob', params)).status).toBe(200);
    expect(emu.ips.findJob(rec?.job.jobHandle ?? '')).toBeUndefined();
    expect(faultOf(await soapCall(emu.url, 'stopJob', params))).toEqual({ element: 'ipsApiFault', code: 30001, reason: `Invalid job handle '${rec?.job.jobHandle}'` });
    expect(faultOf(await soapCall(emu.url, 'stopJob', { companyHandle: 'c|1001' }))).toMatchObject({ code: 30002 });
    expect(faultOf(await soapCall(emu.url, 'stopJob', { companyHandle: 'c|1003', jobHandle: 'x' }))).toMatchObject({ element: 'authorizationFault' });
  });
});
