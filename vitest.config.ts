import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    globalSetup: ['test/global-setup.ts'],
    // One module graph per worker, not one per file: a fresh worker and fresh imports for each of 155 files cost
    // about 0.6 s a file, 100 s of a 290 s run on 2 cores (docs/development.md, "Where the suite's time goes").
    // No test depends on a module loaded anew: none mocks a module, and the few that change process.env or spy on
    // process put it back.
    isolate: false,
    // Vitest's default is one worker less than the cores: one worker on a 2-core machine. Much of the suite waits
    // (on the emulator, a child process, a poll), so a second worker there halves the run without starving either.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
