// The engine of `ips-jobs exporter`: every target polled in the background on its own rhythm, and an HTTP server
// whose /metrics reads what the last polls stored (a scrape never calls IPS) and whose /healthz says whether every
// target has been polled successfully lately. The command (src/commands/exporter) resolves the targets and signals.
import type { IpsClient } from '../ips/client.js';
import type { FailOn } from '../jobs/outcome.js';
import { listen } from './http.js';
import { ExporterMetrics } from './metrics.js';
import { TargetPoller } from './target-poller.js';

export interface ExporterTarget {
  /** The `target` label: the profile name, or profile:company as the user wrote it. */
  name: string;
  /** The `region` label (na, emea, apac, or 'custom' for an endpoint). */
  region: string;
  /**
   * The company's handle, or how to find it (a company given by name): the poller calls it before its first poll,
   * again after each failure (a failed poll, counted and backed off like any), and keeps the handle it gives.
   */
  companyHandle: string | (() => Promise<string>);
  /**
   * The `company` label: the company as the user gave it (a name or a handle). It is known before anything is asked
   * of IPS and never changes, so a target has one series from its first failed poll to its last good one.
   */
  company: string;
  client: IpsClient;
}

export interface ExporterOptions {
  targets: readonly ExporterTarget[];
  /** Each target is polled every intervalMs, jittered ±10 %, independently; with backoff after errors. */
  intervalMs: number;
  /** A running job without progress this long is stalled (the rule of check --stalled); 0 = never. */
  stallWindowMs: number;
  /**
   * Per target, at most this many jobs get per-job series (stalled jobs first, then running ones, then the rest; the
   * latest started first within each); the rest are counted in ips_job_series_dropped.
   */
  maxJobSeries: number;
  failOn: FailOn;
  /** Where to listen; port 0 = an ephemeral port. */
  host: string;
  port: number;
  /** For ips_exporter_build_info. */
  version: string;
  /**
   * One line per failed poll of a target and per recovery, and when --max-job-series starts and stops leaving jobs
   * without series (the command prints it on stderr).
   */
  onLog?: (line: string) => void;
}

export interface RunningExporter {
  /** http://host:port */
  url: string;
  /** Stops polling, lets a scrape in flight finish, closes the server. */
  close(): Promise<void>;
}

/** /healthz fails once a target's last successful poll is this many intervals old. */
const STALE_AFTER_INTERVALS = 3;

export async function startExporter(options: ExporterOptions): Promise<RunningExporter> {
  if (!(options.intervalMs > 0)) throw new RangeError(`intervalMs must be above 0, got ${options.intervalMs}`);
  const names = options.targets.map((target) => target.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new RangeError(`two targets named ${twice}: each needs a name of its own (the target label)`);

  const metrics = new ExporterMetrics(options.version);
  const pollers = options.targets.map((target) => {
    const labels = { target: target.name, company: target.company, region: target.region };
    return new TargetPoller(target, labels, metrics.forTarget(labels), options);
  });
  const staleAfterMs = STALE_AFTER_INTERVALS * options.intervalMs;
  const server = await listen(options.host, options.port, {
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
    health: () => {
      const now = performance.now();
      const stale = pollers.flatMap((poller) => poller.staleness(now, staleAfterMs) ?? []);
      return stale.length === 0 ? { ok: true, body: 'ok\n' } : { ok: false, body: stale.map((line) => `stale: ${line}\n`).join('') };
    },
  });

  const stop = new AbortController();
  for (const poller of pollers) poller.run(stop.signal).catch((error: unknown) => options.onLog?.(`target ${poller.labels.target}: polling stopped: ${String(error)}`));
  return {
    url: server.url,
    async close() {
      stop.abort();
      await server.close();
    },
  };
}
