// `ips-jobs scheduled` against the emulator's schedules (frozen clock at 09:00 PST): every format, the
// filters, the sort, and trigger states as they change when a schedule is paused through the API.
// Every run is in-process (runMain): none needs a process of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import type { ScheduledJob } from '../../src/ips/types.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

let emulator: Emulator;
let client: IpsClient;
const COMPANY = DEMO_CREDENTIALS.companyHandle;

function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return demoEnv(emulator, { company: 'name' }, extra);
}

function scheduled(args: string[], extra: Record<string, string> = {}) {
  return runMain(['scheduled', ...args], { env: env(extra) });
}

async function schedules(): Promise<ScheduledJob[]> {
  return client.getScheduledJobs({ companyHandle: COMPANY });
}

const byName = (name: string) => (jobs: ScheduledJob[]) => jobs.find((job) => job.name === name)!;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
  client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
  // The scenario: three schedules in the demo company, one of them paused, firing at different times.
  const jobs = await schedules();
  expect(jobs.map((job) => job.name).sort()).toEqual(['Hourly-Supplier-Feed', 'Nightly-Full-Publish', 'Weekend-Video-Publish']);
  expect(byName('Weekend-Video-Publish')(jobs).triggerState).toBe('Paused');
});

afterAll(async () => {
  client?.close();
  await emulator.close();
});

