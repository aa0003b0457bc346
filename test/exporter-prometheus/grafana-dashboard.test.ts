// examples/grafana/ips-jobs.json read as Grafana's "Import dashboard" reads it: its shape checked against Grafana's
// published types (@grafana/schema) by the TypeScript compiler, a panel for every metric of the exporter (the README's
// table and the exporter's registry), every query filtered by the variables, the thresholds and runbooks of the
// example alert rules. real-prometheus.test.ts runs every panel's query against a real Prometheus.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExporterMetrics } from '../../src/exporter/metrics.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { DASHBOARD_FILE, panelQueries, readDashboard } from './grafana-dashboard.js';
import { dashboardTypeErrors } from './grafana-schema.js';

const RULES = readFileSync(path.join(REPO_ROOT, 'examples/prometheus/ips-jobs.rules.yml'), 'utf8');
const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const dashboard = readDashboard();
const queries = panelQueries(dashboard);
const FILTER = '{target=~"$target", company=~"$company"}';

/** The metrics of the exporter's registry, as a scrape names them. */
const EXPORTER_METRICS = new ExporterMetrics('test').registry.getMetricsAsArray().map((metric) => metric.name);

function panel(title: string) {
  const found = dashboard.panels.find((each) => each.title === title);
  if (!found) throw new Error(`no panel "${title}"`);
  return found;
}

/** A copy of the dashboard's JSON with `change` made to it. */
function changed(change: (copy: Record<string, any>) => void): string {
  const copy = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Record<string, any>;
  change(copy);
  return JSON.stringify(copy, null, 2);
}

