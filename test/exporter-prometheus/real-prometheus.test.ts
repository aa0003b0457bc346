// The exporter as Prometheus itself sees it: the engine polls an emulator, `promtool check metrics` reads a scrape of
// /metrics, and a real Prometheus server (Debian's `prometheus`) scrapes the exporter every second, with the example
// alert rules loaded, until its HTTP API answers the emulator's job with the labels the rules and README promise.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { startExporter, type RunningExporter } from '../../src/exporter/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { run, tools } from './tools.js';

const RULES = path.join(REPO_ROOT, 'examples/prometheus/ips-jobs.rules.yml');
const TARGET = 'prom-test';
const binaries = tools('promtool', 'prometheus');

/** What to close after each test, last opened first. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
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

describe('a real Prometheus server scraping the exporter', () => {
  it.skipIf(binaries.skip)(
    `promtool check metrics passes on a scrape; Prometheus stores the jobs with their labels and evaluates the example rules${binaries.note}`,
    async () => {
      binaries.require();
      const emulator: Emulator = await startEmulator({ speed: 0, jobs: 0 });
      cleanups.push(() => emulator.close());
      const job = emulator.ips.addJob({ originalName: 'Prometheus-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 20 });
      emulator.clock.advance(60_000);
      const client: IpsClient = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
      cleanups.push(() => client.close());
      const exporter: RunningExporter = await startExporter({
        targets: [{ name: TARGET, region: 'custom', companyHandle: DEMO_CREDENTIALS.companyHandle, company: DEMO_CREDENTIALS.company, client }],
        intervalMs: 200,
        stallWindowMs: 30 * 60_000,
        maxJobSeries: 200,
        failOn: 'error',
        host: '127.0.0.1',
        port: 0,
        version: 'test',
      });
      cleanups.push(() => exporter.close());

      // 1. A scrape once the target has been polled, as promtool's linter reads the exposition format.
      const scrape = await eventually(async () => {
        const text = await (await fetch(`${exporter.url}/metrics`)).text();
        return text.includes('ips_active_jobs{') ? text : undefined;
      }, 'the first poll of the target');
      const lint = await run('promtool', ['check', 'metrics'], { input: scrape });
      expect(lint.code, `${lint.stdout}${lint.stderr}\n${scrape}`).toBe(0);

      // 2. Prometheus scrapes the exporter every second; its API answers the job with every label.
      const prometheus = await startPrometheus(exporter.url);
      const labels = { job: 'ips-jobs', instance: new URL(exporter.url).host, target: TARGET, company: DEMO_CREDENTIALS.company, region: 'custom' };
      const active = await eventually(async () => {
        const result = await query(prometheus, 'ips_active_jobs');
        return result.length > 0 ? result : undefined;
      }, `ips_active_jobs in Prometheus (its log:\n${prometheus.output()})`);
      expect(active.map((sample) => [sample.metric, sample.value[1]])).toEqual([
        [{ __name__: 'ips_active_jobs', ...labels, type: 'ImageServingPublish', state: 'Running' }, '1'],
      ]);
      // The per-job series name the job in job_name: `job` stays Prometheus's own (the scrape job).
      const progress = await query(prometheus, 'ips_job_progress_ratio');
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

      // 4. SIGTERM stops Prometheus cleanly.
      expect(await prometheus.stop(), prometheus.output()).toBe(0);
    },
    90_000,
  );
});
