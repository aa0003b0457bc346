// `ips-jobs log <job>` against the emulator: naming a job, the summary, and every page of a long log
// (3,006 detail rows: 4 pages of getJobLogDetails), streamed, filtered and cut short.
// Runs are in-process (runMain) but for the one on a terminal: a pseudo-terminal needs a process of its own.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import type { GetJobLogDetailsInput, JobLog, JobLogDetail } from '../../src/ips/types.js';
import { runMain } from '../helpers/cli.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';
import { demoEnv } from '../helpers/demo-env.js';

const START = '2031-01-15T09:00:00.000-08:00';
const NOW_MS = Date.parse(START);
const HOUR = 3_600_000;

let emulator: Emulator;
/** Every getJobLogDetails request the emulator served, as it read it. */
let detailRequests: GetJobLogDetailsInput[] = [];
let mega: JobLog;
let newer: JobLog;
let older: JobLog;
let ancient: JobLog;
let runningHandle: string;

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'handle' }, extra);
}

function log(args: string[]) {
  return runMain(['log', ...args], { env: env() });
}

/** A finished job that started `hoursAgo` before the emulator's now; returns its log with every detail row. */
function finished(originalName: string, hoursAgo: number, options: Partial<Parameters<Emulator['ips']['addJob']>[0]> = {}): JobLog {
  const rec = emulator.ips.addJob({
    originalName,
    type: 'UploadFromServerDirectory',
    triggerAt: new Date(NOW_MS - hoursAgo * HOUR).toISOString(),
    waitMs: 0,
    durationMs: 10 * 60_000,
    files: 5,
    errorFiles: 0,
    warningFiles: 0,
    ...options,
  });
  const stored = emulator.ips.jobLogs.find((l) => l.jobHandle === rec.jobHandle);
  if (!stored) throw new Error(`no log for ${rec.jobHandle}`);
  return stored;
}

const summaryOf = ({ detailArray: _rows, ...summary }: JobLog) => summary;
const ndjson = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as JobLogDetail);
const detailCalls = () => detailRequests.length;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  mega = finished('Mega-Upload', 3, { files: 3000, errorFiles: 7, warningFiles: 5, durationMs: HOUR });
  older = finished('Daily-Publish', 30, { type: 'ImageServingPublish', files: 8, outcome: 'warnings', warningFiles: 2 });
  newer = finished('Daily-Publish', 2, { type: 'ImageServingPublish', files: 4 });
  ancient = finished('Ancient-Publish', 10 * 24, { type: 'ImageServingPublish' });
  runningHandle = emulator.ips.addJob({ originalName: 'Still-Running', type: 'UploadFromServerDirectory', waitMs: 0, durationMs: HOUR, files: 50 }).jobHandle;

  const query = emulator.ips.queryJobLogDetails.bind(emulator.ips);
  emulator.ips.queryJobLogDetails = (input) => {
    detailRequests.push(input);
    return query(input);
  };
  // The scenario the paging tests rely on: more than 2,500 detail rows, errors spread through them.
  expect(mega.detailArray.length).toBe(3006);
  expect(mega.detailArray.filter((d) => d.logType === 'UploadError')).toHaveLength(7);
});

beforeEach(() => {
  detailRequests = [];
});

afterAll(async () => {
  await emulator.close();
});

