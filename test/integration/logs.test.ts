// `ips-jobs logs` as users and scripts run it: the CLI against the emulator over loopback
// (frozen clock, far from this machine's clock so only the server's clock can get the window right).
// Runs are in-process (runMain) but for those on a terminal: a pseudo-terminal needs a process of its own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient } from '../../src/ips/client.js';
import type { GetJobLogsInput, JobLog } from '../../src/ips/types.js';
import { runMain } from '../helpers/cli.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';
import { demoEnv } from '../helpers/demo-env.js';

const START = '2031-01-15T09:00:00.000-08:00';
const NOW_MS = Date.parse(START);
const HOUR = 3_600_000;

let emulator: Emulator;
/** What IPS holds for the demo company, read through the client: the expectation the CLI is held to. */
let lastDay: JobLog[];
let everything: JobLog[];
/** Every getJobLogs request the emulator served, as it read it. */
let received: GetJobLogsInput[] = [];

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'name' }, extra);
}

function logs(args: string[], extra: Record<string, string> = {}) {
  return runMain(['logs', ...args], { env: env(extra) });
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A bound the CLI worked out from the server's clock: that instant, give or take the milliseconds since the clock was read. */
function expectNear(sent: string | undefined, expected: number): void {
  const at = Date.parse(sent ?? '');
  expect(at).toBeGreaterThanOrEqual(expected);
  expect(at).toBeLessThan(expected + 60_000);
}

/** A finished job that started `hoursAgo` before the emulator's now. */
function finished(originalName: string, hoursAgo: number, options: Partial<Parameters<Emulator['ips']['addJob']>[0]> = {}) {
  return emulator.ips.addJob({
    originalName,
    type: 'ImageServingPublish',
    triggerAt: iso(NOW_MS - hoursAgo * HOUR),
    waitMs: 0,
    durationMs: 10 * 60_000,
    files: 12,
    errorFiles: 0,
    warningFiles: 0,
    ...options,
  });
}

const jsonLogs = (stdout: string) => (JSON.parse(stdout) as { logs: JobLog[] }).logs;
const jobNames = (list: JobLog[]) => list.map((log) => log.jobName);
const tableNames = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s{2,}/)[1]);

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  finished('Nightly-Publish', 5, { submitUserEmail: 'ana.lima@ips-jobs.example' });
  finished('Nightly-Publish', 29, { submitUserEmail: 'ana.lima@ips-jobs.example' });
  finished('Lookbook-Upload', 8, { type: 'UploadFromServerDirectory', outcome: 'warnings', warningFiles: 3, submitUserEmail: 'raj.patel@ips-jobs.example' });
  finished('Feed-Url-Upload', 11, { type: 'UrlUpload', outcome: 'failure', fatal: false, errorFiles: 4, durationMs: 40 * 60_000 });
  finished('Hero-Video-Publish', 14, { type: 'VideoPublish', outcome: 'failure', failAt: 0.5, submitUserEmail: 'raj.patel@ips-jobs.example' });
  finished('Banner-Renders', 17, { type: 'ImageRenderingPublish', outcome: 'warnings', warningFiles: 1, errorFiles: 1, durationMs: 2 * HOUR });
  finished('Legacy-Reoptimize', 20, { type: 'ImageOptimization' });
  finished('Archive-Upload', 40, { type: 'UploadFromServerDirectory' });

  // The job logs the interceptor sees are what the CLI sent over SOAP, as the emulator read them.
  const query = emulator.ips.queryJobLogs.bind(emulator.ips);
  emulator.ips.queryJobLogs = (input, companies) => {
    received.push(input);
    return query(input, companies);
  };
  const client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
  lastDay = await client.getJobLogs({ companyHandle: DEMO_CREDENTIALS.companyHandle, startDate: iso(NOW_MS - 24 * HOUR) });
  everything = await client.getJobLogs({ companyHandle: DEMO_CREDENTIALS.companyHandle });
  client.close();
  // The scenario: the generated history of the last 3 hours plus the jobs above; two are older than a day.
  expect(lastDay.length).toBeGreaterThanOrEqual(9);
  expect(everything.length - lastDay.length).toBe(2);
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  await emulator.close();
});

