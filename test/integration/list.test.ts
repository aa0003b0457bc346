// `ips-jobs list` as users and scripts run it: the CLI against the emulator on loopback with a frozen clock,
// through the real client over real HTTP. Every run is in-process (runMain): none needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient } from '../../src/ips/client.js';
import type { ActiveJob } from '../../src/ips/types.js';
import { jobTypeName } from '../../src/jobs/log-type.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

let emulator: Emulator;
/** What IPS holds for the demo company, read through the client: the expectation the CLI is held to. */
let activeJobs: ActiveJob[];
let activeWithoutWaiting: ActiveJob[];

const WAITING = new Set(['New', 'WaitingClient', 'WaitingCoordinator']);

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'name' }, extra);
}

async function list(args: string[], extra: Record<string, string> = {}) {
  return runMain(['list', ...args], { env: env(extra) });
}

function names(jobs: ActiveJob[]): string[] {
  return jobs.map((job) => job.name ?? '');
}

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, seed: 1, jobs: 16 });
  // A job whose name holds a comma, quotes, a newline and a terminal escape: for csv and the table.
  emulator.ips.addJob({
    originalName: 'Odd, "quoted"\nname \u001b[2J',
    type: 'ImageServingPublish',
    companyHandle: DEMO_CREDENTIALS.companyHandle,
    submitUserEmail: 'ana.lima@ips-jobs.example',
    waitMs: 0,
    durationMs: 3_600_000,
  });
  const client = await createIpsClient({
    endpoint: emulator.url,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    appVersion: 'test',
  });
  activeJobs = await client.getActiveJobs({ companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true });
  activeWithoutWaiting = await client.getActiveJobs({ companyHandle: DEMO_CREDENTIALS.companyHandle });
  client.close();
  // The scenario the tests rely on: several states, waiting jobs, more than one type and submitter.
  expect(activeJobs.length).toBeGreaterThan(6);
  expect(activeJobs.some((job) => WAITING.has(job.state ?? ''))).toBe(true);
  expect(activeWithoutWaiting.length).toBeLessThan(activeJobs.length);
});

afterAll(async () => {
  await emulator.close();
});

