// `ips-jobs show <job>` as users and scripts run it: the CLI against the emulator on loopback with a frozen clock.
// An active job with tasks and items, a stalled one, finished ones (by name and by handle), not found.
// Every run is in-process (runMain): none needs a process of its own (no signal, terminal or stdin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type EmulatedJob, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import type { ActiveJob, JobLog } from '../../src/ips/types.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

let emulator: Emulator;
let client: IpsClient;
let running: EmulatedJob;
let stuck: EmulatedJob;
let done: EmulatedJob;
let earlierTwin: EmulatedJob;
let laterTwin: EmulatedJob;

const COMPANY = DEMO_CREDENTIALS.companyHandle;

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'name' }, extra);
}

function show(args: string[], extra: Record<string, string> = {}) {
  return runMain(['show', ...args], { env: env(extra) });
}

/** The job as IPS describes it now, read through the client: what the CLI is held to. */
async function activeJob(rec: EmulatedJob): Promise<ActiveJob> {
  const [job] = await client.getActiveJobs({ companyHandle: COMPANY, jobHandle: rec.jobHandle, includeWaitingJobs: true });
  expect(job, rec.name).toBeDefined();
  return job!;
}

async function summaryLog(rec: EmulatedJob): Promise<JobLog> {
  const [log] = await client.getJobLogDetails({ companyHandle: COMPANY, jobHandle: rec.jobHandle, recordsPerPage: 1 });
  expect(log, rec.name).toBeDefined();
  return log!;
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
  const twoHoursAgo = '2026-11-28T07:00:00.000-08:00';
  running = emulator.ips.addJob({
    originalName: 'Show-Upload',
    type: 'UploadFromServerDirectory',
    waitMs: 0,
    durationMs: 600_000,
    files: 30,
    description: 'Spring shoot, batch 2',
  });
  stuck = emulator.ips.addJob({ originalName: 'Show-Stuck', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 30, outcome: 'stall', stallAt: 0.01 });
  done = emulator.ips.addJob({
    originalName: 'Show-Done',
    type: 'ImageServingPublish',
    waitMs: 0,
    durationMs: 60_000,
    files: 20,
    outcome: 'warnings',
    warningFiles: 2,
    triggerAt: twoHoursAgo,
  });
  earlierTwin = emulator.ips.addJob({ originalName: 'Show-Twice', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 10, triggerAt: twoHoursAgo });
  laterTwin = emulator.ips.addJob({ originalName: 'Show-Twice', type: 'ImageServingPublish', waitMs: 0, durationMs: 3_600_000, files: 100 });
  // A minute in: the upload has finished some files and is working on the next ones (task items).
  emulator.clock.advance(60_000);
  client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
  const job = await activeJob(running);
  expect(job.taskProgressArray.length).toBe(3);
  expect(job.taskProgressArray.some((task) => task.taskItemProgressArray.length > 0)).toBe(true);
});

afterAll(async () => {
  client?.close();
  await emulator.close();
});

