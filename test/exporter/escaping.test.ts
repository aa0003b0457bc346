// Label values as the exposition format requires: a backslash, a double quote and a line feed escaped (\\, \", \n),
// everything else, non-ASCII included, as UTF-8. Job names come from IPS: anything can be in them.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { metricValue as value } from '../helpers/metrics.js';
import { emulator, exporter, polls, target } from './helpers.js';

/** A label value as the text format writes it. */
function escaped(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

describe('exporter label values', () => {
  it('escapes quotes, backslashes and newlines, and keeps non-ASCII as is, in job names and target labels', async () => {
    const emu = await emulator();
    const job = emu.ips.addJob({
      originalName: 'Spring "Lookbook" C:\\Assets\\ — Ünïcødé 日本\nline two',
      type: 'ImageServingPublish',
      files: 100,
      durationMs: 100 * 60_000,
      waitMs: 0,
    });
    const targetName = 'stage:Kestrel "Outdoor" \\ Ö';
    const company = 'Kestrel\nÖutdoor "Ltd"';
    const running = await exporter([await target(emu, targetName, { company })]);
    await polls(emu);
    const text = await (await fetch(`${running.url}/metrics`)).text();
    const labels = { target: targetName, company, region: 'custom' };

    const families = parsePrometheusTextFormat(text);
    expect(value(families, 'ips_job_progress_ratio', { ...labels, job_name: job.name })).toBe(0);
    expect(value(families, 'ips_active_jobs', { ...labels, type: 'ImageServingPublish', state: 'Running' })).toBe(1);
    // On the wire: one line per sample, the three characters escaped.
    const line = text.split('\n').find((l) => l.startsWith('ips_job_progress_ratio{'));
    expect(line).toBe(`ips_job_progress_ratio{target="${escaped(targetName)}",company="${escaped(company)}",region="custom",job_name="${escaped(job.name)}"} 0`);
    expect(job.name).toContain('\n');
  });
});