describe('table output', () => {
  it('shows a header and one row per active job, waiting jobs included, without colour in a pipe', async () => {
    const result = await list([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+STATE\s+PROGRESS\s+TASKS\s+MESSAGE\s+STARTED\s+UPDATED\s+USER$/);
    expect(lines).toHaveLength(activeJobs.length + 1);
    expect(result.stdout).not.toContain('\u001b');
    for (const job of activeJobs.filter((j) => !j.name?.startsWith('Odd'))) {
      const row = lines.find((line) => line.startsWith(`${job.name} `));
      expect(row, job.name).toBeDefined();
      expect(row).toContain(job.state);
      expect(row).toContain(`${job.progress}%`);
      expect(row).toContain(job.submitUserEmail);
    }
  });

  it('escapes terminal control characters from the server instead of printing them', async () => {
    const result = await list(['--name', 'Odd*']);
    expect(result.stdout).toContain('\\n');
    expect(result.stdout).toContain('\\x1b[2J');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('-o wide adds handle, server, company, trigger, size and description', async () => {
    const result = await list(['-o', 'wide']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/USER\s+HANDLE\s+SERVER\s+COMPANY\s+TRIGGER\s+SIZE\s+DESCRIPTION$/);
    expect(rows).toHaveLength(activeJobs.length);
    for (const job of activeJobs.filter((j) => !j.name?.startsWith('Odd'))) {
      expect(result.stdout).toContain(job.jobHandle);
      expect(result.stdout).toContain(job.serverName);
    }
  });

  it('--columns picks columns and --no-headers drops the header', async () => {
    const result = await list(['--columns', 'state,name', '--no-headers', '--sort', 'name']);
    expect(result.code).toBe(0);
    const rows = result.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(activeJobs.length);
    const sorted = [...activeJobs].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'en', { numeric: true }));
    expect(rows[0]).toMatch(new RegExp(`^${sorted[0]!.state}\\s+`));
    expect(rows.every((row) => !row.includes('PROGRESS'))).toBe(true);
  });

  it('colours rows when asked with --color, and FORCE_COLOR does the same in a pipe', async () => {
    expect((await list(['--color'])).stdout).toContain('\u001b[');
    expect((await list([], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await list([], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b');
  });
});

describe('machine formats', () => {
  it('-o json: schemaVersion, the company, and the jobs exactly as IPS described them', async () => {
    const result = await list(['-o', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.company).toEqual({ companyHandle: 'c|1001', name: 'Demo Company' });
    // IPS's fields as they are, plus jobType: the one name of the type (UploadFromServerDirectory logs as Upload).
    expect(doc.jobs).toEqual(activeJobs.map((job) => ({ ...job, jobType: jobTypeName(job.type) })));
    expect(doc.jobs.find((job: ActiveJob) => job.type === 'UploadFromServerDirectory')?.jobType).toBe('Upload');
    for (const job of doc.jobs) {
      expect(Array.isArray(job.taskProgressArray)).toBe(true);
      expect(job.startDate).toMatch(/T\d\d:\d\d:\d\d\.\d{3}-08:00$/);
      expect(typeof job.progress).toBe('number');
    }
    // The terminal escape reaches JSON raw (JSON-escaped), not mangled.
    expect(doc.jobs.some((job: ActiveJob) => job.name?.includes('\u001b[2J'))).toBe(true);
  });

  it('-o ndjson: one parseable job per line', async () => {
    const result = await list(['-o', 'ndjson']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line))).toEqual(activeJobs.map((job) => ({ ...job, jobType: jobTypeName(job.type) })));
  });

  it('-o csv: a header of IPS field names and one quoted row per job', async () => {
    const result = await list(['-o', 'csv']);
    expect(result.code).toBe(0);
    const header = result.stdout.split('\n')[0];
    expect(header).toBe(
      'jobHandle,name,originalName,type,state,progress,progressMessage,submitUserEmail,startDate,lastProgressUpdate,triggerTime,serverName,companyHandle,totalSize,locale,description,tasks,jobDetail',
    );
    expect(result.stdout).toContain('"Odd, ""quoted""\nname \u001b[2J');
    const first = activeJobs.find((job) => !job.name?.startsWith('Odd'))!;
    expect(result.stdout).toContain(`${first.jobHandle},${first.name},${first.originalName},${first.type},${first.state},${first.progress},`);
  });

  it('-o tsv: escaped tabs and newlines, one line per job', async () => {
    const result = await list(['-o', 'tsv', '--columns', 'jobHandle,name,state']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('jobHandle\tname\tstate');
    expect(lines).toHaveLength(activeJobs.length + 1);
    expect(result.stdout).toContain('Odd, "quoted"\\nname');
  });
});

describe('filters and sorting', () => {
  it('--state keeps only jobs in those states (case-insensitive, comma-separated)', async () => {
    const result = await list(['-o', 'json', '--state', 'running,New']);
    const jobs: ActiveJob[] = JSON.parse(result.stdout).jobs;
    const expected = activeJobs.filter((job) => job.state === 'Running' || job.state === 'New');
    expect(names(jobs)).toEqual(names(expected));
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('--type keeps only jobs of that type', async () => {
    const result = await list(['-o', 'json', '--type', 'VideoPublish']);
    const jobs: ActiveJob[] = JSON.parse(result.stdout).jobs;
    expect(names(jobs)).toEqual(names(activeJobs.filter((job) => job.type === 'VideoPublish')));
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('--name matches the name or the original name with a glob', async () => {
    const byOriginal = await list(['-o', 'json', '--name', 'holiday-banner-*']);
    const jobs: ActiveJob[] = JSON.parse(byOriginal.stdout).jobs;
    expect(names(jobs)).toEqual(names(activeJobs.filter((job) => job.originalName === 'Holiday-Banner-Renders')));
    expect(jobs.length).toBeGreaterThan(0);
    const exact = await list(['-o', 'json', '--name', 'Holiday-Banner-Renders']);
    expect(names(JSON.parse(exact.stdout).jobs)).toEqual(names(jobs));
  });

  it('--user keeps jobs submitted by that user', async () => {
    const result = await list(['-o', 'json', '--user', 'RAJ.PATEL@ips-jobs.example']);
    const jobs: ActiveJob[] = JSON.parse(result.stdout).jobs;
    expect(names(jobs)).toEqual(names(activeJobs.filter((job) => job.submitUserEmail === 'raj.patel@ips-jobs.example')));
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('--no-waiting does not ask for waiting jobs', async () => {
    const result = await list(['-o', 'json', '--no-waiting']);
    const jobs: ActiveJob[] = JSON.parse(result.stdout).jobs;
    expect(names(jobs)).toEqual(names(activeWithoutWaiting));
    expect(jobs.some((job) => WAITING.has(job.state ?? ''))).toBe(false);
  });

  it('--sort -progress sorts by progress, highest first', async () => {
    const result = await list(['-o', 'json', '--sort', '-progress']);
    const progress = (JSON.parse(result.stdout).jobs as ActiveJob[]).map((job) => job.progress ?? -1);
    expect(progress).toEqual([...progress].sort((a, b) => b - a));
    expect(new Set(progress).size).toBeGreaterThan(1);
  });

  it('filters combine: state and user together', async () => {
    const result = await list(['-o', 'json', '--state', 'Running', '--user', 'demo@ips-jobs.example']);
    const jobs: ActiveJob[] = JSON.parse(result.stdout).jobs;
    const expected = activeJobs.filter((job) => job.state === 'Running' && job.submitUserEmail === 'demo@ips-jobs.example');
    expect(names(jobs)).toEqual(names(expected));
  });
});

describe('the company', () => {
  it('a handle is used as given, without a lookup', async () => {
    const before = emulator.stats.byOperation.getCompanyInfo ?? 0;
    const result = await list(['-o', 'json', '--company', 'c|1002']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.company).toEqual({ companyHandle: 'c|1002' });
    expect(doc.jobs.length).toBeGreaterThan(0);
    expect(doc.jobs.every((job: ActiveJob) => job.companyHandle === 'c|1002')).toBe(true);
    expect(emulator.stats.byOperation.getCompanyInfo ?? 0).toBe(before);
  });

  it('a handle of digits only (as Adobe documents `47` beside `c|21`) is sent as given, without a lookup', async () => {
    // The emulator's company with such a handle; the demo user is one of its members.
    const job = emulator.ips.addJob({ originalName: 'Digits-Handle-Publish', type: 'ImageServingPublish', companyHandle: '47', waitMs: 0, durationMs: 3_600_000 });
    const before = emulator.stats.byOperation.getCompanyInfo ?? 0;
    const result = await list(['-o', 'json', '--company', '47']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.company).toEqual({ companyHandle: '47' });
    expect(doc.jobs.map((j: ActiveJob) => [j.name, j.companyHandle])).toEqual([[job.name, '47']]);
    expect(emulator.stats.byOperation.getCompanyInfo ?? 0).toBe(before);
  });

  it('a name is resolved once with getCompanyInfo', async () => {
    const before = emulator.stats.byOperation.getCompanyInfo ?? 0;
    const result = await list(['-o', 'json', '--company', 'Kestrel Outdoor']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).company).toEqual({ companyHandle: 'c|1002', name: 'Kestrel Outdoor' });
    expect(emulator.stats.byOperation.getCompanyInfo).toBe(before + 1);
  });

  it('an unknown name is a configuration error (78) in one line', async () => {
    const result = await list(['--company', 'No Such Company']);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('company "No Such Company"');
  });

  it('a company the user is not a member of is refused (4)', async () => {
    const result = await list(['--company', 'c|1003']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^ips-jobs: not authorised \(getActiveJobs\): .*authorizationFault 20006/);
  });
});

describe('no active jobs', () => {
  let empty: Emulator;
  beforeAll(async () => {
    empty = await startEmulator({ speed: 0, jobs: 0 });
  });
  afterAll(async () => {
    await empty.close();
  });

  it.each([
    { output: 'table', stdout: '' },
    { output: 'ndjson', stdout: '' },
    { output: 'csv', stdout: 'jobHandle,name,originalName,type,state,progress,progressMessage,submitUserEmail,startDate,lastProgressUpdate,triggerTime,serverName,companyHandle,totalSize,locale,description,tasks,jobDetail\n' },
  ])('-o $output prints only what a script expects, exit 0', async ({ output, stdout }) => {
    const result = await runMain(['list', '-o', output], { env: { ...env(), IPS_JOBS_ENDPOINT: empty.url } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe('');
  });

  it('-o json gives an empty jobs array', async () => {
    const result = await runMain(['list', '-o', 'json'], { env: { ...env(), IPS_JOBS_ENDPOINT: empty.url } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, company: { companyHandle: 'c|1001', name: 'Demo Company' }, jobs: [] });
  });
});
