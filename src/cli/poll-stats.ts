// Test-only: `watch` writes each poll's CPU time and live heap to the file named by IPS_JOBS_TEST_POLL_STATS,
// so the benchmark can show that work and memory per poll stay flat over long runs. Not for production use.
import { appendFileSync, writeFileSync } from 'node:fs';

export const TEST_POLL_STATS_ENV = 'IPS_JOBS_TEST_POLL_STATS';
const COLLECT_EVERY = 10;

/** One line of the stats file (JSON per line). */
export interface PollStats {
  poll: number;
  /** CPU time (user + system) from the start of the poll to the end of its output. */
  cpuMs: number;
  wallMs: number;
  /** Heap in use after the poll; on every tenth poll after a full garbage collection (`collected`). */
  heapUsed: number;
  /** heapUsed is the live heap: what the process keeps between polls. */
  collected: boolean;
  rss: number;
}

export interface PollMeter {
  start(): void;
  end(poll: number): void;
}

/** The meter when the test-only variable names a file; otherwise undefined and nothing is measured. */
export function pollStatsMeter(env: Record<string, string | undefined>): PollMeter | undefined {
  const file = env[TEST_POLL_STATS_ENV];
  if (!file) return undefined;
  // A heap figure without a full collection first would mostly measure garbage not yet collected; collecting after
  // every poll would change the work measured (a full collection drops what the next poll would reuse).
  // node:v8 and node:vm are loaded only here: about 3 ms of every run otherwise.
  process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
  const collect = process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void;
  writeFileSync(file, '');
  let cpu = process.cpuUsage();
  let wall = performance.now();
  return {
    start() {
      cpu = process.cpuUsage();
      wall = performance.now();
    },
    end(poll) {
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - wall;
      const collected = poll % COLLECT_EVERY === 0;
      if (collected) collect();
      const { heapUsed, rss } = process.memoryUsage();
      const stats: PollStats = { poll, cpuMs: (used.user + used.system) / 1000, wallMs, heapUsed, collected, rss };
      appendFileSync(file, `${JSON.stringify(stats)}\n`);
    },
  };
}
