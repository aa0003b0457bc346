// `ips-jobs exporter` as an operator runs it: two targets (two profiles of a config file, each its own emulator),
// /metrics and /healthz scraped over HTTP and read with an exposition-format parser, SIGTERM to stop.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runCli, startCli, until, type RunningCli } from '../helpers/cli.js';
import { metricValue, scrapeUntil } from '../helpers/metrics.js';

let prod: Emulator;
let stage: Emulator;
let configFile: string;

beforeAll(async () => {
  [prod, stage] = await Promise.all([startEmulator({ speed: 0, jobs: 0 }), startEmulator({ speed: 0, jobs: 0 })]);
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-exporter-'));
  configFile = path.join(dir, 'config.json');
  const login = { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };
  writeFileSync(
    configFile,
    JSON.stringify({
      profiles: {
        prod: { ...login, endpoint: prod.url, company: DEMO_CREDENTIALS.companyHandle },
        stage: { ...login, endpoint: stage.url, company: DEMO_CREDENTIALS.companyHandle },
      },
    }),
  );
  chmodSync(configFile, 0o600);
});

afterAll(async () => {
  await Promise.all([prod.close(), stage.close()]);
});

/** The login variables of the environment are someone else's: targets take theirs from their profiles. */
const ENV = () => ({ IPS_JOBS_CONFIG: configFile, IPS_JOBS_USERNAME: 'someone-else@example.com', IPS_JOBS_PASSWORD: 'not-this-one' });

/** Starts the exporter on an ephemeral port and waits for the line that names its URL. */
async function startExporter(...args: string[]): Promise<{ cli: RunningCli; url: string }> {
  const cli = startCli(['exporter', '--listen', '127.0.0.1:0', '--interval', '100ms', ...args], { env: ENV(), killAfterMs: 60_000 });
  let url = '';
  await until(() => {
    url = /serving (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(cli.stderr())?.[1] ?? '';
    return url !== '' || cli.exited();
  }, 15_000, 'the exporter to listen');
  if (url === '') throw new Error(`the exporter did not start: ${cli.stderr()}`);
  return { cli, url };
}

describe('ips-jobs exporter', () => {
  it('serves the jobs of each target with its labels, /healthz 200, and stops on SIGTERM with exit 0', async () => {
    prod.ips.addJob({ originalName: 'Prod-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20 });
    stage.ips.addJob({ originalName: 'Stage-Video', type: 'VideoPublish', waitMs: 0, durationMs: 600_000, files: 20 });
    const company = DEMO_CREDENTIALS.company;
    const { cli, url } = await startExporter('--target', 'prod', '--target', `stage:${company}`);
    const running = (target: string, type: string) => ({ target, type, state: 'Running' });
    // The first scrape may come before the first poll of each target: scrape until both have been polled.
    const families = await scrapeUntil(url, (f) => metricValue(f, 'ips_active_jobs', running(`stage:${company}`, 'VideoPublish')) === 1 && metricValue(f, 'ips_active_jobs', running('prod', 'ImageServingPublish')) === 1);
    expect(metricValue(families, 'ips_active_jobs', { ...running('prod', 'ImageServingPublish'), company: DEMO_CREDENTIALS.companyHandle, region: 'custom' })).toBe(1);
    // A company named on the target is resolved by name, and labelled by it.
    expect(metricValue(families, 'ips_active_jobs', { ...running(`stage:${company}`, 'VideoPublish'), company })).toBe(1);
    expect(metricValue(families, 'ips_exporter_build_info', {})).toBe(1);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);

    cli.kill('SIGTERM');
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('ips-jobs: exporter stopped\n');
    expect(result.stderr).not.toContain(DEMO_CREDENTIALS.password);
  });

  it('one target going down: its errors counted, its last values kept, /healthz 503 naming it; the other goes on', async () => {
    prod.ips.addJob({ originalName: 'Prod-Down', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20 });
    const { cli, url } = await startExporter('--target', 'prod', '--target', 'stage');
    const prodRunning = { target: 'prod', type: 'ImageServingPublish', state: 'Running' };
    const before = await scrapeUntil(url, (f) => (metricValue(f, 'ips_active_jobs', prodRunning) ?? 0) >= 1);
    const kept = metricValue(before, 'ips_active_jobs', prodRunning);
    prod.faults.set('getActiveJobs:status=503');
    try {
      const stageAsked = stage.stats.byOperation.getActiveJobs ?? 0;
      // A 503 with a body that is not a SOAP answer: a protocol error.
      const after = await scrapeUntil(url, (f) => (metricValue(f, 'ips_poll_errors_total', { target: 'prod', kind: 'protocol' }) ?? 0) >= 2);
      expect(metricValue(after, 'ips_poll_errors_total', { target: 'prod', kind: 'network' })).toBe(0);
      expect(metricValue(after, 'ips_active_jobs', prodRunning)).toBe(kept);
      expect(metricValue(after, 'ips_poll_errors_total', { target: 'stage', kind: 'protocol' })).toBe(0);
      await until(() => (stage.stats.byOperation.getActiveJobs ?? 0) >= stageAsked + 3, 10_000, 'stage to go on polling');
      let health = await fetch(`${url}/healthz`);
      for (let i = 0; i < 200 && health.status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        health = await fetch(`${url}/healthz`);
      }
      expect(health.status).toBe(503);
      const body = await health.text();
      expect(body).toContain('prod');
      expect(body).not.toContain('stage');
      expect(cli.stderr()).toMatch(/prod/);
    } finally {
      prod.faults.clear();
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
  });

  it('a profile that does not exist: exit 78 and one line, before anything is served', async () => {
    const result = await runCli(['exporter', '--target', 'prod', '--target', 'nope'], { env: ENV() });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^ips-jobs: target "nope": profile "nope" not found in .*; profiles there: "prod", "stage"\n$/);
    expect(result.stdout).toBe('');
  });

  it('a company that IPS does not know: exit 78, naming the target', async () => {
    const result = await runCli(['exporter', '--target', 'prod:No Such Company'], { env: ENV() });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^ips-jobs: target "prod:No Such Company": company "No Such Company" is not known to IPS/);
  });

  it('usage errors: no target, --target with --all-profiles, a target with an empty company, a bad --listen (exit 2)', async () => {
    for (const args of [[], ['--target', 'prod', '--all-profiles'], ['--target', 'prod:'], ['--target', 'prod', '--listen', 'localhost']]) {
      const result = await runCli(['exporter', ...args], { env: ENV() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
