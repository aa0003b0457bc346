// The per-poll report the benchmark reads: `watch` publishes each poll's CPU and wall time on the `ips-jobs:poll`
// diagnostics channel, and bench/poll-stats.cjs, preloaded with NODE_OPTIONS as the benchmark does, writes one line
// per poll with those and the heap, the live heap (after a full collection) on every tenth poll.
// The run stays a process: the module is preloaded with NODE_OPTIONS, which only a process start reads.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { REPO_ROOT, startCli } from '../helpers/cli.js';
import { driveUntilExit } from '../helpers/drive-clock.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
});

afterAll(async () => {
  await emulator.close();
});

describe('the ips-jobs:poll channel, through bench/poll-stats.cjs', () => {
  it('gets one JSON line per poll: poll number, CPU time, heap, and the live heap every tenth poll', async () => {
    // A minute of the server's time in steps of 5 s: a score of polls or more, two full collections among them.
    const job = emulator.ips.addJob({ originalName: 'Poll-Stats-Job', type: 'UploadFromServerDirectory', waitMs: 0, durationMs: 60_000, files: 30 });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-poll-stats-')), 'polls.ndjson');
    const pollsBefore = emulator.stats.byOperation.getActiveJobs ?? 0;
    const cli = startCli(['watch', job.jobHandle, '--interval', '20ms'], {
      env: {
        IPS_JOBS_ENDPOINT: emulator.url,
        IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
        IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
        IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
        NODE_OPTIONS: `--require ${JSON.stringify(path.join(REPO_ROOT, 'bench/poll-stats.cjs'))} --expose-gc`,
        BENCH_POLL_STATS_FILE: file,
      },
    });
    await driveUntilExit(emulator, cli, 5_000);
    const result = await cli.result;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('finished');

    const polls = (emulator.stats.byOperation.getActiveJobs ?? 0) - pollsBefore;
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(polls).toBeGreaterThanOrEqual(20);
    expect(lines).toHaveLength(polls);
    lines.forEach((line, i) => {
      expect(line.poll).toBe(i + 1);
      expect(line.cpuMs).toBeGreaterThanOrEqual(0);
      expect(line.wallMs).toBeGreaterThanOrEqual(0);
      expect(line.heapUsed).toBeGreaterThan(0);
      expect(line.rss).toBeGreaterThan(line.heapUsed as number);
      expect(line.collected).toBe((i + 1) % 10 === 0);
    });
  });
});
