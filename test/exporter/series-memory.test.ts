// A thousand polls of targets whose jobs come and go: the registry holds the series of the last poll of each target,
// never more, and the values of the last poll.
import { describe, expect, it } from 'vitest';
import { ExporterMetrics } from '../../src/exporter/metrics.js';
import { snapshotOf } from '../../src/exporter/snapshot.js';
import type { ActiveJob } from '../../src/ips/types.js';

const NOW = Date.parse('2026-11-28T17:00:00.000Z');

function jobs(poll: number): ActiveJob[] {
  // 50 running jobs, one new each poll and the oldest gone; a new type every 100 polls, the oldest type gone.
  return Array.from({ length: 50 }, (_, i) => ({
    jobHandle: `j${poll + i}`,
    name: `Job-${poll + i}`,
    type: `Type${Math.floor((poll + i) / 100)}`,
    state: 'Running',
    progress: (poll + i) % 100,
    startDate: new Date(NOW - (50 - i) * 60_000).toISOString(),
    lastProgressUpdate: new Date(NOW - 1_000).toISOString(),
    taskProgressArray: [],
  }));
}

describe('the gauges of active jobs', () => {
  it('hold only the last poll of each target, over a thousand polls', async () => {
    const metrics = new ExporterMetrics('1');
    const targets = ['a', 'b', 'c'].map((name) => metrics.forTarget({ target: name, company: name, region: 'na' }));
    const count = async () => (await metrics.registry.getMetricsAsJSON()).reduce((sum, family) => sum + family.values.length, 0);
    const options = { stallWindowMs: 30 * 60_000, maxJobSeries: 20 };
    let afterFirst = 0;
    for (let poll = 0; poll < 1_000; poll++) {
      for (const [i, target] of targets.entries()) target.snapshot(snapshotOf(jobs(poll + i), new Map(), new Date(NOW), options));
      if (poll === 0) afterFirst = await count();
    }
    expect(await count()).toBeLessThanOrEqual(afterFirst + 3);
    const families = await metrics.registry.getMetricsAsJSON();
    const progress = families.find((f) => f.name === 'ips_job_progress_ratio')!.values.filter((v) => v.labels.target === 'a');
    // The latest started first: the last poll's newest 20 jobs.
    expect(progress.map((v) => v.labels.job_name)).toEqual(Array.from({ length: 20 }, (_, i) => `Job-${999 + 49 - i}`));
    expect(families.find((f) => f.name === 'ips_job_series_dropped')!.values.map((v) => v.value)).toEqual([30, 30, 30]);
  });
});