describe('naming the job', () => {
  it('a name is the newest log of that name: its summary, then its detail rows', async () => {
    const result = await log(['Daily-Publish']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [summary, table] = result.stdout.split('\n\n');
    expect(summary).toContain(`Job:         ${newer.jobName} (submitted as Daily-Publish)`);
    expect(summary).toContain(`Handle:      ${newer.jobHandle}`);
    expect(summary).toMatch(/Type:\s+ImageServingPublish \(log type ImageServingPublishSuccess/);
    expect(summary).toMatch(/Status:\s+succeeded \(4 files\)/);
    expect(summary).toContain(`Details:     ${newer.detailArray.length} rows`);
    const lines = table!.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+LOG TYPE\s+ASSET\s+ASSET TYPE\s+MESSAGE$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[1])).toEqual(newer.detailArray.map((d) => d.logType));
    expect(emulator.stats.byOperation.getJobLogs).toBeGreaterThan(0);
    expect(detailRequests).toEqual([
      { companyHandle: DEMO_CREDENTIALS.companyHandle, jobHandle: newer.jobHandle, recordsPerPage: 1000, resultsPage: 1 },
    ]);
  });

  it('the older job of the same name answers to its unique name and to its handle', async () => {
    for (const ref of [older.jobName!, older.jobHandle!]) {
      const result = await log([ref, '-o', 'json']);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout) as { log: JobLog };
      expect(doc.log.jobHandle).toBe(older.jobHandle);
      expect(doc.log.fileWarningCount).toBe(2);
    }
  });

  it('a name looks back 7 days by default; --since reaches further', async () => {
    const missed = await log(['Ancient-Publish']);
    expect(missed.code).toBe(7);
    expect(missed.stdout).toBe('');
    const found = await log(['Ancient-Publish', '--since', '14d', '-o', 'json']);
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as { log: JobLog }).log.jobHandle).toBe(ancient.jobHandle);
  });

  it('globs name the newest matching log', async () => {
    const result = await log(['daily-*', '-o', 'json']);
    expect((JSON.parse(result.stdout) as { log: JobLog }).log.jobHandle).toBe(newer.jobHandle);
  });

  it('a running job has a log by handle, without an end yet', async () => {
    const result = await log([runningHandle]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Ended:\s+not yet/);
    expect(result.stdout).toMatch(/Status:\s+running/);
  });

  it('an unknown name or handle is exit 7 with one line, and nothing on stdout', async () => {
    const byName = await log(['No-Such-Job']);
    expect(byName.code).toBe(7);
    expect(byName.stdout).toBe('');
    // What was searched: the active list, and the logs since when.
    expect(byName.stderr).toMatch(/^ips-jobs: no active job and no job log since 2031-01-08T17:00:\d\dZ named No-Such-Job\. .*--since/);
    expect(byName.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(detailCalls()).toBe(0);

    const byHandle = await log(['j|1001||Nope|1']);
    expect(byHandle.code).toBe(7);
    expect(byHandle.stdout).toBe('');
    expect(byHandle.stderr).toMatch(/^ips-jobs: no job log for j\|1001\|\|Nope\|1 /);
    expect(byHandle.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a name is resolved as wait and show resolve it (docs/usage.md, "Naming a job")', () => {
  let pair: string[];
  let olderRunning: string;
  let newerDone: JobLog;
  let unended: string;

  beforeAll(() => {
    const ago = (hours: number) => new Date(NOW_MS - hours * HOUR).toISOString();
    pair = [0.5, 0.25].map(
      (hours) => emulator.ips.addJob({ originalName: 'Log-Pair', type: 'ImageServingPublish', triggerAt: ago(hours), waitMs: 0, durationMs: HOUR, files: 20 }).jobHandle,
    );
    olderRunning = emulator.ips.addJob({ originalName: 'Log-Dup', type: 'ImageServingPublish', triggerAt: ago(2), waitMs: 0, durationMs: 4 * HOUR, files: 20 }).jobHandle;
    newerDone = finished('Log-Dup', 1, { type: 'ImageServingPublish', durationMs: 60_000 });
    // Gone from the active list an hour ago, and its log has no end yet.
    unended = emulator.ips.addJob({
      originalName: 'Log-Unended',
      type: 'ImageServingPublish',
      triggerAt: ago(2),
      waitMs: 0,
      durationMs: HOUR,
      files: 6,
      logEndDelayMs: 24 * HOUR,
    }).jobHandle;
  });

  it('a job gone from the active list whose log has no end yet: its name prints that log, which logs lists as running', async () => {
    const listed = await runMain(['logs', '--name', 'Log-Unended', '-o', 'csv', '--columns', 'jobHandle,status', '--no-headers'], { env: env() });
    expect(listed.stdout).toBe(`${unended},running\n`);
    const result = await log(['Log-Unended']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Handle:      ${unended}`);
    expect(result.stdout).toMatch(/Ended:\s+not yet/);
    expect(result.stdout).toMatch(/Status:\s+running/);
    expect(detailRequests).toEqual([expect.objectContaining({ jobHandle: unended, resultsPage: 1 })]);
  });

  it('the name of a running job prints its log, as its handle does', async () => {
    const result = await log(['Still-Running']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Handle:      ${runningHandle}`);
    expect(result.stdout).toMatch(/Status:\s+running/);
    expect(detailRequests).toEqual([expect.objectContaining({ jobHandle: runningHandle, resultsPage: 1 })]);
  });

  it('a newer finished job of the name beats an older one still running', async () => {
    const result = await log(['Log-Dup', '-o', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { log: JobLog }).log.jobHandle).toBe(newerDone.jobHandle);
    expect(detailRequests.map((r) => r.jobHandle)).not.toContain(olderRunning);
  });

  it('two running jobs of the name are ambiguous: exit 2, one line naming each with its handle, no log read', async () => {
    const result = await log(['Log-Pair']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ips-jobs: Log-Pair is ambiguous: 2 active jobs have that name: .*; name one by its handle/);
    for (const handle of pair) expect(result.stderr).toContain(handle);
    expect(detailCalls()).toBe(0);
  });
});

describe('paging through a long log', () => {
  it('asks for every page of 1000 until detailTotalRows: ceil(3006 / 1000) = 4 calls, rows in order', async () => {
    const result = await log([mega.jobHandle!, '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout)).toEqual(mega.detailArray);
    expect(detailRequests.map((r) => [r.recordsPerPage, r.resultsPage])).toEqual([
      [1000, 1],
      [1000, 2],
      [1000, 3],
      [1000, 4],
    ]);
  });

  it('-o json: the summary without detailArray, and every row', async () => {
    const result = await log(['Mega-Upload', '-o', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toEqual({ schemaVersion: 1, log: { ...summaryOf(mega), detailTotalRows: 3006 }, truncated: false, limit: null, details: mega.detailArray });
    expect(detailCalls()).toBe(4);
  });

  it('the table prints the summary once, a header once, every row and its aux messages as sub-lines', async () => {
    const result = await log([mega.jobHandle!]);
    expect(result.code).toBe(0);
    const [summary, table] = result.stdout.split('\n\n');
    expect(summary).toMatch(/Status:\s+failed \(7 file errors\)/);
    expect(summary).toMatch(/Files:\s+3000 total/);
    const lines = table!.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('TIME '))).toHaveLength(1);
    const auxCount = mega.detailArray.reduce((n, d) => n + d.auxArray.length, 0);
    expect(auxCount).toBe(12);
    expect(lines).toHaveLength(1 + 3006 + auxCount);
    expect(lines.filter((line) => /^\s+↳ /.test(line))).toHaveLength(auxCount);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('-o csv streams every row under one header; tsv joins aux messages into one field', async () => {
    const csv = await log([mega.jobHandle!, '-o', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('dateCreated,logType,assetName,assetType,assetHandle,logMessage,auxMessages');
    expect(lines).toHaveLength(3007);
    expect(lines.filter((line) => line.startsWith('dateCreated,'))).toHaveLength(1);

    const tsv = await log([mega.jobHandle!, '-o', 'tsv', '--no-headers', '--columns', 'logType,assetName,auxMessages', '--type', 'UploadError']);
    const rows = tsv.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    const errors = mega.detailArray.filter((d) => d.logType === 'UploadError');
    expect(rows).toEqual(errors.map((d) => ['UploadError', d.assetName, d.auxArray.map((a) => `${a.logType}: ${a.logMessage}`).join('; ')]));
  });

  it('--limit stops paging once enough rows were printed', async () => {
    const few = await log([mega.jobHandle!, '--limit', '10', '-o', 'ndjson']);
    expect(ndjson(few.stdout)).toEqual(mega.detailArray.slice(0, 10));
    expect(detailCalls()).toBe(1);

    detailRequests = [];
    const some = await log([mega.jobHandle!, '--limit', '1500', '-o', 'ndjson']);
    expect(ndjson(some.stdout)).toEqual(mega.detailArray.slice(0, 1500));
    expect(detailCalls()).toBe(2);
  });

  it('--errors keeps rows about errors and failures, from every page', async () => {
    const result = await log([mega.jobHandle!, '--errors', '-o', 'ndjson']);
    const errors = mega.detailArray.filter((d) => /Error|Failure|Fatal/i.test([d.logType, ...d.auxArray.map((a) => a.logType)].join(' ')));
    expect(errors.map((d) => d.logType)).toEqual(Array(7).fill('UploadError'));
    expect(ndjson(result.stdout)).toEqual(errors);
    expect(detailCalls()).toBe(4);
  });

  it('--errors with --limit stops at the page holding one matching row more than it prints (the proof of a cut)', async () => {
    const result = await log([mega.jobHandle!, '--errors', '--limit', '2', '-o', 'ndjson']);
    const errors = mega.detailArray.map((d, index) => ({ d, index })).filter(({ d }) => d.logType === 'UploadError');
    expect(ndjson(result.stdout)).toEqual(errors.slice(0, 2).map(({ d }) => d));
    expect(result.stderr).toBe('showing the first 2 detail rows (--limit); --limit 0 shows them all\n');
    const pagesNeeded = Math.floor(errors[2]!.index / 1000) + 1;
    expect(pagesNeeded).toBeLessThan(4);
    expect(detailCalls()).toBe(pagesNeeded);
  });

  it('--type asks IPS for those log types only (logTypeArray)', async () => {
    const result = await log([mega.jobHandle!, '--type', 'UploadWarning,UploadError', '-o', 'json']);
    const doc = JSON.parse(result.stdout) as { log: JobLog; details: JobLogDetail[] };
    expect(doc.details).toEqual(mega.detailArray.filter((d) => d.logType === 'UploadWarning' || d.logType === 'UploadError'));
    expect(doc.log.detailTotalRows).toBe(12);
    expect(detailRequests).toEqual([expect.objectContaining({ logTypeArray: ['UploadWarning', 'UploadError'], resultsPage: 1 })]);
  });

  it('--sort logtype / -date map to sortBy LogType / Date Descending', async () => {
    const byType = await log([newer.jobHandle!, '--sort', 'logtype', '-o', 'ndjson']);
    const types = ndjson(byType.stdout).map((d) => d.logType ?? '');
    expect(types).toEqual([...types].sort());
    expect(detailRequests[0]).toMatchObject({ sortBy: 'LogType' });
    expect(detailRequests[0]!.sortDirection).toBeUndefined();

    const newestFirst = await log([newer.jobHandle!, '--sort', '-date', '-o', 'ndjson']);
    expect(ndjson(newestFirst.stdout)[0]!.logType).toBe('EndImageServingPublish');
    expect(detailRequests[1]).toMatchObject({ sortBy: 'Date', sortDirection: 'Descending' });
  });

  it('-o wide adds the asset handle', async () => {
    const result = await log([newer.jobHandle!, '-o', 'wide']);
    const table = result.stdout.split('\n\n')[1]!;
    expect(table.split('\n')[0]).toMatch(/MESSAGE\s+ASSET HANDLE$/);
    const withAsset = newer.detailArray.find((d) => d.assetHandle)!;
    expect(table).toContain(withAsset.assetHandle);
  });
});

describe('a log written while its pages are fetched', () => {
  let growing: string;
  const written = (d: JobLogDetail) => d.logType === 'Info';

  beforeAll(() => {
    // Half-way through 5000 files: some 2500 detail rows, three pages, and more to come.
    growing = emulator.ips.addJob({
      originalName: 'Growing-Log',
      type: 'ImageServingPublish',
      triggerAt: new Date(NOW_MS - HOUR / 2).toISOString(),
      waitMs: 0,
      durationMs: HOUR,
      files: 5000,
    }).jobHandle;
  });

  afterEach(() => {
    emulator.ips.logRowsWrittenPerDetailPage = 0;
  });

  // Three rows are written after each of the three pages; those written before the last page and sorting after it
  // (oldest first: all six) are printed, the others were not there when their place was read.
  it.each([
    ['-date', 0],
    ['-logtype', 0],
    ['date', 6],
  ])('--sort %s prints no row twice and loses none, while rows are written between page requests', async (sort, printedSince) => {
    const before = ndjson((await log([growing, '--sort', sort, '-o', 'ndjson'])).stdout);
    expect(before.length).toBeGreaterThan(2000);

    detailRequests = [];
    emulator.ips.logRowsWrittenPerDetailPage = 3;
    const result = await log([growing, '--sort', sort, '-o', 'ndjson']);
    expect(result.code).toBe(0);
    expect(detailRequests.map((r) => r.resultsPage)).toEqual([1, 2, 3]);
    const rows = ndjson(result.stdout);
    const key = (d: JobLogDetail) => JSON.stringify(d);
    expect(rows.length - new Set(rows.map(key)).size).toBe(0);
    // Every row the log held before, once each and in order; the only others are rows written since.
    const known = new Set(before.map(key));
    expect(rows.filter((d) => known.has(key(d)))).toEqual(before);
    expect(rows.filter((d) => !known.has(key(d))).every(written)).toBe(true);
    expect(rows.length - before.length).toBe(printedSince);
  });
});

describe('--limit never cuts silently', () => {
  it.each(['table', 'wide', 'csv', 'tsv', 'json', 'ndjson'])('a cut -o %s in a pipe is said on stderr', async (format) => {
    const result = await log([mega.jobHandle!, '--limit', '10', '-o', format]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('showing the first 10 detail rows (--limit); --limit 0 shows them all\n');
  });

  it('-o json says truncated and the limit', async () => {
    const cut = await log([mega.jobHandle!, '--limit', '10', '-o', 'json']);
    expect(JSON.parse(cut.stdout)).toEqual({
      schemaVersion: 1,
      log: { ...summaryOf(mega), detailTotalRows: 3006 },
      truncated: true,
      limit: 10,
      details: mega.detailArray.slice(0, 10),
    });
  });

  it('a limit that leaves nothing out says nothing, and json has truncated false', async () => {
    const rows = newer.detailArray.length;
    const exact = await log([newer.jobHandle!, '--limit', String(rows), '-o', 'json']);
    expect(exact.stderr).toBe('');
    expect(JSON.parse(exact.stdout)).toMatchObject({ truncated: false, limit: rows, details: newer.detailArray });
    const roomy = await log([newer.jobHandle!, '--limit', '5000', '-o', 'csv']);
    expect(roomy.stderr).toBe('');
    expect(roomy.stdout.trimEnd().split('\n')).toHaveLength(rows + 1);
  });
});

describe('--errors --limit says a cut only when an error row was left out', () => {
  /** 1,500 files over two pages of details, those at `errorsAt` with an error. */
  const files = (errorsAt: number[]) =>
    Array.from({ length: 1500 }, (_, i) => ({ name: `DemoCompany/incoming/file-${i}.tif`, ...(errorsAt.includes(i) ? { error: 'unreadable TIFF' } : {}) }));
  const errorRows = (log: JobLog) => log.detailArray.filter((d) => d.logType === 'UploadError');
  let five: JobLog;
  let six: JobLog;

  beforeAll(() => {
    five = finished('Five-Errors', 5, { namedFiles: files([0, 1, 2, 3, 4]), errorFiles: undefined });
    six = finished('Six-Errors', 5, { namedFiles: files([0, 1, 2, 3, 4, 1400]), errorFiles: undefined });
    // Every error of `five` on the first page, and a second page after it; `six` has one more on the second page.
    expect(five.detailArray.length).toBeGreaterThan(1000);
    expect(five.detailArray.findLastIndex((d) => d.logType === 'UploadError')).toBeLessThan(1000);
    expect(six.detailArray.findLastIndex((d) => d.logType === 'UploadError')).toBeGreaterThanOrEqual(1000);
  });

  it('exactly --limit error rows: all printed, no notice, truncated false', async () => {
    const result = await log([five.jobHandle!, '--errors', '--limit', '5', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ truncated: false, limit: 5, details: errorRows(five) });
    expect(detailRequests.map((r) => r.resultsPage)).toEqual([1, 2]);
  });

  it('one error row more than --limit, on a later page: the notice, truncated true', async () => {
    const result = await log([six.jobHandle!, '--errors', '--limit', '5', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('showing the first 5 detail rows (--limit); --limit 0 shows them all\n');
    expect(JSON.parse(result.stdout)).toMatchObject({ truncated: true, limit: 5, details: errorRows(six).slice(0, 5) });
    expect(detailRequests.map((r) => r.resultsPage)).toEqual([1, 2]);
  });
});

describe('bad flag values: exit 2, one line, no request', () => {
  it.each([
    [['Daily-Publish', '--sort', 'size'], /--sort.*expected date or logtype/],
    [['Daily-Publish', '--limit', 'all'], /--limit.*whole number/],
    [['Daily-Publish', '--since', 'last week'], /--since.*invalid time/],
    [['Daily-Publish', '-o', 'yaml'], /--output.*expected one of/],
    [['Daily-Publish', '--columns', 'time,colour'], /unknown column "colour"/],
    [['Daily-Publish', '--fail-on', 'never'], /--fail-on.*expected one of/],
    [[], /missing required argument 'job'/],
  ])('log %j', async (args, message) => {
    const before = emulator.stats.requests;
    const result = await log(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(emulator.stats.requests).toBe(before);
  });
});

describe('on a terminal', () => {
  it('colours error rows red and says when --limit cut the rows', async () => {
    const { code, screen } = await onTerminal(['log', mega.jobHandle!, '--errors', '--limit', '3'], env(), { columns: 160 });
    expect(code).toBe(0);
    const lines = screen.split(/\r?\n/);
    expect(lines.filter((line) => line.includes('UploadError') && line.includes('\u001b[31m'))).toHaveLength(3);
    expect(stripAnsi(screen)).toContain('showing the first 3 detail rows (--limit)');
  });
});
