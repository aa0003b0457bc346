// The example Prometheus files of `ips-jobs exporter` (examples/prometheus) as Prometheus's own tool reads them: the
// rules and the scrape config pass `promtool check`, and the rules pass their unit tests (`promtool test rules`), which
// hold an alert of every rule with its labels and annotations as Alertmanager would get them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { run, tools } from './tools.js';

const EXAMPLES = path.join(REPO_ROOT, 'examples/prometheus');
const RULES = path.join(EXAMPLES, 'ips-jobs.rules.yml');
const RULE_TESTS = path.join(EXAMPLES, 'ips-jobs.rules.test.yml');
const promtool = tools('promtool');

const output = (result: { stdout: string; stderr: string }) => `${result.stdout}${result.stderr}`;

describe('examples/prometheus with promtool', () => {
  it.skipIf(promtool.skip)(`promtool check rules passes on ips-jobs.rules.yml${promtool.note}`, async () => {
    promtool.require();
    const result = await run('promtool', ['check', 'rules', RULES]);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it.skipIf(promtool.skip)(`promtool check config passes on prometheus.yml, the rule file it loads included${promtool.note}`, async () => {
    promtool.require();
    const result = await run('promtool', ['check', 'config', path.join(EXAMPLES, 'prometheus.yml')]);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('SUCCESS: 1 rule files found');
  });

  it.skipIf(promtool.skip)(`promtool test rules: the unit tests of the rules pass${promtool.note}`, async () => {
    promtool.require();
    const result = await run('promtool', ['test', 'rules', RULE_TESTS]);
    expect(result.code, output(result)).toBe(0);
    expect(result.stdout).toContain('SUCCESS');
  });

  it('the unit tests expect an alert of every rule', () => {
    const alerts = [...readFileSync(RULES, 'utf8').matchAll(/^\s*- alert: (\w+)$/gm)].map((m) => m[1]);
    const tested = readFileSync(RULE_TESTS, 'utf8');
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    for (const alert of alerts) {
      // An eval_time of that alert with an expected alert under it (exp_labels), not only one expecting none.
      expect(tested, alert).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels:`));
    }
  });
});
