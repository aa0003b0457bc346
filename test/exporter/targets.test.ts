// Two targets, each its own emulator: one goes down (503s, then its server gone), the other goes on. The failing one
// keeps its last values, counts its errors by kind, is named by /healthz, and recovers.
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { scrapeMetrics as scrape, metricValue as value } from '../helpers/metrics.js';
import { client, emulator, exporter, labelsOf, polls, scrapeUntil, target } from './helpers.js';

function addRunning(emu: Emulator, originalName: string) {
  return emu.ips.addJob({ originalName, type: 'ImageServingPublish', files: 100, durationMs: 100 * 60_000, waitMs: 0 });
}

describe('exporter with several targets', () => {
  it('one target failing keeps its last values and counts its errors while the other goes on', async () => {
    const [prod, stage] = [await emulator(), await emulator()];
    const prodJob = addRunning(prod, 'Prod-Publish');
    addRunning(stage, 'Stage-Publish');
    const running = await exporter([await target(prod, 'prod'), await target(stage, 'stage')]);
    const [prodLabels, stageLabels] = [labelsOf('prod'), labelsOf('stage')];
    await Promise.all([polls(prod), polls(stage)]);
    prod.clock.advance(5 * 60_000);
    await polls(prod);
    expect(value(await scrape(running.url), 'ips_job_progress_ratio', { ...prodLabels, job_name: prodJob.name })).toBe(0.05);

    prod.faults.set('getActiveJobs:status=503');
    const protocolErrors = (atLeast: number) => (f: Awaited<ReturnType<typeof scrape>>) => value(f, 'ips_poll_errors_total', { ...prodLabels, kind: 'protocol' })! >= atLeast;
    const failing = await scrapeUntil(running.url, protocolErrors(1));
    const lastSuccess = value(failing, 'ips_last_successful_poll_timestamp_seconds', prodLabels);
    prod.clock.advance(5 * 60_000); // what a poll would now see differently, if one got through
    const during = await scrapeUntil(running.url, protocolErrors(3));
    // Its last values stay: the gauges of the last successful poll, and its timestamp.
    expect(value(during, 'ips_active_jobs', { ...prodLabels, type: 'ImageServingPublish', state: 'Running' })).toBe(1);
    expect(value(during, 'ips_job_progress_ratio', { ...prodLabels, job_name: prodJob.name })).toBe(0.05);
    expect(value(during, 'ips_last_successful_poll_timestamp_seconds', prodLabels)).toBe(lastSuccess);
    expect(value(during, 'ips_poll_errors_total', { ...stageLabels, kind: 'protocol' })).toBe(0);
    // The other target goes on.
    const stageBefore = value(during, 'ips_last_successful_poll_timestamp_seconds', stageLabels)!;
    await polls(stage, 2);
    expect(value(await scrape(running.url), 'ips_last_successful_poll_timestamp_seconds', stageLabels)).toBeGreaterThan(stageBefore);

    // Three intervals without a successful poll: /healthz fails and says which target and why.
    let health: { status: number; body: string } = { status: 0, body: '' };
    const started = Date.now();
    while (health.status !== 503 && Date.now() - started < 10_000) {
      if (health.status !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await fetch(`${running.url}/healthz`);
      health = { status: response.status, body: await response.text() };
    }
    expect(health.status).toBe(503);
    expect(health.body).toMatch(/^stale: prod: last successful poll \S+ ago \(protocol: empty response \(HTTP 503\)\)\n$/);
    expect(running.lines.some((line) => /^target prod: poll failed \(protocol\): empty response \(HTTP 503\); next try in \S+$/.test(line))).toBe(true);
    expect(running.lines.some((line) => line.startsWith('target stage'))).toBe(false);

    prod.faults.clear();
    await polls(prod);
    const after = await scrape(running.url);
    expect(value(after, 'ips_job_progress_ratio', { ...prodLabels, job_name: prodJob.name })).toBe(0.1);
    expect(value(after, 'ips_last_successful_poll_timestamp_seconds', prodLabels)).toBeGreaterThan(lastSuccess!);
    expect(running.lines.some((line) => /^target prod: recovered after \d+ failed polls?$/.test(line))).toBe(true);
    const healthy = await fetch(`${running.url}/healthz`);
    expect([healthy.status, await healthy.text()]).toEqual([200, 'ok\n']);
  });

  it('classifies failed polls: fault, auth, timeout, protocol, network', async () => {
    const emu = await emulator();
    const running = await exporter([await target(emu, 'prod', { client: await client(emu, { requestTimeoutMs: 300 }) })]);
    const labels = labelsOf('prod');
    const errors = async (kind: string) => value(await scrape(running.url), 'ips_poll_errors_total', { ...labels, kind });
    for (const [fault, kind] of [
      ['getActiveJobs:fault=ipsApi', 'fault'],
      ['getActiveJobs:fault=authentication', 'auth'],
      ['getActiveJobs:fault=authorization', 'auth'],
      ['getActiveJobs:hang', 'timeout'],
      ['getActiveJobs:html=502', 'protocol'],
      ['getActiveJobs:reset', 'network'],
    ] as const) {
      const before = (await errors(kind))!;
      emu.faults.set(fault);
      await scrapeUntil(running.url, (f) => value(f, 'ips_poll_errors_total', { ...labels, kind })! > before, `a ${kind} error from ${fault}`);
      emu.faults.clear();
    }
    // The emulator gone: connection refused.
    await emu.close();
    await scrapeUntil(running.url, (f) => value(f, 'ips_poll_errors_total', { ...labels, kind: 'network' })! >= 2, 'a refused connection');
    expect(running.lines.some((line) => /^target prod: poll failed \(network\): /.test(line))).toBe(true);
  });

  it('a company given by name: looked up by the poller before its first poll, a failed look-up counted and backed off like a poll, then kept', async () => {
    const emu = await emulator({ faults: 'getCompanyInfo#1-2:status=503' });
    const named = await client(emu);
    addRunning(emu, 'Named-Publish');
    const lookUp = async () => (await named.getCompanyInfo({ companyName: DEMO_CREDENTIALS.company })).companyHandle ?? '';
    const running = await exporter([await target(emu, 'named', { client: named, companyHandle: lookUp })]);
    // The label is the company as given (labelsOf: the name), from the first failed look-up on: one series throughout.
    const labels = labelsOf('named');
    const failing = await scrapeUntil(running.url, (f) => value(f, 'ips_poll_errors_total', { ...labels, kind: 'protocol' })! >= 1);
    expect(value(failing, 'ips_last_successful_poll_timestamp_seconds', labels)).toBeUndefined();
    expect(emu.stats.byOperation.getActiveJobs ?? 0).toBe(0); // nothing is polled before the company is known
    const polled = await scrapeUntil(running.url, (f) => value(f, 'ips_active_jobs', { ...labels, type: 'ImageServingPublish', state: 'Running' }) === 1);
    expect(value(polled, 'ips_poll_errors_total', { ...labels, kind: 'protocol' })).toBe(2);
    expect(running.lines.filter((line) => /^target named: poll failed \(protocol\): empty response \(HTTP 503\); next try in \S+$/.test(line))).toHaveLength(2);
    expect(running.lines).toContain('target named: recovered after 2 failed polls');
    // Once resolved, kept: more polls, no more look-ups.
    await polls(emu, 3);
    expect(emu.stats.byOperation.getCompanyInfo).toBe(3);
  });
});
