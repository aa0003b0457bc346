// `npm run bench -- --self-check`: one pair of each figure of the benchmark (and a short watch), so a change that breaks
// the benchmark is found by the tests and not by the next person who measures. It checks the shape of what the
// benchmark reports, never a target: timings belong to `npm run bench`, not to tests. Needs the build (`npm test` builds).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

interface Figure {
  id: string;
  metric: string;
  median: number;
  baselineMedian: number;
  ratio: number;
  target: number;
  met: boolean;
}

function selfCheck(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/bench.mjs'), '--self-check', '--json'],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run bench -- --self-check', () => {
  it('runs every figure once and reports each with a ratio against its baseline', async () => {
    const result = await selfCheck();
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { figures: Figure[]; requests: Record<string, number> };
    const ids = report.figures.map((figure) => `${figure.id}/${figure.metric}`);
    for (const id of ['1a/wall time', '1b/wall time', '1c/wall time', '1d/wall time', '2/wall time', '2b/wall time', 'R/read speed']) {
      expect(ids).toContain(id);
    }
    for (const id of ['3a/wall time', '3a/peak RSS', '3b/wall time', '3b/peak RSS', '4/live heap', '4/CPU per poll']) expect(ids).toContain(id);
    for (const figure of report.figures) {
      expect(figure.median, figure.id).toBeGreaterThan(0);
      expect(figure.baselineMedian, figure.id).toBeGreaterThan(0);
      expect(figure.ratio, figure.id).toBeCloseTo(figure.median / figure.baselineMedian, 1);
      expect(typeof figure.met).toBe('boolean');
    }
    // Figure 5 counts what went over the wire during the short watch: one company lookup, one connection.
    expect(report.requests.getCompanyInfo).toBe(1);
    expect(report.requests.connections).toBeLessThanOrEqual(2);
  }, 300_000);
});
