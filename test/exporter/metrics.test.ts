// /metrics follows the emulator's jobs: active jobs by type and state, progress, a stalled job, finished jobs counted
// once with their outcome and their warnings and errors, and nothing of jobs that ended before the exporter started.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIso, type AddJobOptions, type Emulator } from '../../src/emulator/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { scrapeMetrics as scrape, scrapeSamples, metricSeries as series, metricValue as value } from '../helpers/metrics.js';
import { emulator, exporter, labelsOf, polls, target } from './helpers.js';

const T0 = Date.parse('2026-11-28T09:00:00.000-08:00');

function add(emu: Emulator, options: Partial<AddJobOptions> & { originalName: string }) {
  return emu.ips.addJob({ type: 'ImageServingPublish', files: 10, durationMs: 10_000, waitMs: 0, warningFiles: 0, errorFiles: 0, ...options });
}

describe('exporter metrics', () => {
  it('follow the jobs: active by type and state, progress, stalls, finished jobs counted once', async () => {
    const emu = await emulator();
    // Ended two hours before the exporter started: its log is there, and never counted.
    add(emu, { originalName: 'Old-Publish', triggerAt: formatIso(T0 - 2 * 3_600_000, -8 * 60) });
    const long = add(emu, { originalName: 'Catalog-Publish', files: 100, durationMs: 100 * 60_000 });
    add(emu, { originalName: 'Nightly-Upload', type: 'UploadFromServerDirectory', waitMs: 3 * 3_600_000 });
    const stall = add(emu, { originalName: 'Video-Stall', type: 'VideoPublish', outcome: 'stall', stallAt: 0.5 });
    add(emu, { originalName: 'Warn-Publish', outcome: 'warnings', warningFiles: 2 });
    add(emu, { originalName: 'Fail-Render', type: 'ImageRenderingPublish', outcome: 'failure', fatal: false, errorFiles: 3 });
    add(emu, { originalName: 'Ok-Publish', files: 4, durationMs: 4_000 });
    const running = await exporter([await target(emu, 'prod')]);
    const labels = labelsOf('prod');

    await polls(emu);
    let families = await scrape(running.url);
    const active = (type: string, state: string) => value(families, 'ips_active_jobs', { ...labels, type, state });
    expect(active('ImageServingPublish', 'Running')).toBe(3);
    expect(active('ImageRenderingPublish', 'Running')).toBe(1);
    expect(active('VideoPublish', 'Running')).toBe(1);
    // The one name of the type, as ips_jobs_finished_total says it: UploadFromServerDirectory logs as Upload.
    expect(active('Upload', 'New')).toBe(1);
    expect(series(families, 'ips_active_jobs', labels)).toHaveLength(4);
    expect(value(families, 'ips_stalled_jobs', labels)).toBe(0);
    expect(value(families, 'ips_job_progress_ratio', { ...labels, job_name: long.name })).toBe(0);
    expect(series(families, 'ips_job_progress_ratio', labels)).toHaveLength(6);
    expect(value(families, 'ips_job_series_dropped', labels)).toBe(0);
    expect(series(families, 'ips_jobs_finished_total')).toEqual([]);
    for (const kind of ['auth', 'timeout', 'network', 'fault', 'protocol']) expect(value(families, 'ips_poll_errors_total', { ...labels, kind })).toBe(0);
    expect(value(families, 'ips_exporter_build_info', { version: '9.8.7-test' })).toBe(1);
    expect(value(families, 'ips_last_successful_poll_timestamp_seconds', labels)! * 1000).toBeGreaterThan(Date.now() - 60_000);
    expect(families.find((f) => f.name === 'ips_poll_duration_seconds')?.type).toBe('HISTOGRAM');
    // Our own registry: no default process metrics.
    expect(families.filter((f) => !f.name.startsWith('ips_'))).toEqual([]);

    emu.clock.advance(10 * 60_000);
    // Stalled (as for check --stalled): no progress for the window, and none since the previous look, so two polls.
    await polls(emu, 2);
    families = await scrape(running.url);
    expect(active('ImageServingPublish', 'Running')).toBe(1);
    expect(active('VideoPublish', 'Running')).toBe(1);
    expect(active('Upload', 'WaitingCoordinator')).toBe(1);
    // The jobs that left the list left no series behind.
    expect(active('ImageRenderingPublish', 'Running')).toBeUndefined();
    expect(series(families, 'ips_job_progress_ratio', labels).map((l) => l.job_name).sort()).toEqual([long.name, stall.name, expect.stringMatching(/^Nightly-Upload-/)].sort());
    expect(value(families, 'ips_stalled_jobs', labels)).toBe(1);
    // 10 of 100 files after 10 minutes; the stalled job froze at half way, 5 s after it started.
    expect(value(families, 'ips_job_progress_ratio', { ...labels, job_name: long.name })).toBe(0.1);
    expect(value(families, 'ips_job_progress_ratio', { ...labels, job_name: stall.name })).toBe(0.5);
    expect(value(families, 'ips_job_seconds_since_progress', { ...labels, job_name: stall.name })).toBeGreaterThanOrEqual(594);
    expect(value(families, 'ips_job_seconds_since_progress', { ...labels, job_name: stall.name })).toBeLessThan(610);
    expect(value(families, 'ips_job_seconds_since_progress', { ...labels, job_name: long.name })).toBeLessThan(10);

    const finished = (type: string, outcome: string) => value(families, 'ips_jobs_finished_total', { ...labels, type, outcome });
    const expectFinished = () => {
      expect(finished('ImageServingPublish', 'succeeded')).toBe(1);
      expect(finished('ImageServingPublish', 'succeeded_with_warnings')).toBe(1);
      expect(finished('ImageServingPublish', 'failed')).toBe(0);
      expect(finished('ImageRenderingPublish', 'failed')).toBe(1);
      expect(series(families, 'ips_jobs_finished_total', labels).reduce((sum, l) => sum + value(families, 'ips_jobs_finished_total', l)!, 0)).toBe(3);
      expect(value(families, 'ips_job_file_warnings_total', { ...labels, type: 'ImageServingPublish' })).toBe(2);
      expect(value(families, 'ips_job_file_errors_total', { ...labels, type: 'ImageServingPublish' })).toBe(0);
      expect(value(families, 'ips_job_file_errors_total', { ...labels, type: 'ImageRenderingPublish' })).toBe(3);
    };
    expectFinished();

    // More polls and more time find the same logs again: each job was counted once.
    await polls(emu, 2);
    emu.clock.advance(60_000);
    await polls(emu, 2);
    families = await scrape(running.url);
    expectFinished();
  });

  it('per-job series: at most maxJobSeries per target, stalled jobs first, then the latest started; the rest counted', async () => {
    const emu = await emulator();
    const stall = add(emu, { originalName: 'Stalls', outcome: 'stall', stallAt: 0.5 });
    add(emu, { originalName: 'Early', files: 100, durationMs: 100 * 60_000 });
    add(emu, { originalName: 'Queued', waitMs: 3 * 3_600_000 });
    const running = await exporter([await target(emu, 'prod')], { maxJobSeries: 2 });
    await polls(emu);
    emu.clock.advance(10 * 60_000);
    const late = add(emu, { originalName: 'Late', files: 100, durationMs: 100 * 60_000 });
    await polls(emu, 2);
    const families = await scrape(running.url);
    const labels = labelsOf('prod');
    expect(series(families, 'ips_job_progress_ratio', labels).map((l) => l.job_name)).toEqual([stall.name, late.name]);
    expect(series(families, 'ips_job_seconds_since_progress', labels).map((l) => l.job_name)).toEqual([stall.name, late.name]);
    expect(value(families, 'ips_job_series_dropped', labels)).toBe(2);
    expect(value(families, 'ips_active_jobs', { ...labels, state: 'Running' })).toBe(3);
  });

  it("every series has the labels target, company and region but the ones the README names as exceptions", async () => {
    const emu = await emulator();
    add(emu, { originalName: 'Long-Publish', files: 100, durationMs: 100 * 60_000 });
    add(emu, { originalName: 'Warn-Publish', outcome: 'warnings', warningFiles: 2 });
    const running = await exporter([await target(emu, 'prod')]);
    await polls(emu);
    emu.clock.advance(60_000);
    await polls(emu, 2);
    const samples = await scrapeSamples(running.url);
    // Every family of the exporter has series by now, so every one is judged.
    const names = new Set(samples.map((sample) => sample.name));
    for (const name of ['ips_active_jobs', 'ips_job_progress_ratio', 'ips_jobs_finished_total', 'ips_job_file_warnings_total', 'ips_poll_duration_seconds_count', 'ips_poll_errors_total'])
      expect(names).toContain(name);
    const unlabelled = [
      ...new Set(samples.filter((sample) => !['target', 'company', 'region'].every((label) => label in sample.labels)).map((sample) => sample.name)),
    ];

    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const claim = /Every series (?:but ((?:`\w+`(?:, | and )?)+) )?has the labels `target`, `company` and `region`/.exec(readme);
    expect(claim, 'the README says which series have the target labels').not.toBeNull();
    const exceptions = [...(claim![1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(exceptions).toEqual(unlabelled);
  });

  it('/healthz says ok while polls succeed; other paths are 404, other methods 405', async () => {
    const emu = await emulator();
    const running = await exporter([await target(emu, 'prod')]);
    await polls(emu);
    const health = await fetch(`${running.url}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    expect((await fetch(`${running.url}/`)).status).toBe(404);
    expect((await fetch(`${running.url}/metrics/extra`)).status).toBe(404);
    const post = await fetch(`${running.url}/metrics`, { method: 'POST', body: '' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const metrics = await fetch(`${running.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