describe('table output', () => {
  it('one row per schedule, soonest next firing first, no colour in a pipe', async () => {
    const result = await scheduled([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    // Relative times count from the server's clock plus the moments since its answer: 15m ahead reads "in 14m".
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('NAME                   TYPE                 SCHEDULE      NEXT FIRE                  ZONE  STATE   USER');
    // The type by its one name (IPS's UrlUpload logs as UploadUrls); csv keeps IPS's.
    expect(lines[1]).toMatch(/^Hourly-Supplier-Feed   UploadUrls           00 15 \* \* \*   2026-11-28 09:15 \(in 1[45]m\)  PST   Normal  ana\.lima@ips-jobs\.example$/);
    expect(lines[2]).toMatch(/^Nightly-Full-Publish   ImageServingPublish  00 00 02 \* \*  2026-11-29 02:00 \(in 1[67]h\)  PST   Normal  demo@ips-jobs\.example$/);
    expect(lines[3]).toMatch(/^Weekend-Video-Publish  VideoPublish         00 30 03 \* \*  2026-11-29 03:30 \(in 1[78]h\)  PST   Paused  publisher@ips-jobs\.example$/);
    expect(lines[4]).toBe('');
  });

  it('-o wide adds handle, original name, locale, description and the job-detail element', async () => {
    const result = await scheduled(['-o', 'wide']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/USER\s+HANDLE\s+ORIGINAL NAME\s+LOCALE\s+DESCRIPTION\s+JOB DETAIL$/);
    expect(rows.find((row) => row.startsWith('Nightly-Full-Publish'))).toMatch(
      /j\|1001\|Nightly-Full-Publish\|\s+Nightly-Full-Publish\s+en-US\s+Full image serving publish every night\s+imageServingPublishJob$/,
    );
    expect(rows.find((row) => row.startsWith('Hourly-Supplier-Feed'))).toMatch(/uploadUrlsJob$/);
  });

  it('--sort by another column, - for descending; --columns and --no-headers', async () => {
    const result = await scheduled(['--sort', '-name', '--columns', 'name,state', '--no-headers']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(['Weekend-Video-Publish  Paused', 'Nightly-Full-Publish   Normal', 'Hourly-Supplier-Feed   Normal', ''].join('\n'));
  });
});

describe('filters', () => {
  it.each([
    { args: ['--name', 'nightly-*'], names: ['Nightly-Full-Publish'] },
    { args: ['--type', 'UrlUpload,VideoPublish'], names: ['Hourly-Supplier-Feed', 'Weekend-Video-Publish'] },
    { args: ['--user', 'PUBLISHER@ips-jobs.example'], names: ['Weekend-Video-Publish'] },
    { args: ['--state', 'paused'], names: ['Weekend-Video-Publish'] },
    { args: ['--state', 'Normal', '--type', 'ImageServingPublish'], names: ['Nightly-Full-Publish'] },
  ])('$args', async ({ args, names }) => {
    const result = await scheduled([...args, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).scheduledJobs.map((job: ScheduledJob) => job.name)).toEqual(names);
  });

  it('nothing matching: an empty table in a pipe, [] in json, exit 0', async () => {
    const table = await scheduled(['--name', 'nothing-*']);
    expect(table).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const json = await scheduled(['--name', 'nothing-*', '-o', 'json']);
    expect(JSON.parse(json.stdout).scheduledJobs).toEqual([]);
  });
});

describe('machine formats', () => {
  it('-o json: schemaVersion, the company and the schedules exactly as IPS described them', async () => {
    const jobs = await schedules();
    const result = await scheduled(['-o', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.company).toEqual({ companyHandle: COMPANY, name: 'Demo Company' });
    expect(doc.scheduledJobs).toEqual(['Hourly-Supplier-Feed', 'Nightly-Full-Publish', 'Weekend-Video-Publish'].map((name) => byName(name)(jobs)));
  });

  it('-o ndjson: one schedule per line', async () => {
    const result = await scheduled(['-o', 'ndjson']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual(byName('Hourly-Supplier-Feed')(await schedules()));
  });

  it('-o csv and -o tsv: IPS field names, raw values', async () => {
    const jobs = await schedules();
    const nightly = byName('Nightly-Full-Publish')(jobs);
    const csv = await scheduled(['-o', 'csv', '--name', 'Nightly-*']);
    expect(csv.stdout).toBe(
      [
        'name,type,execSchedule,nextFireTime,timeZone,triggerState,submitUserEmail,jobHandle,originalName,locale,description,jobDetail',
        `Nightly-Full-Publish,ImageServingPublish,${nightly.execSchedule},${nightly.nextFireTime},PST,Normal,demo@ips-jobs.example,j|1001|Nightly-Full-Publish|,Nightly-Full-Publish,en-US,Full image serving publish every night,imageServingPublishJob`,
        '',
      ].join('\n'),
    );
    const tsv = await scheduled(['-o', 'tsv', '--columns', 'name,nextFireTime']);
    expect(tsv.stdout.split('\n')[0]).toBe('name\tnextFireTime');
    expect(tsv.stdout.split('\n')[1]).toBe(`Hourly-Supplier-Feed\t${byName('Hourly-Supplier-Feed')(jobs).nextFireTime}`);
  });
});

describe('trigger states', () => {
  it('a schedule paused through the API shows Paused, in yellow; Normal is green', async () => {
    await client.pauseJob({ companyHandle: COMPANY, jobHandle: 'j|1001|Hourly-Supplier-Feed|' });
    try {
      const result = await scheduled(['--state', 'Paused', '--columns', 'name,state', '--color']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Hourly-Supplier-Feed');
      expect(result.stdout).toContain('Weekend-Video-Publish');
      expect(result.stdout).toContain('\u001b[33mPaused\u001b[39m');
      expect(result.stdout).not.toContain('Nightly-Full-Publish');
      const normal = await scheduled(['--state', 'Normal', '--color']);
      expect(normal.stdout).toContain('\u001b[32mNormal\u001b[39m');
    } finally {
      await client.resumeJob({ companyHandle: COMPANY, jobHandle: 'j|1001|Hourly-Supplier-Feed|' });
    }
    const resumed = await scheduled(['--state', 'Paused', '-o', 'json']);
    expect(JSON.parse(resumed.stdout).scheduledJobs.map((job: ScheduledJob) => job.name)).toEqual(['Weekend-Video-Publish']);
  });
});

describe('bad input: exit 2, one line, before any request', () => {
  it.each([
    { args: ['--sort', 'colour'], says: /unknown sort field "colour"; accepted: name, type, schedule, next/ },
    { args: ['--columns', 'name,colour'], says: /unknown column "colour"/ },
    { args: ['-o', 'xml'], says: /expected one of: table, wide, json, ndjson, csv, tsv/ },
    { args: ['--frobnicate'], says: /unknown option '--frobnicate'/ },
  ])('scheduled $args', async ({ args, says }) => {
    const before = emulator.stats.requests;
    const result = await scheduled(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(says);
    expect(emulator.stats.requests).toBe(before);
  });

  it('without a company configured: exit 78 saying what to set', async () => {
    const result = await scheduled([], { IPS_JOBS_COMPANY: '' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('no company: set IPS_JOBS_COMPANY');
  });
});