describe('table output', () => {
  it('shows the last 24 hours (server clock), newest first, with the derived type and a status', async () => {
    const result = await logs([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('\u001b');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+NAME\s+STARTED\s+DURATION\s+FILES\s+OK\s+W\s+E\s+STATUS\s+USER$/);
    expect(tableNames(result.stdout)).toEqual(jobNames(lastDay));
    expect(received).toHaveLength(1);
    expectNear(received[0]!.startDate, NOW_MS - 24 * HOUR);
    expect(received[0]!.endDate).toBeUndefined();

    const row = (name: string) => lines.find((line) => line.includes(` ${name}-`))!;
    const log = (name: string) => lastDay.find((l) => l.originalJobName === name)!;
    const counts = (name: string) => {
      const { totalFileCount, fileSuccessCount, fileWarningCount, fileErrorCount } = log(name);
      return `${totalFileCount}\\s+${fileSuccessCount}\\s+${fileWarningCount}\\s+${fileErrorCount}`;
    };
    expect(row('Nightly-Publish')).toMatch(
      new RegExp(`^ImageServingPublish\\s+Nightly-Publish-\\S+\\s+2031-01-15 04:00\\s+10m\\s+${counts('Nightly-Publish')}\\s+succeeded\\s+ana.lima@ips-jobs.example$`),
    );
    expect(row('Lookbook-Upload')).toMatch(new RegExp(`^Upload\\s.*\\s${counts('Lookbook-Upload')}\\s+with warnings\\s+raj.patel@ips-jobs.example$`));
    expect(log('Lookbook-Upload').fileWarningCount).toBe(3);
    expect(row('Feed-Url-Upload')).toMatch(new RegExp(`^UploadUrls\\s.*\\s40m\\s+${counts('Feed-Url-Upload')}\\s+failed\\s`));
    expect(log('Feed-Url-Upload').fileErrorCount).toBe(4);
    expect(row('Hero-Video-Publish')).toMatch(/^VideoPublish\s.*\sfailed\s/);
    expect(row('Banner-Renders')).toMatch(new RegExp(`^ImageRenderingPublish\\s.*\\s2h\\s+${counts('Banner-Renders')}\\s+failed\\s`));
    expect(row('Legacy-Reoptimize')).toMatch(/^Reoptimize\s/);
    expect(result.stdout).not.toContain('Archive-Upload');
  });

  it('works out the window by the server clock also when the company is a handle (no request before it)', async () => {
    const result = await logs(['-o', 'json'], { IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle });
    expect(result.code).toBe(0);
    expect(jobNames(jsonLogs(result.stdout))).toEqual(jobNames(lastDay));
    expectNear(received[0]!.startDate, NOW_MS - 24 * HOUR);
  });

  it('-o wide adds handle, log type, subtype, description and the other counts', async () => {
    const result = await logs(['-o', 'wide']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/STATUS\s+USER\s+HANDLE\s+LOG TYPE\s+SUBTYPE\s+DESCRIPTION\s+DUP\s+UPD\s+XFER\s+XFER W\s+XFER E$/);
    for (const log of lastDay) {
      const line = lines.find((l) => l.includes(`${log.jobHandle}`));
      expect(line, log.jobName).toBeDefined();
      expect(line).toContain(log.logType);
    }
  });

  it('--columns picks and orders columns, --no-headers drops the header', async () => {
    const result = await logs(['--columns', 'status,name', '--no-headers']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(lastDay.length);
    expect(lines.find((line) => line.includes('Lookbook-Upload'))).toMatch(/^with warnings\s+Lookbook-Upload-/);
  });

  it('an empty window prints nothing in a pipe and exits 0', async () => {
    const result = await logs(['--since', '2030-01-01T00:00:00Z', '--until', '2030-01-02T00:00:00Z']);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(received[0]).toMatchObject({ startDate: '2030-01-01T00:00:00.000Z', endDate: '2030-01-02T00:00:00.000Z' });
  });
});

describe('the time window', () => {
  it('--since reaches further back than the default 24 hours', async () => {
    const result = await logs(['--since', '3d', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(jobNames(jsonLogs(result.stdout))).toEqual(jobNames(everything));
    expect(result.stdout).toContain('Archive-Upload');
    expectNear(received[0]!.startDate, NOW_MS - 72 * HOUR);
  });

  it('--until ends it; both take durations and ISO dates with an offset', async () => {
    const result = await logs(['--since', '2031-01-13T09:00:00-08:00', '--until', '24h', '-o', 'json']);
    expect(result.code).toBe(0);
    const names = jobNames(jsonLogs(result.stdout));
    expect(names).toHaveLength(2);
    expect(names.every((name) => /^(Nightly-Publish|Archive-Upload)-/.test(name ?? ''))).toBe(true);
    expect(Date.parse(received[0]!.startDate!)).toBe(Date.parse('2031-01-13T17:00:00Z'));
    expectNear(received[0]!.endDate, NOW_MS - 24 * HOUR);
  });
});

describe('machine formats', () => {
  it('-o json: the company and each JobLog verbatim, nothing derived added', async () => {
    const result = await logs(['-o', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(doc).toEqual({
      schemaVersion: 1,
      company: { companyHandle: DEMO_CREDENTIALS.companyHandle, name: DEMO_CREDENTIALS.company },
      truncated: false,
      limit: null,
      logs: lastDay,
    });
    for (const log of doc.logs as Record<string, unknown>[]) {
      expect(log).not.toHaveProperty('jobType');
      expect(log).not.toHaveProperty('status');
      expect(log.detailArray).toEqual([]);
    }
  });

  it('-o ndjson: one JobLog per line', async () => {
    const result = await logs(['-o', 'ndjson']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as JobLog)).toEqual(lastDay);
  });

  it('-o csv: IPS field names plus jobType and status, values raw', async () => {
    const result = await logs(['-o', 'csv', '--type', 'Upload']);
    expect(result.code).toBe(0);
    const [header, row, ...rest] = result.stdout.trimEnd().split('\n');
    expect(header).toBe(
      'companyHandle,jobHandle,jobName,originalJobName,submitUserEmail,logType,jobType,jobSubType,startDate,endDate,description,fileSuccessCount,fileErrorCount,fileWarningCount,fileDuplicateCount,fileUpdateCount,totalFileCount,transferSuccessCount,transferErrorCount,transferWarningCount,fatalError,status',
    );
    expect(rest).toEqual([]);
    const log = lastDay.find((l) => l.originalJobName === 'Lookbook-Upload')!;
    expect(row).toBe(
      [
        log.companyHandle, log.jobHandle, log.jobName, log.originalJobName, log.submitUserEmail, 'UploadWarning', 'Upload', '', log.startDate, log.endDate,
        log.description, log.fileSuccessCount, 0, 3, log.fileDuplicateCount, log.fileUpdateCount, 12, log.transferSuccessCount, 0, 3, false, 'with warnings',
      ].join(','),
    );
  });

  it('-o tsv with --columns of IPS names and --no-headers', async () => {
    const result = await logs(['-o', 'tsv', '--columns', 'jobName,jobType,fileErrorCount,status', '--no-headers', '--failed']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    const failedNames = lastDay.filter((l) => l.fatalError || (l.fileErrorCount ?? 0) > 0 || /Failure$/.test(l.logType ?? ''));
    expect(failedNames.map((l) => l.originalJobName)).toEqual(expect.arrayContaining(['Feed-Url-Upload', 'Hero-Video-Publish', 'Banner-Renders']));
    expect(rows.map((r) => r[0])).toEqual(jobNames(failedNames));
    expect(rows.find((r) => r[0]?.startsWith('Feed-Url-Upload'))).toEqual([expect.stringMatching(/^Feed-Url-Upload-/), 'UploadUrls', '4', 'failed']);
  });
});

describe('filters', () => {
  it('--type takes the derived type, the raw log type or the job type list shows, comma-separated', async () => {
    const derived = await logs(['--type', 'videopublish', '-o', 'json']);
    expect(jobNames(jsonLogs(derived.stdout)).every((n) => /Video-Publish/.test(n ?? ''))).toBe(true);
    expect(jsonLogs(derived.stdout).some((l) => l.originalJobName === 'Hero-Video-Publish')).toBe(true);

    const raw = await logs(['--type', 'UploadWarning,ReoptimizeSuccess', '-o', 'json']);
    expect(jsonLogs(raw.stdout).map((l) => l.originalJobName).sort()).toEqual(['Legacy-Reoptimize', 'Lookbook-Upload']);

    const jobType = await logs(['--type', 'UrlUpload', '--type', 'ImageOptimization', '-o', 'json']);
    expect(jsonLogs(jobType.stdout).map((l) => l.originalJobName)).toEqual(
      lastDay.filter((l) => /^(UploadUrls|Reoptimize)/.test(l.logType ?? '')).map((l) => l.originalJobName),
    );
  });

  it('--user filters on the submitter e-mail, case-insensitively (getJobLogs only takes user handles)', async () => {
    const result = await logs(['--user', 'Raj.Patel@ips-jobs.example', '-o', 'json']);
    expect(jsonLogs(result.stdout)).toEqual(lastDay.filter((l) => l.submitUserEmail === 'raj.patel@ips-jobs.example'));
    expect(received[0]!.userHandle).toBeUndefined();
  });

  it('--failed follows --fail-on', async () => {
    const byDefault = jsonLogs((await logs(['--failed', '-o', 'json'])).stdout).map((l) => l.originalJobName);
    expect(byDefault).toEqual(expect.arrayContaining(['Feed-Url-Upload', 'Hero-Video-Publish', 'Banner-Renders']));
    expect(byDefault).not.toContain('Lookbook-Upload');
    const fatalOnly = jsonLogs((await logs(['--failed', '--fail-on', 'fatal', '-o', 'json'])).stdout).map((l) => l.originalJobName);
    expect(fatalOnly).toContain('Hero-Video-Publish');
    expect(fatalOnly).not.toContain('Feed-Url-Upload');
    const warningsToo = jsonLogs((await logs(['--failed', '--fail-on', 'warning', '-o', 'json'])).stdout).map((l) => l.originalJobName);
    expect(warningsToo).toContain('Lookbook-Upload');
  });

  it('--with-warnings keeps logs with warnings, errors or a failure', async () => {
    const result = await logs(['--with-warnings', '-o', 'json']);
    const kept = jsonLogs(result.stdout);
    expect(kept).toEqual(lastDay.filter((l) => (l.fileWarningCount ?? 0) > 0 || (l.fileErrorCount ?? 0) > 0 || l.fatalError || /Failure$/.test(l.logType ?? '')));
    expect(kept.map((l) => l.originalJobName)).toEqual(expect.arrayContaining(['Lookbook-Upload', 'Feed-Url-Upload', 'Hero-Video-Publish', 'Banner-Renders']));
    expect(kept.map((l) => l.originalJobName)).not.toContain('Legacy-Reoptimize');
  });

  it('--name is a glob over the unique and the original name', async () => {
    const result = await logs(['--name', 'nightly-*', '--since', '3d', '-o', 'json']);
    expect(jsonLogs(result.stdout).map((l) => l.originalJobName)).toEqual(['Nightly-Publish', 'Nightly-Publish']);
    const exact = await logs(['--name', 'Lookbook-Upload', '-o', 'json']);
    expect(jsonLogs(exact.stdout).map((l) => l.originalJobName)).toEqual(['Lookbook-Upload']);
  });

  it('--sort orders by a column word or an IPS field, - for descending', async () => {
    const byName = jsonLogs((await logs(['--sort', 'name', '-o', 'json'])).stdout);
    expect(jobNames(byName)).toEqual(jobNames(lastDay).sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en', { numeric: true })));
    const byDuration = jsonLogs((await logs(['--sort', '-duration', '-o', 'json'])).stdout);
    expect(byDuration[0]!.originalJobName).toBe('Banner-Renders');
    const byErrors = jsonLogs((await logs(['--sort', '-fileErrorCount', '-o', 'json'])).stdout);
    expect(byErrors[0]!.originalJobName).toBe('Feed-Url-Upload');
  });
});

describe('--limit', () => {
  it('without filters, asks IPS for one row more than it prints (numRows) and prints the newest n', async () => {
    const result = await logs(['--limit', '3', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(jobNames(jsonLogs(result.stdout))).toEqual(jobNames(lastDay).slice(0, 3));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ numRows: 4, sortBy: 'StartDate', sortDirection: 'Descending' });
  });

  it('with a filter, fetches without numRows and caps after filtering', async () => {
    const result = await logs(['--limit', '2', '--with-warnings', '-o', 'json']);
    expect(result.code).toBe(0);
    const expected = lastDay.filter((l) => (l.fileWarningCount ?? 0) > 0 || (l.fileErrorCount ?? 0) > 0 || l.fatalError || /Failure$/.test(l.logType ?? ''));
    expect(expected.length).toBeGreaterThan(2);
    expect(jsonLogs(result.stdout)).toEqual(expected.slice(0, 2));
    expect(received).toHaveLength(1);
    expect(received[0]!.numRows).toBeUndefined();
  });

  it('with a sort IPS cannot do, fetches without numRows and caps after sorting', async () => {
    const result = await logs(['--limit', '1', '--sort', '-duration', '-o', 'json']);
    expect(jsonLogs(result.stdout).map((l) => l.originalJobName)).toEqual(['Banner-Renders']);
    expect(received[0]!.numRows).toBeUndefined();
  });

  it('has no default in a pipe or a file (a terminal defaults to 200), and 0 means no cap', async () => {
    await logs([]);
    expect(received[0]!.numRows).toBeUndefined();
    const all = await logs(['--limit', '0', '--since', '3d', '-o', 'json']);
    expect(jsonLogs(all.stdout)).toHaveLength(everything.length);
    expect(received[1]!.numRows).toBeUndefined();
  });
});

describe('bad flag values: exit 2, one line, no request', () => {
  it.each([
    [['--since', 'yesterday'], /--since.*invalid time "yesterday"/],
    [['--since', '2031-01-14T09:00:00+01'], /--since.*invalid time "2031-01-14T09:00:00\+01"/],
    [['--since', '1h', '--until', '2h'], /--until must be later than --since/],
    [['--limit', 'ten'], /--limit.*whole number/],
    [['--sort', 'colour'], /unknown sort field "colour"/],
    [['--columns', 'name,colour'], /unknown column "colour"/],
    [['--fail-on', 'sometimes'], /--fail-on.*expected one of: fatal, error, warning/],
    [['-o', 'xml'], /--output.*expected one of/],
  ])('logs %j', async (args, message) => {
    const before = emulator.stats.requests;
    const result = await logs(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(emulator.stats.requests).toBe(before);
  });

  it('a duration and a date in the wrong order are caught once the server clock is known, before getJobLogs', async () => {
    const result = await logs(['--since', '1h', '--until', '2031-01-14T09:00:00-08:00']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--until must be later than --since/);
    expect(received).toHaveLength(0);
  });
});

describe('on a terminal', () => {
  it('colours failed rows red and rows with warnings yellow', async () => {
    const { code, screen } = await onTerminal(['logs'], env(), { columns: 200 });
    expect(code).toBe(0);
    const lines = screen.split(/\r?\n/);
    expect(lines.find((line) => line.includes('Hero-Video-Publish'))).toContain('\u001b[31m');
    expect(lines.find((line) => line.includes('Lookbook-Upload'))).toContain('\u001b[33m');
    expect(lines.find((line) => line.includes('Legacy-Reoptimize'))).not.toMatch(/\u001b\[3[13]m/);
  });

  it('says when --limit cut rows: the total after filtering, or "more than" when IPS capped them', async () => {
    const filtered = await onTerminal(['logs', '--limit', '2', '--with-warnings'], env(), { columns: 200 });
    const total = lastDay.filter((l) => (l.fileWarningCount ?? 0) > 0 || (l.fileErrorCount ?? 0) > 0 || l.fatalError || /Failure$/.test(l.logType ?? '')).length;
    expect(stripAnsi(filtered.screen)).toContain(`showing 2 of ${total} logs (--limit)`);
    const capped = await onTerminal(['logs', '--limit', '2'], env(), { columns: 200 });
    expect(stripAnsi(capped.screen)).toContain('showing 2 of more than 2 logs (--limit)');
    const whole = await onTerminal(['logs', '--limit', '50'], env(), { columns: 200 });
    expect(stripAnsi(whole.screen)).not.toContain('showing');
  });

  it('defaults to --limit 200 on a terminal, asking IPS for 201 rows', async () => {
    const { code } = await onTerminal(['logs'], env(), { columns: 200 });
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ numRows: 201, sortBy: 'StartDate', sortDirection: 'Descending' });
  });
});

describe('no limit cuts silently', () => {
  /** Logs of a week long ago (the week of the help's csv example), more than a terminal's default 200. */
  const WEEK_START = Date.parse('2026-11-01T00:00:00Z');
  const WEEK_LOGS = 205;

  beforeAll(() => {
    for (let i = 0; i < WEEK_LOGS; i++) {
      emulator.ips.addJob({
        originalName: `Week-Export-${i}`,
        type: 'ImageServingPublish',
        triggerAt: iso(WEEK_START + HOUR + i * 45 * 60_000),
        waitMs: 0,
        durationMs: 60_000,
        files: 1,
        errorFiles: 0,
        warningFiles: 0,
      });
    }
  });

  it("the help's csv example exports every row of the week", async () => {
    const help = await runMain(['logs', '--help'], { env: env() });
    expect(help.code).toBe(0);
    const example = help.stdout.split('\n').find((line) => / -o csv > \S+\.csv$/.test(line));
    expect(example, help.stdout).toBeDefined();
    const words = example!.trim().split(/\s+/);
    expect(words.slice(0, 2)).toEqual(['ips-jobs', 'logs']);
    const result = await runMain(words.slice(1, words.indexOf('>')), { env: env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^companyHandle,jobHandle,jobName,/);
    expect(rows).toHaveLength(WEEK_LOGS);
    expect(received).toHaveLength(1);
    expect(received[0]!.numRows).toBeUndefined();
  });

  it.each(['table', 'wide', 'csv', 'tsv', 'json', 'ndjson'])('an explicit --limit that cuts -o %s in a pipe says so on stderr', async (format) => {
    const result = await logs(['--limit', '2', '-o', format]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('showing 2 of more than 2 logs (--limit); --limit 0 shows them all\n');
  });

  it('after filtering, the notice has the total', async () => {
    const result = await logs(['--limit', '2', '--with-warnings', '-o', 'csv']);
    const total = lastDay.filter((l) => (l.fileWarningCount ?? 0) > 0 || (l.fileErrorCount ?? 0) > 0 || l.fatalError || /Failure$/.test(l.logType ?? '')).length;
    expect(total).toBeGreaterThan(2);
    expect(result.stderr).toBe(`showing 2 of ${total} logs (--limit); --limit 0 shows them all\n`);
  });

  it('-o json says truncated and the limit, cut or not', async () => {
    const cut = await logs(['--limit', '2', '-o', 'json']);
    expect(JSON.parse(cut.stdout)).toEqual({
      schemaVersion: 1,
      company: { companyHandle: DEMO_CREDENTIALS.companyHandle, name: DEMO_CREDENTIALS.company },
      truncated: true,
      limit: 2,
      logs: lastDay.slice(0, 2),
    });
    const roomy = await logs(['--limit', '50', '-o', 'json']);
    expect(JSON.parse(roomy.stdout)).toMatchObject({ truncated: false, limit: 50, logs: lastDay });
    expect(roomy.stderr).toBe('');
    const unlimited = await logs(['-o', 'json']);
    expect(JSON.parse(unlimited.stdout)).toMatchObject({ truncated: false, limit: null, logs: lastDay });
  });
});

describe('--sort with --limit: the limit cuts the order shown', () => {
  /**
   * A day long ago holding only these five, named so that IPS's own JobName and Email order (by code point: batch-10
   * before batch-7, Bea before abe) is not ours (natural and case-insensitive: batch-7 before batch-10, abe before Bea).
   */
  const DAY = ['--since', '2026-10-01T00:00:00Z', '--until', '2026-10-02T00:00:00Z'];
  const BATCHES: [name: string, user: string][] = [
    ['batch-7', 'Bea@ips-jobs.example'],
    ['batch-8', 'Cal@ips-jobs.example'],
    ['batch-9', 'Dee@ips-jobs.example'],
    ['batch-10', 'amy@ips-jobs.example'],
    ['batch-11', 'abe@ips-jobs.example'],
  ];

  beforeAll(() => {
    BATCHES.forEach(([originalName, submitUserEmail], i) => {
      emulator.ips.addJob({
        originalName,
        submitUserEmail,
        type: 'ImageServingPublish',
        triggerAt: iso(Date.parse('2026-10-01T01:00:00Z') + i * HOUR),
        waitMs: 0,
        durationMs: 60_000,
        files: 1,
        errorFiles: 0,
        warningFiles: 0,
      });
    });
  });

  const originalNames = (stdout: string) => jsonLogs(stdout).map((log) => log.originalJobName);

  it.each([
    ['name', ['batch-7', 'batch-8', 'batch-9', 'batch-10', 'batch-11']],
    ['-name', ['batch-11', 'batch-10', 'batch-9', 'batch-8', 'batch-7']],
    ['user', ['batch-11', 'batch-10', 'batch-7', 'batch-8', 'batch-9']],
  ])('--sort %s --limit 2 prints the first two of the order --limit 0 prints', async (sort, order) => {
    const all = await logs([...DAY, '--sort', sort, '--limit', '0', '-o', 'json']);
    expect(originalNames(all.stdout)).toEqual(order);
    const cut = await logs([...DAY, '--sort', sort, '--limit', '2', '-o', 'json']);
    expect(cut.code).toBe(0);
    expect(jsonLogs(cut.stdout)).toEqual(jsonLogs(all.stdout).slice(0, 2));
    expect(cut.stderr).toBe('showing 2 of 5 logs (--limit); --limit 0 shows them all\n');
  });

  it('the table too: --sort name --limit 2 shows batch-7 and batch-8', async () => {
    const result = await logs([...DAY, '--sort', 'name', '--limit', '2', '--columns', 'name', '--no-headers']);
    expect(result.stdout.trimEnd().split('\n').map((line) => line.replace(/-2026-.*$/, ''))).toEqual(['batch-7', 'batch-8']);
  });
});
