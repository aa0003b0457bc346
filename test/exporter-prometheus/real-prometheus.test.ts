// The exporter as Prometheus itself sees it: the engine polls an emulator, `promtool check metrics` reads a scrape of
// /metrics, and a real Prometheus server (Debian's `prometheus`) scrapes the exporter every second, with the example
// alert rules loaded, until its HTTP API answers the emulator's job with the labels the rules and README promise.
// The same Prometheus then runs every panel query of the Grafana dashboard (examples/grafana/ips-jobs.json), its
// variables substituted as Grafana does: a second target has every situation a panel shows (a stalled job, a job
// finished with file errors and warnings, jobs beyond --max-job-series, a failed poll).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startExporter, type RunningExporter } from '../../src/exporter/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { metricValue, scrapeUntil } from '../helpers/metrics.js';
import { checkPanelQueries, panelQueries, readDashboard, regexValue, variableValues, type PanelQuery } from './grafana-dashboard.js';
import { run, tools } from './tools.js';

const RULES = path.join(REPO_ROOT, 'examples/prometheus/ips-jobs.rules.yml');
const TARGET = 'prom-test';
/** The target of the dashboard's situations, on another company, labelled by its handle (a regex character to escape). */
const DASHBOARD_TARGET = 'prom-dashboard';
const DASHBOARD_COMPANY = 'c|1002';
const binaries = tools('promtool', 'prometheus');

/** What to close after the tests, last opened first. */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls `probe` (never a fixed sleep) until it returns something other than undefined. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port free at the time of asking (Prometheus takes an address, not port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface PrometheusServer {
  url: string;
  output(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A Prometheus server scraping `exporterUrl` every second, with the example rules, on a port of its own; resolves once ready. */
async function startPrometheus(exporterUrl: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-prometheus-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [RULES],
    scrape_configs: [{ job_name: 'ips-jobs', static_configs: [{ targets: [new URL(exporterUrl).host] }] }],
  };
  // JSON is YAML: no YAML writer needed.
  writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));
  // The port is free when asked but could be taken before Prometheus binds it: a few tries.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      'prometheus',
      [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    const stop = async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    };
    cleanups.push(async () => {
      if (gone) return;
      child.kill('SIGKILL');
      await exited;
    });
    const url = `http://127.0.0.1:${port}`;
    const ready = await eventually(async () => {
      if (gone) return false;
      const response = await fetch(`${url}/-/ready`);
      return response.ok ? true : undefined;
    }, 'Prometheus to be ready');
    if (ready) return { url, output: () => output, stop };
    if (attempt >= 3 || !/address already in use/.test(output)) throw new Error(`prometheus exited before it was ready:\n${output}`);
  }
}

interface QueryResult {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(prometheus: PrometheusServer, promql: string): Promise<QueryResult[]> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { status: string; data?: { resultType: string; result: QueryResult[] }; error?: string };
  if (body.status !== 'success' || !body.data) throw new Error(`query ${promql}: ${body.error ?? response.status}`);
  return body.data.result;
}

interface AlertingRule {
  name: string;
  type: string;
  health: string;
  lastError?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}


