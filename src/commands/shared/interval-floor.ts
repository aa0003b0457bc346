// The shortest --interval of `watch` and `wait`. Against IPS at least 1 s. An endpoint on this machine (loopback: the
// emulator, the benchmark's server, a local tunnel) may be polled every millisecond, which the tests and the benchmark
// do. Checked once the endpoint is known, before any request (session.ts).
import { isLoopbackHost } from '../../ips/loopback.js';
import { UsageError } from './usage-error.js';

const MIN_INTERVAL_MS = 1_000;
const MIN_LOOPBACK_INTERVAL_MS = 1;

/** Throws a usage error (exit 2) when `intervalMs` is below the floor for `endpoint`. */
export function checkIntervalFor(endpoint: string, intervalMs: number): void {
  if (intervalMs >= MIN_INTERVAL_MS) return;
  if (!isLoopbackHost(new URL(endpoint).hostname)) throw new UsageError(`--interval must be at least 1s (got ${intervalMs}ms)`);
  if (intervalMs < MIN_LOOPBACK_INTERVAL_MS) throw new UsageError(`--interval must be at least 1ms, even for a loopback endpoint (got ${intervalMs}ms)`);
}
