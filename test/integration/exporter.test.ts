// `ips-jobs exporter` as an operator runs it: two targets (two profiles of a config file, each its own emulator),
// /metrics and /healthz scraped over HTTP and read with an exposition-format parser, SIGTERM to stop.
// An exporter that serves is a process, for SIGTERM is its only stop; the runs that end before serving are in-process
// (runMain), but for a port another process holds (75, the exit status a systemd unit restarts on).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runCli, runMain, startCli, until, type RunningCli } from '../helpers/cli.js';
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
async function startExporter(args: string[], env: Record<string, string> = ENV()): Promise<{ cli: RunningCli; url: string }> {
  const cli = startCli(['exporter', '--listen', '127.0.0.1:0', '--interval', '100ms', ...args], { env, killAfterMs: 60_000 });
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
    const { cli, url } = await startExporter(['--target', 'prod', '--target', `stage:${company}`]);
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
    const { cli, url } = await startExporter(['--target', 'prod', '--target', 'stage']);
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
    const result = await runMain(['exporter', '--target', 'prod', '--target', 'nope'], { env: ENV() });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^ips-jobs: target "nope": profile "nope" not found in .*; profiles there: "prod", "stage"\n$/);
    expect(result.stdout).toBe('');
  });

  it('usage errors: no target, --target with --all-profiles, a target with an empty company, a bad --listen (exit 2)', async () => {
    for (const args of [[], ['--target', 'prod', '--all-profiles'], ['--target', 'prod:'], ['--target', 'prod', '--listen', 'localhost']]) {
      const result = await runMain(['exporter', ...args], { env: ENV() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

// An address the exporter cannot listen on is this machine's setup, not a bug of ips-jobs (not 70): one line naming the
// address and what to do, before anything is polled. A port another process holds may clear by itself (an exporter
// still stopping): 75, so a systemd unit restarts; the rest will not: 78.
describe('ips-jobs exporter, a --listen address it cannot listen on', () => {
  const listenOn = (address: string) => runMain(['exporter', '--target', 'prod', '--listen', address], { env: ENV() });

  it('a port another process holds: exit 75, one line naming the address', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      // A process: this exit status is what a systemd unit sees.
      const result = await runCli(['exporter', '--target', 'prod', '--listen', `127.0.0.1:${port}`], { env: ENV() });
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`ips-jobs: cannot listen on 127.0.0.1:${port} (--listen): another process is listening there; stop it or give another port\n`);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it.each([
    // TEST-NET-1 (RFC 5737): never an address of this machine.
    { address: '192.0.2.1:9464', line: 'cannot listen on 192.0.2.1:9464 (--listen): 192.0.2.1 is not an address of this machine; give one of its addresses, e.g. 127.0.0.1' },
    { address: 'nowhere.invalid:9464', line: 'cannot listen on nowhere.invalid:9464 (--listen): the host name nowhere.invalid does not resolve; give an address of this machine, e.g. 127.0.0.1' },
  ])('$address: exit 78, one line naming the address', async ({ address, line }) => {
    const result = await listenOn(address);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ips-jobs: ${line}\n`);
  });
});

// What happens at start to a target that cannot be polled: only what is known without the network stops the start;
// a target that IPS does not answer, refuses or does not know is served as down and retried, the others served.
describe('ips-jobs exporter, a target down at start', () => {
  /** A port where nothing listens (an emulator's, closed): a target there is down until an emulator starts on it. */
  let downPort: number;
  let downUrl: string;
  let startConfig: string;
  /** The live target's own emulator, with one running job. */
  let live: Emulator;

  beforeAll(async () => {
    live = await startEmulator({ speed: 0, jobs: 0 });
    live.ips.addJob({ originalName: 'Live-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20 });
    const gone = await startEmulator({ speed: 0, jobs: 0 });
    [downPort, downUrl] = [gone.port, gone.url];
    await gone.close();
    const login = { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-exporter-start-'));
    startConfig = path.join(dir, 'config.json');
    writeFileSync(
      startConfig,
      JSON.stringify({
        profiles: {
          live: { ...login, endpoint: live.url, company: DEMO_CREDENTIALS.companyHandle },
          // A company given by name: looked up only once the target answers.
          down: { ...login, endpoint: downUrl, company: DEMO_CREDENTIALS.company },
          refused: { username: DEMO_CREDENTIALS.username, password: 'not-the-password', endpoint: stage.url, company: DEMO_CREDENTIALS.company },
          nologin: { password: DEMO_CREDENTIALS.password, endpoint: stage.url, company: DEMO_CREDENTIALS.companyHandle },
          nopassword: { username: DEMO_CREDENTIALS.username, passwordFile: path.join(dir, 'no-such-password-file'), endpoint: stage.url, company: DEMO_CREDENTIALS.companyHandle },
        },
      }),
    );
    chmodSync(startConfig, 0o600);
  });

  afterAll(async () => {
    await live.close();
  });

  const START_ENV = () => ({ ...ENV(), IPS_JOBS_CONFIG: startConfig });

  /** The live target's running job: its series is there once the target has been polled. */
  const liveRunning = { target: 'live', type: 'ImageServingPublish', state: 'Running' };

  /** The body of /healthz once it answers 503 (a target is stale three intervals after the start at the earliest). */
  async function healthWhenUnhealthy(url: string): Promise<string> {
    const started = Date.now();
    for (;;) {
      const response = await fetch(`${url}/healthz`);
      const body = await response.text();
      if (response.status === 503) return body;
      if (Date.now() - started > 10_000) throw new Error(`/healthz still answers ${response.status} after 10 s: ${body}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('serves the others from the start and the down one as down: its errors counted, no last success, /healthz 503 naming it', async () => {
    const { cli, url } = await startExporter(['--target', 'down', '--target', 'live'], START_ENV());
    try {
      const families = await scrapeUntil(
        url,
        (f) => metricValue(f, 'ips_active_jobs', liveRunning) === 1 && (metricValue(f, 'ips_poll_errors_total', { target: 'down', kind: 'network' }) ?? 0) > 0,
      );
      // Labelled, before its company could be looked up, by the company as the profile gives it.
      expect(metricValue(families, 'ips_poll_errors_total', { target: 'down', company: DEMO_CREDENTIALS.company, region: 'custom', kind: 'network' })).toBeGreaterThan(0);
      expect(metricValue(families, 'ips_last_successful_poll_timestamp_seconds', { target: 'down' })).toBeUndefined();
      expect(metricValue(families, 'ips_last_successful_poll_timestamp_seconds', { target: 'live' })).toBeGreaterThan(0);
      const health = await healthWhenUnhealthy(url);
      expect(health).toMatch(/^stale: down: no successful poll in \S+ \(network: .+\)\n$/);
      expect(cli.stderr()).toMatch(/^ips-jobs: target down: poll failed \(network\): .+; next try in \S+$/m);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
  });

  it('a down target that comes up is resolved and polled by itself (backoff), and /healthz turns 200', async () => {
    const { cli, url } = await startExporter(['--target', 'down', '--target', 'live'], START_ENV());
    let revived: Emulator | undefined;
    try {
      await scrapeUntil(url, (f) => (metricValue(f, 'ips_poll_errors_total', { target: 'down', kind: 'network' }) ?? 0) >= 2);
      await healthWhenUnhealthy(url);
      revived = await startEmulator({ port: downPort, speed: 0, jobs: 0 });
      revived.ips.addJob({ originalName: 'Back-Publish', type: 'VideoPublish', waitMs: 0, durationMs: 600_000, files: 20 });
      const down = { target: 'down', company: DEMO_CREDENTIALS.company, region: 'custom' };
      const families = await scrapeUntil(url, (f) => metricValue(f, 'ips_active_jobs', { ...down, type: 'VideoPublish', state: 'Running' }) === 1);
      expect(metricValue(families, 'ips_last_successful_poll_timestamp_seconds', down)).toBeGreaterThan(0);
      // The company was looked up by name once, and kept.
      expect(revived.stats.byOperation.getCompanyInfo).toBe(1);
      const health = await fetch(`${url}/healthz`);
      expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
      expect(cli.stderr()).toMatch(/^ips-jobs: target down: recovered after \d+ failed polls?$/m);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
    await revived?.close();
  });

  it('a company name that IPS does not know: that target served as down with a line saying so; the others served', async () => {
    const { cli, url } = await startExporter(['--target', 'live:No Such Company', '--target', 'live'], START_ENV());
    try {
      const unknown = { target: 'live:No Such Company', company: 'No Such Company', region: 'custom', kind: 'fault' };
      const families = await scrapeUntil(url, (f) => metricValue(f, 'ips_active_jobs', liveRunning) === 1 && (metricValue(f, 'ips_poll_errors_total', unknown) ?? 0) > 0);
      expect(metricValue(families, 'ips_last_successful_poll_timestamp_seconds', { target: 'live:No Such Company' })).toBeUndefined();
      expect(await healthWhenUnhealthy(url)).toMatch(/^stale: live:No Such Company: no successful poll in \S+ \(fault: company "No Such Company" is not known to IPS/);
      expect(cli.stderr()).toMatch(/^ips-jobs: target live:No Such Company: poll failed \(fault\): company "No Such Company" is not known to IPS for this user \(.+\)/m);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
  });

  it('a login refused at start: its auth errors counted; the others served', async () => {
    const { cli, url } = await startExporter(['--target', 'refused', '--target', 'live'], START_ENV());
    try {
      const refused = { target: 'refused', kind: 'auth' };
      await scrapeUntil(url, (f) => metricValue(f, 'ips_active_jobs', liveRunning) === 1 && (metricValue(f, 'ips_poll_errors_total', refused) ?? 0) > 0);
      expect(cli.stderr()).toMatch(/^ips-jobs: target refused: poll failed \(auth\): /m);
      expect(cli.stderr()).not.toContain('not-the-password');
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
  });

  it('configuration errors still stop the start, exit 78 naming the target, whatever comes before it', async () => {
    for (const [bad, message] of [
      ['nope', /^ips-jobs: target "nope": profile "nope" not found in /],
      ['nologin', /^ips-jobs: target "nologin": no username: /],
      ['nopassword', /^ips-jobs: target "nopassword": .*no-such-password-file/],
    ] as const) {
      // The down target first: nothing is asked over the network before every target is known to be configured.
      const result = await runMain(['exporter', '--listen', '127.0.0.1:0', '--target', 'down', '--target', bad], { env: START_ENV() });
      expect(result.code, bad).toBe(78);
      expect(result.stderr, bad).toMatch(message);
      expect(result.stderr, bad).not.toContain('serving');
      expect(result.stdout, bad).toBe('');
    }
  });
});

// --max-job-series cuts the per-job series: counted in ips_job_series_dropped, and said on stderr when the cut starts
// and when it ends (once each, not every poll).
describe('ips-jobs exporter, more active jobs than --max-job-series', () => {
  let crowded: Emulator;
  let crowdedConfig: string;

  beforeAll(async () => {
    crowded = await startEmulator({ speed: 0, jobs: 0 });
    crowded.ips.addJob({ originalName: 'Long-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 10 * 3_600_000, files: 20 });
    crowded.ips.addJob({ originalName: 'Short-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 20 });
    crowded.ips.addJob({ originalName: 'Short-Upload', type: 'UploadFromServerDirectory', waitMs: 0, durationMs: 60_000, files: 20 });
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-exporter-crowded-'));
    crowdedConfig = path.join(dir, 'config.json');
    const login = { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };
    writeFileSync(crowdedConfig, JSON.stringify({ profiles: { crowded: { ...login, endpoint: crowded.url, company: DEMO_CREDENTIALS.companyHandle } } }));
    chmodSync(crowdedConfig, 0o600);
  });

  afterAll(async () => {
    await crowded.close();
  });

  const polls = () => crowded.stats.byOperation.getActiveJobs ?? 0;
  const CUT = 'ips-jobs: target crowded: 2 active jobs beyond --max-job-series 1 have no per-job series (counted in ips_job_series_dropped); raise --max-job-series to see them\n';
  const UNCUT = 'ips-jobs: target crowded: every active job has its per-job series again (--max-job-series 1)\n';
  const count = (text: string, line: string) => text.split(line).length - 1;

  it('says on stderr when the cut starts and when it ends, once each', async () => {
    const { cli, url } = await startExporter(['--target', 'crowded', '--max-job-series', '1'], { ...ENV(), IPS_JOBS_CONFIG: crowdedConfig });
    try {
      const families = await scrapeUntil(url, (f) => metricValue(f, 'ips_job_series_dropped', { target: 'crowded' }) === 2);
      expect(metricValue(families, 'ips_job_series_dropped', { target: 'crowded' })).toBe(2);
      await until(() => cli.stderr().includes(CUT), 10_000, 'the line saying the cut');
      const seen = polls();
      await until(() => polls() >= seen + 3, 10_000, 'three more polls');
      expect(count(cli.stderr(), CUT)).toBe(1);

      // The two short jobs end and leave the list: one job, one series, nothing cut.
      crowded.clock.advance(3_600_000);
      await scrapeUntil(url, (f) => metricValue(f, 'ips_job_series_dropped', { target: 'crowded' }) === 0);
      await until(() => cli.stderr().includes(UNCUT), 10_000, 'the line saying the cut ended');
      const later = polls();
      await until(() => polls() >= later + 3, 10_000, 'three more polls');
      expect(count(cli.stderr(), UNCUT)).toBe(1);
      expect(count(cli.stderr(), CUT)).toBe(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.result).code).toBe(0);
  });
});