describe.skipIf(binaries.skip)(`a real Prometheus server scraping the exporter${binaries.note}`, () => {
  let emulator: Emulator;
  let exporter: RunningExporter;
  let prometheus: PrometheusServer;
  let job: { name: string };
  /** A scrape once both targets have been polled. */
  let scrape: string;

  beforeAll(async () => {
    binaries.require();
    emulator = await startEmulator({ speed: 0, jobs: 0 });
    cleanups.push(() => emulator.close());
    job = emulator.ips.addJob({ originalName: 'Prometheus-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20 });
    // The dashboard's target: three active jobs, one of them stalled for 39 minutes (past the 30-minute stall window).
    const dashboardJob = { companyHandle: DASHBOARD_COMPANY, waitMs: 0 };
    const now = emulator.clock.now().getTime();
    emulator.ips.addJob({ ...dashboardJob, originalName: 'Dashboard-Publish', type: 'ImageServingPublish', durationMs: 7_200_000, files: 200 });
    emulator.ips.addJob({ ...dashboardJob, originalName: 'Dashboard-Video', type: 'VideoPublish', durationMs: 7_200_000, files: 200 });
    emulator.ips.addJob({ ...dashboardJob, originalName: 'Dashboard-Stalled', type: 'ImageServingPublish', outcome: 'stall', stallAt: 0.05, durationMs: 7_200_000, files: 200, triggerAt: new Date(now - 45 * 60_000).toISOString() });
    // A job that appears in 2 minutes, after the exporter's first poll, and ends with file errors and a warning.
    emulator.ips.addJob({ ...dashboardJob, originalName: 'Dashboard-Failing', type: 'ImageServingPublish', outcome: 'failure', fatal: false, errorFiles: 2, warningFiles: 1, files: 10, durationMs: 30_000, triggerAt: new Date(now + 120_000).toISOString() });
    emulator.clock.advance(60_000);
    const client: IpsClient = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
    cleanups.push(() => client.close());
    exporter = await startExporter({
      targets: [
        { name: TARGET, region: 'custom', companyHandle: DEMO_CREDENTIALS.companyHandle, company: DEMO_CREDENTIALS.company, client },
        { name: DASHBOARD_TARGET, region: 'custom', companyHandle: DASHBOARD_COMPANY, company: DASHBOARD_COMPANY, client },
      ],
      intervalMs: 200,
      stallWindowMs: 30 * 60_000,
      // The dashboard's target has three active jobs: one is left without per-job series.
      maxJobSeries: 2,
      failOn: 'error',
      host: '127.0.0.1',
      port: 0,
      version: 'test',
    });
    cleanups.push(() => exporter.close());

    // A scrape once each target has been polled (for promtool), then the failing job's whole life in one step of
    // the emulator's clock, and one failed poll.
    scrape = await eventually(async () => {
      const text = await (await fetch(`${exporter.url}/metrics`)).text();
      return [TARGET, DASHBOARD_TARGET].every((target) => text.includes(`ips_last_successful_poll_timestamp_seconds{target="${target}"`)) ? text : undefined;
    }, 'the first poll of both targets');
    emulator.clock.advance(5 * 60_000);
    const dashboardLabels = { target: DASHBOARD_TARGET, company: DASHBOARD_COMPANY };
    await scrapeUntil(
      exporter.url,
      (f) =>
        metricValue(f, 'ips_jobs_finished_total', { ...dashboardLabels, outcome: 'failed' }) === 1 &&
        metricValue(f, 'ips_stalled_jobs', dashboardLabels) === 1 &&
        metricValue(f, 'ips_job_series_dropped', dashboardLabels) === 1,
      'the failed job counted, the stalled job and the dropped series',
    );
    emulator.faults.set('getActiveJobs#1:status=503');
    await scrapeUntil(exporter.url, (f) => [TARGET, DASHBOARD_TARGET].some((target) => (metricValue(f, 'ips_poll_errors_total', { target, kind: 'protocol' }) ?? 0) >= 1), 'a failed poll');
    emulator.faults.clear();

    // Prometheus scrapes the exporter every second; the panels' rate() and increase() need two samples of each series.
    prometheus = await startPrometheus(exporter.url);
    await eventually(async () => {
      const [scrapes] = await query(prometheus, 'count_over_time(up{job="ips-jobs"}[1h])');
      return Number(scrapes?.value[1] ?? 0) >= 2 ? true : undefined;
    }, `two scrapes by Prometheus (its log:\n${prometheus.output()})`);
  }, 90_000);

  it('promtool check metrics passes on a scrape; Prometheus stores the jobs with their labels and evaluates the example rules', async () => {
    // 1. The scrape as promtool's linter reads the exposition format.
    const lint = await run('promtool', ['check', 'metrics'], { input: scrape });
    expect(lint.code, `${lint.stdout}${lint.stderr}\n${scrape}`).toBe(0);

    // 2. Prometheus's API answers the job with every label.
    const labels = { job: 'ips-jobs', instance: new URL(exporter.url).host, target: TARGET, company: DEMO_CREDENTIALS.company, region: 'custom' };
    const active = await query(prometheus, `ips_active_jobs{target="${TARGET}"}`);
    expect(active.map((sample) => [sample.metric, sample.value[1]])).toEqual([
      [{ __name__: 'ips_active_jobs', ...labels, type: 'ImageServingPublish', state: 'Running' }, '1'],
    ]);
    // The per-job series name the job in job_name: `job` stays Prometheus's own (the scrape job).
    const progress = await query(prometheus, `ips_job_progress_ratio{target="${TARGET}"}`);
    expect(progress.map((sample) => sample.metric)).toEqual([{ __name__: 'ips_job_progress_ratio', ...labels, job_name: job.name }]);
    expect(Number(progress[0]!.value[1])).toBeGreaterThan(0);
    expect((await query(prometheus, 'up{job="ips-jobs"}')).map((sample) => sample.value[1])).toEqual(['1']);

    // 3. The example rules, evaluated on these series: every one healthy, with its severity and annotations.
    const rules = await eventually(async () => {
      const response = await fetch(`${prometheus.url}/api/v1/rules?type=alert`);
      const body = (await response.json()) as { data: { groups: { rules: AlertingRule[] }[] } };
      const all = body.data.groups.flatMap((group) => group.rules);
      return all.length > 0 && all.every((rule) => rule.health !== 'unknown') ? all : undefined;
    }, 'the rules to be evaluated');
    for (const rule of rules) {
      expect({ name: rule.name, health: rule.health, lastError: rule.lastError ?? '' }).toEqual({ name: rule.name, health: 'ok', lastError: '' });
      expect(rule.labels['severity'], rule.name).toMatch(/^(critical|warning)$/);
      expect(Object.keys(rule.annotations).sort(), rule.name).toEqual(['description', 'runbook', 'summary']);
    }
  });

  it("the dashboard's variables list the targets, and the companies of the targets chosen, as Grafana asks", async () => {
    const [target, company] = readDashboard().templating.list;
    expect(await variableValues(prometheus.url, target!.query, {})).toEqual([DASHBOARD_TARGET, TARGET]);
    expect(await variableValues(prometheus.url, company!.query, { target: regexValue(DASHBOARD_TARGET) })).toEqual([DASHBOARD_COMPANY]);
    expect(await variableValues(prometheus.url, company!.query, { target: '.*' })).toEqual([DEMO_CREDENTIALS.company, DASHBOARD_COMPANY].sort());
  });

  it('every panel query of the dashboard returns data, for one target and company chosen (and only theirs) and for All', async () => {
    const queries = panelQueries(readDashboard());
    expect(queries.length).toBeGreaterThanOrEqual(12);
    const chosen = { target: regexValue(DASHBOARD_TARGET), company: regexValue(DASHBOARD_COMPANY) };
    expect(await checkPanelQueries(prometheus.url, queries, chosen, DASHBOARD_TARGET)).toEqual([]);
    expect(await checkPanelQueries(prometheus.url, queries, { target: '.*', company: '.*' })).toEqual([]);
  });

  it('the check names a panel whose query gives no data, fails, leaves a variable unknown or shows another target', async () => {
    const stalled = panelQueries(readDashboard()).find((each) => each.panel === 'Stalled jobs')!;
    const broken = (expr: string): PanelQuery[] => [{ ...stalled, expr }];
    const chosen = { target: regexValue(DASHBOARD_TARGET), company: regexValue(DASHBOARD_COMPANY) };
    const check = (expr: string) => checkPanelQueries(prometheus.url, broken(expr), chosen, DASHBOARD_TARGET);
    expect(await check(stalled.expr.replace('ips_stalled_jobs', 'ips_staled_jobs'))).toEqual([
      { panel: 'Stalled jobs', refId: 'A', problem: `no data: max by (target) (ips_staled_jobs{target=~"prom-dashboard", company=~"c\\\\|1002"})` },
    ]);
    expect(await check('max by (target) (ips_stalled_jobs{target=~"$target"')).toEqual([{ panel: 'Stalled jobs', refId: 'A', problem: expect.stringMatching(/^error: .*parse error: unexpected end of input inside braces/) }]);
    expect(await check('ips_stalled_jobs{target=~"$tagret"}')).toEqual([{ panel: 'Stalled jobs', refId: 'A', problem: 'no value for $tagret' }]);
    expect(await check('ips_stalled_jobs')).toEqual([{ panel: 'Stalled jobs', refId: 'A', problem: `series of target ${TARGET}, not only ${DASHBOARD_TARGET}: ips_stalled_jobs` }]);
  });

  it('SIGTERM stops Prometheus cleanly', async () => {
    expect(await prometheus.stop(), prometheus.output()).toBe(0);
  });
});
