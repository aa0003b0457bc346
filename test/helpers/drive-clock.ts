// Lock-step time for tests of polling commands: advance the emulator's virtual clock, then let the CLI
// poll at least once before the next step, until it exits. No real waiting beyond the CLI's own polls.
import type { Emulator } from '../../src/emulator/index.js';
import { until, type RunningCli } from './cli.js';

function polls(emulator: Emulator): number {
  return emulator.stats.byOperation.getActiveJobs ?? 0;
}

/** Waits until the CLI has polled getActiveJobs `count` more times, or has exited. */
export async function nextPolls(emulator: Emulator, cli: RunningCli, count = 1): Promise<void> {
  const target = polls(emulator) + count;
  // Checked every 2 ms: a CLI polling every few milliseconds is not kept waiting for the test's next look.
  await until(() => polls(emulator) >= target || cli.exited(), 10_000, 'the next poll', 2);
}

/** Advances the clock by `stepMs` after each poll until the CLI exits (at most `maxSteps` steps). */
export async function driveUntilExit(emulator: Emulator, cli: RunningCli, stepMs: number, maxSteps = 200): Promise<void> {
  await nextPolls(emulator, cli);
  for (let step = 0; step < maxSteps && !cli.exited(); step++) {
    emulator.clock.advance(stepMs);
    await nextPolls(emulator, cli, 2);
  }
}
