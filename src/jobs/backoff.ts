// How long to wait before the next poll after consecutive failures: exponential, capped, with jitter
// so that many clients failing together do not retry in step.

/** `failures` ≥ 1 consecutive failed polls → a delay in [d/2, d], d = min(max, base × 2^(failures−1)). */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  if (failures <= 0) return baseMs;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