describe('examples/grafana/ips-jobs.json', () => {
  it("fits Grafana's published dashboard and panel types (@grafana/schema); a wrong key, value or a missing field does not", () => {
    const broken = {
      'a misspelt stat colour mode': changed((d) => (d['panels'][0].options.colorMode = 'backgroud')),
      'an unknown panel key': changed((d) => (d['panels'][1].titel = 'Data age')),
      'a threshold mode Grafana does not have': changed((d) => (d['panels'][0].fieldConfig.defaults.thresholds.mode = 'absolut')),
      'no schemaVersion': changed((d) => delete d['schemaVersion']),
      'a panel type without its options': changed((d) => (d['panels'][0].type = 'timeseries')),
      'a query without its expression': changed((d) => delete d['panels'][5].targets[0].expr),
    };
    const [real, ...errors] = dashboardTypeErrors([readFileSync(DASHBOARD_FILE, 'utf8'), ...Object.values(broken)]);
    expect(real).toEqual([]);
    Object.keys(broken).forEach((what, i) => expect(errors[i], what).not.toEqual([]));
    expect(errors[0]!.join('\n')).toContain(`Type '"backgroud"' is not assignable`);
    expect(errors[1]!.join('\n')).toMatch(/Object literal may only specify known properties.*'"titel"' does not exist/);
  });

  it('is importable: a Prometheus data source input that every panel and query uses, a fixed uid, the plugins it needs', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(dashboard.id ?? null).toBeNull();
    const source = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
    for (const each of dashboard.panels) {
      expect(each.datasource, each.title).toEqual(source);
      for (const target of each.targets) expect(target.datasource, each.title).toEqual(source);
    }
    for (const variable of dashboard.templating.list) expect(variable.datasource, variable.name).toEqual(source);
    const required = dashboard.__requires.map(({ type, id }) => `${type}:${id}`);
    expect(required).toEqual(expect.arrayContaining(['grafana:grafana', 'datasource:prometheus', ...new Set(dashboard.panels.map((each) => `panel:${each.type}`))]));
    expect(new Set(dashboard.panels.map((each) => each.id)).size).toBe(dashboard.panels.length);
  });

  it('has the variables target and company, from label_values, company among the chosen targets; multi-select with All', () => {
    const variables = dashboard.templating.list.map(({ name, type, query, multi, includeAll, allValue }) => ({ name, type, query, multi, includeAll, allValue }));
    expect(variables).toEqual([
      { name: 'target', type: 'query', query: 'label_values(ips_poll_errors_total, target)', multi: true, includeAll: true, allValue: '.*' },
      { name: 'company', type: 'query', query: 'label_values(ips_poll_errors_total{target=~"$target"}, company)', multi: true, includeAll: true, allValue: '.*' },
    ]);
    // ips_poll_errors_total exists for a target from its start, polled successfully or not (README): every target is listed.
    expect(README).toMatch(/its `ips_poll_errors_total` counts/);
  });

  it("has a panel for every metric of the README's table, which holds every metric of the exporter", () => {
    const section = README.slice(README.indexOf('| metric | panel query |'));
    const table = section.slice(0, section.indexOf('\n\n'));
    const documented = [...new Set([...table.matchAll(/^\| (.+?) \|/gm)].flatMap((row) => [...row[1]!.matchAll(/`(ips_\w+)/g)].map((m) => m[1]!)))];
    expect(documented.sort()).toEqual([...EXPORTER_METRICS].sort());
    for (const metric of documented) {
      const uses = queries.filter((query) => new RegExp(`\\b${metric}(_bucket|_sum|_count)?\\b`).test(query.expr));
      expect(uses.length, `a panel query of ${metric}`).toBeGreaterThan(0);
    }
  });

  it('filters every query of the exporter’s series by $target and $company (the build info, one series per exporter, has neither)', () => {
    for (const { panel: title, expr } of queries) {
      const selectors = [...expr.matchAll(/\b(ips_\w+)(\{[^}]*\})?/g)];
      expect(selectors.length + (/\bup\{job="ips-jobs"\}/.test(expr) ? 1 : 0), title).toBeGreaterThan(0);
      for (const [, metric, labels] of selectors) {
        if (metric === 'ips_exporter_build_info') expect(labels, title).toBeUndefined();
        else expect(labels, `${title}: ${metric}`).toBe(FILTER);
      }
    }
  });

  // Each threshold with the expression of the rule it comes from: a change of either fails here.
  it.each([
    { alert: 'IpsJobStalled', rule: 'expr: ips_stalled_jobs > 0', title: 'Stalled jobs', steps: [['green', null], ['red', 1]] },
    { alert: 'IpsJobStalled', rule: 'ips_job_seconds_since_progress{instance=%q,target=%q} >= 1800', title: 'Longest without progress', steps: [['green', null], ['red', 1800]] },
    { alert: 'IpsTargetNotPolled', rule: 'expr: time() - ips_last_successful_poll_timestamp_seconds > 3 * 60', title: 'Data age', steps: [['green', null], ['red', 180]] },
    { alert: 'IpsExporterDown', rule: 'expr: up{job="ips-jobs"} == 0', title: 'Exporter scraped', steps: [['red', null], ['green', 1]] },
  ])('$title: the threshold of $alert ($rule)', ({ alert, rule, title, steps }) => {
    const block = RULES.slice(RULES.indexOf(`- alert: ${alert}\n`));
    expect(block.slice(0, block.indexOf('annotations:') + 1000)).toContain(rule);
    const thresholds = panel(title).fieldConfig.defaults.thresholds;
    expect(thresholds?.mode).toBe('absolute');
    expect(thresholds?.steps.map(({ color, value }) => [color, value])).toEqual(steps);
    expect(panel(title).fieldConfig.defaults.color?.mode).toBe('thresholds');
    expect(panel(title).links?.map((link) => link.url)).toContain(`/alerting/list?search=rule:${alert}`);
  });

  it("links every alert rule's runbook (Grafana's view of the rule and its annotations), and only rules that exist", () => {
    const alerts = [...RULES.matchAll(/^\s*- alert: (\w+)$/gm)].map((m) => m[1]!);
    const linked = dashboard.panels.flatMap((each) => each.links ?? []).map((link) => /^\/alerting\/list\?search=rule:(\w+)$/.exec(link.url ?? '')?.[1] ?? `not a rule link: ${link.url}`);
    expect(new Set(linked)).toEqual(new Set(alerts));
    for (const rule of alerts) expect(RULES).toMatch(new RegExp(`- alert: ${rule}\\n(?:.*\\n)*?\\s+runbook: \\|-`));
    const group = /^\s*- name: ([\w-]+)$/m.exec(RULES)?.[1];
    expect(dashboard.links?.map((link) => link.url)).toEqual([`/alerting/list?search=group:${group}`]);
  });

  it("is linked from the README's monitoring section, with how to import it", () => {
    const section = README.slice(README.indexOf('## Monitoring many companies with Prometheus'), README.indexOf('## Shell completion'));
    expect(section).toContain('(examples/grafana/ips-jobs.json)');
    expect(section).toMatch(/Dashboards → New → Import/);
  });
});
