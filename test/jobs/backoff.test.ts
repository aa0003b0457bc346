import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/jobs/backoff.js';

describe('backoff after failed polls', () => {
  it('doubles per consecutive failure, with jitter between half and all of the step', () => {
    expect(backoffDelay(1, 5_000, 60_000, () => 0)).toBe(2_500);
    expect(backoffDelay(1, 5_000, 60_000, () => 1)).toBe(5_000);
    expect(backoffDelay(2, 5_000, 60_000, () => 1)).toBe(10_000);
    expect(backoffDelay(3, 5_000, 60_000, () => 0.5)).toBe(15_000);
  });

  it('never exceeds --max-interval, however many failures', () => {
    expect(backoffDelay(10, 5_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(1_000, 5_000, 60_000, () => 1)).toBe(60_000);
  });

  it('is the normal interval with no failure', () => {
    expect(backoffDelay(0, 5_000, 60_000, () => 0)).toBe(5_000);
  });
});