describe('an active job', () => {
  it('table: the key/value block, the job detail and the task table, nothing on stderr', async () => {
    const job = await activeJob(running);
    const result = await show([running.originalName]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const out = result.stdout;
    expect(out).toMatch(new RegExp(`^name {11}${running.name}$`, 'm'));
    expect(out).toMatch(/^original name {2}Show-Upload$/m);
    expect(out).toContain(`handle         ${running.jobHandle}\n`);
    expect(out).toContain('type           Upload (UploadFromServerDirectory)\n');
    expect(out).toContain('state          Running\n');
    expect(out).toMatch(new RegExp(`^progress {7}[#-]{20} +${job.progress}%$`, 'm'));
    expect(out).toContain(`message        ${job.progressMessage}\n`);
    expect(out).toContain(`submitted by   ${DEMO_CREDENTIALS.username}\n`);
    expect(out).toContain('description    Spring shoot, batch 2\n');
    expect(out).toMatch(/^started {8}1m ago \(2026-11-28 09:00\)$/m);
    expect(out).toMatch(/^job detail {5}uploadDirectoryJob$/m);
    expect(out).toMatch(/^ {15}postImageServingPublishJob\.publishType: Incremental$/m);
    expect(out).not.toContain('stalled');
    expect(out).toMatch(/^TASK\s+STATE\s+PROCESSED\s+PROCESSING\s+PENDING\s+PROGRESS\s+MESSAGE\s+UPDATED$/m);
    for (const task of job.taskProgressArray) {
      expect(out).toMatch(new RegExp(`^${task.taskType}\\s+${task.taskState}\\s+${task.numProcessed}\\s+${task.numProcessing}\\s+${task.numPending}\\s+${Math.floor((task.progress ?? 0) * 100)}%`, 'm'));
    }
    // Items only with --items.
    const item = job.taskProgressArray.flatMap((task) => task.taskItemProgressArray)[0]!;
    expect(out).not.toContain(item.itemName);
    expect(out).not.toContain('\u001b');
  });

  it('--items lists each task\'s items under it', async () => {
    const job = await activeJob(running);
    const result = await show([running.jobHandle, '--items']);
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n');
    for (const task of job.taskProgressArray.filter((t) => t.taskItemProgressArray.length > 0)) {
      const at = rows.findIndex((row) => row.startsWith(`${task.taskType} `));
      task.taskItemProgressArray.forEach((item, k) => {
        expect(rows[at + 1 + k]).toMatch(new RegExp(`^  ${item.itemName!.replace(/[.]/g, '\\.')}\\s+\\d+%\\s+${item.progressMessage}`));
      });
    }
  });

  it('-o wide adds locale, trigger time, total size and the items', async () => {
    const job = await activeJob(running);
    const result = await show([running.originalName, '-o', 'wide']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('locale         en-US\n');
    expect(result.stdout).toMatch(/^trigger time {3}1m ago \(2026-11-28 09:00\)$/m);
    expect(result.stdout).toContain(`total size     ${job.totalSize}\n`);
    expect(result.stdout).toContain(job.taskProgressArray.flatMap((task) => task.taskItemProgressArray)[0]!.itemName);
  });

  it('-o json: schemaVersion, active: true and the job exactly as IPS described it, plus jobType as list has it', async () => {
    const result = await show([running.originalName, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, active: true, job: { ...(await activeJob(running)), jobType: 'Upload' } });
  });

  it('-o ndjson: the same document on one line', async () => {
    const result = await show([running.jobHandle, '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, active: true, job: { ...(await activeJob(running)), jobType: 'Upload' } });
  });

  it('-o csv: one row per task under IPS field names; --items one row per item; --no-headers', async () => {
    const job = await activeJob(running);
    const csv = await show([running.originalName, '-o', 'csv']);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe('jobHandle,name,taskType,taskState,numProcessed,numProcessing,numPending,progress,progressMessage,lastProgressUpdate');
    expect(rows).toEqual(
      job.taskProgressArray.map((t) =>
        [running.jobHandle, running.name, t.taskType, t.taskState, t.numProcessed, t.numProcessing, t.numPending, t.progress, t.progressMessage, t.lastProgressUpdate].join(','),
      ),
    );
    const items = await show([running.originalName, '-o', 'csv', '--items', '--no-headers']);
    const itemRows = items.stdout.trimEnd().split('\n');
    const expected = job.taskProgressArray.flatMap((t) =>
      t.taskItemProgressArray.map((i) => [running.jobHandle, running.name, t.taskType, t.taskState, i.itemName, i.progress, i.progressMessage, i.lastProgressUpdate].join(',')),
    );
    expect(itemRows).toEqual(expected);
  });

  it('-o tsv: tab-separated task rows', async () => {
    const result = await show([running.originalName, '-o', 'tsv']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]!.split('\t')).toHaveLength(10);
    expect(lines).toHaveLength(4);
    expect(lines[1]!.startsWith(`${running.jobHandle}\t${running.name}\tUpload\t`)).toBe(true);
  });

  it('flags a running job without progress for --stall-timeout; the default 30m does not yet', async () => {
    const flagged = await show([stuck.originalName, '--stall-timeout', '30s']);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toMatch(/^last update {4}1m ago \(2026-11-28 09:00\) {2}! stalled: no progress for 1m$/m);
    const quiet = await show([stuck.originalName]);
    expect(quiet.stdout).toMatch(/^last update {4}1m ago \(2026-11-28 09:00\)$/m);
    const coloured = await show([stuck.originalName, '--stall-timeout', '30s', '--color']);
    expect(coloured.stdout).toContain('\u001b[31m1m ago (2026-11-28 09:00)');
  });
});

describe('a job that is no longer active', () => {
  it('by name: a note on stderr and its log summary', async () => {
    const result = await show([done.originalName]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${done.name} is no longer active; showing its job log\n`);
    const out = result.stdout;
    expect(out).toMatch(new RegExp(`^name {11}${done.name}$`, 'm'));
    expect(out).toContain('status         succeeded with warnings: 2 warnings in 20 files\n');
    expect(out).toContain('log type       ImageServingPublishWarning\n');
    expect(out).toMatch(/^started {8}2h ago \(2026-11-28 07:00\)$/m);
    expect(out).toMatch(/^ended {10}\dh ago \(2026-11-28 07:01\)$/m);
    expect(out).toContain('duration       1m\n');
    expect(out).toContain('files          20 files, 18 succeeded, 0 errors, 2 warnings, 0 duplicates, 0 updated\n');
  });

  it('-o json: active: false and the log as IPS returned it (getJobLogs by name, getJobLogDetails by handle)', async () => {
    const byName = await show([done.originalName, '-o', 'json']);
    const [listed] = (await client.getJobLogs({ companyHandle: COMPANY })).filter((log) => log.jobHandle === done.jobHandle);
    expect(JSON.parse(byName.stdout)).toEqual({ schemaVersion: 1, active: false, log: listed });
    const byHandle = await show([done.jobHandle, '-o', 'ndjson']);
    expect(byHandle.code).toBe(0);
    expect(byHandle.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(byHandle.stdout)).toEqual({ schemaVersion: 1, active: false, log: await summaryLog(done) });
  });

  it('-o csv: one row of the log summary with the outcome', async () => {
    const result = await show([done.jobHandle, '-o', 'csv']);
    const [header, row, more] = result.stdout.split('\n');
    expect(header).toMatch(/^jobHandle,jobName,originalJobName,logType,.*,fatalError,description,outcome$/);
    expect(row).toMatch(new RegExp(`^${done.jobHandle.replace(/\|/g, '\\|')},${done.name},Show-Done,ImageServingPublishWarning,.*,succeeded_with_warnings$`));
    expect(more).toBe('');
  });

  it('-o wide adds transfers, the fatal-error flag and the number of log rows', async () => {
    const log = await summaryLog(done);
    const result = await show([done.jobHandle, '-o', 'wide']);
    expect(result.stdout).toContain('fatal error    no\n');
    expect(result.stdout).toContain(`log rows       ${log.detailTotalRows}\n`);
    expect(result.stdout).toContain('transfers      20 succeeded, 0 errors, 2 warnings\n');
  });

  it('--since narrows what a name can answer for', async () => {
    const result = await show([done.originalName, '--since', '1h']);
    expect(result.code).toBe(7);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ips-jobs: no job named "Show-Done" in Demo Company in the last 1h: none active and no job log. Check the name with 'ips-jobs list', or look further back with --since (e.g. --since 30d).\n`,
    );
  });
});

describe('naming the job', () => {
  it('a name answers with the newest job of that name: the active one', async () => {
    const result = await show([laterTwin.originalName, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc.active).toBe(true);
    expect(doc.job.jobHandle).toBe(laterTwin.jobHandle);
  });

  it('the unique name works as well as the original name', async () => {
    const result = await show([laterTwin.name, '-o', 'json']);
    expect(JSON.parse(result.stdout).job.jobHandle).toBe(laterTwin.jobHandle);
  });

  it('a handle answers with exactly that job, even an older finished one', async () => {
    const result = await show([earlierTwin.jobHandle, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${earlierTwin.name} is no longer active; showing its job log\n`);
    const doc = JSON.parse(result.stdout);
    expect(doc.active).toBe(false);
    expect(doc.log.jobHandle).toBe(earlierTwin.jobHandle);
  });

  it('not found anywhere: exit 7, one line', async () => {
    const byName = await show(['Never-Submitted']);
    expect(byName.code).toBe(7);
    expect(byName.stdout).toBe('');
    expect(byName.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(byName.stderr).toMatch(/^ips-jobs: no job named "Never-Submitted" in Demo Company in the last 7d: /);
    // A window given as a date is said as the instant it starts.
    const hourAgo = new Date(emulator.clock.now().getTime() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const since = await show(['Never-Submitted', '--since', hourAgo]);
    expect(since.code).toBe(7);
    expect(since.stderr).toMatch(new RegExp(`^ips-jobs: no job named "Never-Submitted" in Demo Company since ${hourAgo}: `));
    // One that starts ahead of the server's clock can hold no finished job: refused (docs/usage.md, "Times").
    const ahead = await show(['Never-Submitted', '--since', '+1h']);
    expect(ahead.code).toBe(2);
    expect(ahead.stderr).toMatch(/^ips-jobs: option '--since <time>' argument '\+1h' is invalid\. "\+1h" is after now: /);
    const byHandle = await show(['j|1001||Never-Submitted|1', '-o', 'json']);
    expect(byHandle.code).toBe(7);
    expect(byHandle.stdout).toBe('');
    expect(byHandle.stderr).toBe(
      'ips-jobs: no job with handle j|1001||Never-Submitted|1 in Demo Company: it is not active and has no job log. Check the handle, or name the job instead.\n',
    );
  });
});

describe('a name is resolved as wait resolves it (docs/usage.md, "Naming a job")', () => {
  let olderRunning: EmulatedJob;
  let newerDone: EmulatedJob;
  let longRunning: EmulatedJob;
  let pair: EmulatedJob[];
  let unended: EmulatedJob;

  beforeAll(() => {
    const ago = (minutes: number) => new Date(emulator.clock.now().getTime() - minutes * 60_000).toISOString();
    // An older job of the name still running, and a newer one of the same name that has already finished.
    olderRunning = emulator.ips.addJob({ originalName: 'Show-Dup', type: 'ImageServingPublish', waitMs: 0, durationMs: 4 * 3_600_000, files: 100, triggerAt: ago(90) });
    newerDone = emulator.ips.addJob({ originalName: 'Show-Dup', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 5, triggerAt: ago(30) });
    longRunning = emulator.ips.addJob({ originalName: 'Show-Long-Run', type: 'ImageServingPublish', waitMs: 0, durationMs: 4 * 3_600_000, files: 100, triggerAt: ago(120) });
    pair = [10, 5].map((minutes) =>
      emulator.ips.addJob({ originalName: 'Show-Pair', type: 'ImageServingPublish', waitMs: 0, durationMs: 3_600_000, files: 20, triggerAt: ago(minutes) }),
    );
    // Gone from the active list, and its log has no end yet.
    unended = emulator.ips.addJob({ originalName: 'Show-Unended', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 5, triggerAt: ago(60), logEndDelayMs: 24 * 3_600_000 });
  });

  it('a job gone from the active list whose log has no end yet: its name shows that log, not finished', async () => {
    const result = await show(['Show-Unended', '-o', 'json']);
    expect(result.stderr).toBe(`${unended.name} is no longer active; showing its job log\n`);
    expect(result.code).toBe(0);
    const [listed] = (await client.getJobLogs({ companyHandle: COMPANY })).filter((log) => log.jobHandle === unended.jobHandle);
    expect(listed?.endDate).toBeUndefined();
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, active: false, log: listed });
    const table = await show(['Show-Unended']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('status         not finished (the log has no end date yet)\n');
  });

  it('the newest job of the name: a newer finished job beats an older one still running', async () => {
    expect(olderRunning.job.state).toBe('Running');
    const result = await show(['Show-Dup', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${newerDone.name} is no longer active; showing its job log\n`);
    const doc = JSON.parse(result.stdout);
    expect(doc.active).toBe(false);
    expect(doc.log.jobHandle).toBe(newerDone.jobHandle);
  });

  it('a running job of the name is a candidate whatever its age: --since bounds only the logs', async () => {
    const result = await show(['Show-Long-Run', '--since', '1h', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc.active).toBe(true);
    expect(doc.job.jobHandle).toBe(longRunning.jobHandle);
  });

  it('two running jobs of the name are ambiguous: exit 2, one line naming each with its handle', async () => {
    const result = await show(['Show-Pair']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ips-jobs: Show-Pair is ambiguous: 2 active jobs have that name: .*; name one by its handle/);
    for (const job of pair) expect(result.stderr).toContain(`${job.name} (${job.jobHandle}, Running)`);
  });
});

describe('bad input: exit 2, one line, before any request', () => {
  it.each([
    { args: [], says: /missing required argument 'job'/ },
    { args: ['x', '-o', 'xml'], says: /expected one of: table, wide, json, ndjson, csv, tsv/ },
    { args: ['x', '--stall-timeout', 'soon'], says: /invalid duration "soon"/ },
    { args: ['x', '--since', 'yesterday'], says: /invalid time "yesterday"/ },
    { args: ['x', '--frobnicate'], says: /unknown option '--frobnicate'/ },
  ])('show $args', async ({ args, says }) => {
    const before = emulator.stats.requests;
    const result = await show(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(says);
    expect(emulator.stats.requests).toBe(before);
  });
});
