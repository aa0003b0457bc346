// The exporter's tests run it in-process against real emulators (SOAP over HTTP, frozen virtual clock), scrape
// /metrics over HTTP and read it with an exposition-format parser (test/helpers/metrics.ts). Everything started here is
// stopped after each test.
import { afterEach } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { startExporter, type ExporterOptions, type ExporterTarget, type RunningExporter } from '../../src/exporter/index.js';
import { createIpsClient, type IpsClient, type IpsClientOptions } from '../../src/ips/client.js';
import { until } from '../helpers/cli.js';
export { scrapeUntil } from '../helpers/metrics.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  // Last started, first stopped: exporters before their clients, clients before their emulators.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An emulator with a frozen clock and no jobs: only the test adds jobs and moves time. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ speed: 0, jobs: 0, ...options });
  cleanups.push(() => emu.close());
  return emu;
}

export async function client(emu: Emulator, options: Partial<IpsClientOptions> = {}): Promise<IpsClient> {
  const made = await createIpsClient({ endpoint: emu.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test', ...options });
  cleanups.push(() => made.close());
  return made;
}

/** A target on the emulator's demo company, named `name`. */
export async function target(emu: Emulator, name: string, options: Partial<ExporterTarget> & { client?: IpsClient } = {}): Promise<ExporterTarget> {
  return {
    name,
    region: 'custom',
    companyHandle: DEMO_CREDENTIALS.companyHandle,
    company: DEMO_CREDENTIALS.company,
    ...options,
    client: options.client ?? (await client(emu)),
  };
}

const INTERVAL_MS = 50;

/** An exporter on an ephemeral loopback port, polling every 50 ms; its onLog lines are collected in `lines`. */
export async function exporter(targets: ExporterTarget[], options: Partial<ExporterOptions> = {}): Promise<RunningExporter & { lines: string[] }> {
  const lines: string[] = [];
  const running = await startExporter({
    targets,
    intervalMs: INTERVAL_MS,
    stallWindowMs: 5 * 60_000,
    maxJobSeries: 200,
    failOn: 'error',
    host: '127.0.0.1',
    port: 0,
    version: '9.8.7-test',
    onLog: (line) => lines.push(line),
    ...options,
  });
  cleanups.push(() => running.close());
  return { ...running, lines };
}

/**
 * Resolves once `count` polls that started after this call have ended: the poll in flight (if any) does not count.
 * Polls are counted by the emulator's getActiveJobs requests: poll n has ended once poll n + 1 has asked.
 */
export async function polls(emu: Emulator, count = 1): Promise<void> {
  const asked = () => emu.stats.byOperation.getActiveJobs ?? 0;
  const goal = asked() + count + 1;
  await until(() => asked() >= goal, 10_000, `${count} more polls of ${emu.url}`);
}

/** The labels of a target made by `target()`. */
export function labelsOf(name: string): Record<string, string> {
  return { target: name, company: DEMO_CREDENTIALS.company, region: 'custom' };
}
