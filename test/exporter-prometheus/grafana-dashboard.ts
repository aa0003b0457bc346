// examples/grafana/ips-jobs.json as Grafana runs it against Prometheus: each panel's queries with the dashboard's
// variables substituted the way Grafana's Prometheus data source does, sent to Prometheus's HTTP API, and what came
// back judged (an error, no data, a series of a target that was not selected).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import type { ImportableDashboard } from './grafana-dashboard-type.js';

export const DASHBOARD_FILE = path.join(REPO_ROOT, 'examples/grafana/ips-jobs.json');

export function readDashboard(): ImportableDashboard {
  // Its shape is checked against Grafana's types by grafana-dashboard.test.ts.
  return JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as ImportableDashboard;
}

export interface PanelQuery {
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

export function panelQueries(dashboard: ImportableDashboard): PanelQuery[] {
  return dashboard.panels.flatMap((panel) =>
    panel.targets.map((target) => ({ panel: panel.title ?? `panel ${panel.id}`, refId: target.refId, expr: target.expr, instant: target.instant === true })),
  );
}

/**
 * A value of a multi-value variable as Grafana's Prometheus data source writes it into a regex matcher (its
 * prometheusSpecialRegexEscape): the regex's special characters escaped, inside a PromQL string (so `c|1001` becomes
 * `c\\|1001`).
 */
export function regexValue(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/** The selection of the dashboard's variables: the values as the query text gets them (see regexValue), `.*` for All. */
export type Selection = Record<string, string>;

/** Grafana's macros the panels may use, with values a 1-second scrape interval gives. */
const MACROS: Record<string, string> = { __rate_interval: '1m', __interval: '15s', __range: '1h' };

/** `expr` with `$name` and `${name}` replaced; throws on a variable it has no value for (Grafana would send it as it is). */
function substitute(expr: string, selection: Selection): string {
  return expr.replace(/\$(?:\{(\w+)\}|(\w+))/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = selection[name] ?? MACROS[name];
    if (value === undefined) throw new Error(`no value for ${whole}`);
    return value;
  });
}

interface Sample {
  metric: Record<string, string>;
}

async function prometheusApi<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json()) as { status: string; data?: T; error?: string };
  if (body.status !== 'success' || body.data === undefined) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.data;
}

export interface QueryProblem {
  panel: string;
  refId: string;
  problem: string;
}

/**
 * Runs every panel query with `selection` at Prometheus (an instant query, at the latest sample: a range query's last
 * step) and says what is wrong with each: an error, no data, or, when `onlyTarget` is given, a series of another
 * target. An empty list: every panel shows data.
 */
export async function checkPanelQueries(prometheusUrl: string, queries: readonly PanelQuery[], selection: Selection, onlyTarget?: string): Promise<QueryProblem[]> {
  const problems: QueryProblem[] = [];
  for (const { panel, refId, expr } of queries) {
    const report = (problem: string) => problems.push({ panel, refId, problem });
    let promql: string;
    try {
      promql = substitute(expr, selection);
    } catch (error) {
      report((error as Error).message);
      continue;
    }
    try {
      const data = await prometheusApi<{ result: Sample[] }>(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
      if (data.result.length === 0) report(`no data: ${promql}`);
      const others = data.result.map((sample) => sample.metric['target']).filter((target) => target !== undefined && onlyTarget !== undefined && target !== onlyTarget);
      if (others.length > 0) report(`series of target ${others.join(', ')}, not only ${onlyTarget}: ${promql}`);
    } catch (error) {
      report(`error: ${(error as Error).message}: ${promql}`);
    }
  }
  return problems;
}

/**
 * The values of a query variable, `label_values(selector, label)` asked as Grafana asks it: the label's values among
 * the series the selector matches (/api/v1/label/<label>/values?match[]=…), with `selection` substituted.
 */
export async function variableValues(prometheusUrl: string, query: string, selection: Selection): Promise<string[]> {
  const match = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
  if (!match) throw new Error(`not a label_values(selector, label) query: ${query}`);
  const [, selector, label] = match;
  return prometheusApi<string[]>(`${prometheusUrl}/api/v1/label/${label}/values?match[]=${encodeURIComponent(substitute(selector!, selection))}`);
}
