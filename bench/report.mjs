// The benchmark's pure parts, apart from scripts/bench.mjs's processes and timers so test/bench/report.test.ts can
// check them in milliseconds: the arguments, medians and ratios, the table, and the --self-check contract.

export const FIGURES = ['1', '2', '3', 'R', '4', '5', '6', '7', '8'];

export function parseArgs(argv) {
  const options = { json: false, selfCheck: false, pairs: 10, warmup: 1, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--self-check') options.selfCheck = true;
    else if (arg === '--only') {
      options.only = String(argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = options.only.filter((id) => !FIGURES.includes(id));
      if (options.only.length === 0 || unknown.length > 0) throw new Error(`--only takes figures among ${FIGURES.join(', ')}`);
    } else if (arg === '--pairs' || arg === '--warmup') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < (arg === '--pairs' ? 1 : 0)) throw new Error(`${arg} needs a whole number`);
      options[arg.slice(2)] = value;
    } else throw new Error(`unknown argument ${arg} (use --json, --pairs N, --warmup N, --only IDS, --self-check)`);
  }
  if (options.selfCheck) Object.assign(options, { pairs: 1, warmup: 0, only: undefined });
  return options;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
export const round = (value, digits = 1) => Number(value.toFixed(digits));

export function ratioFigure(id, title, a, b, samples, metric, target) {
  const pick = metric === 'peak RSS' ? (s) => s.peakRssKb / 1024 : (s) => s.wallMs;
  const medianA = median(samples.a.map(pick));
  const medianB = median(samples.b.map(pick));
  const ratio = medianA / medianB;
  return {
    id,
    title,
    command: a.label,
    baseline: b.label,
    metric,
    unit: metric === 'peak RSS' ? 'MB' : 'ms',
    median: round(medianA),
    baselineMedian: round(medianB),
    ratio: round(ratio, 2),
    target,
    met: ratio <= target,
    samples: samples.a.length,
  };
}

export function table(result) {
  const rows = [['fig', 'measure', 'command', 'median', 'baseline', 'median', 'ratio', 'target', 'met']];
  for (const f of result.figures) {
    const target = f.targetText ?? (f.id === '4' ? `±${Math.round((f.target - 1) * 100)}%` : `≤ ${f.target}×`);
    rows.push([f.id, f.metric, f.command, `${f.median} ${f.unit}`, f.baseline, `${f.baselineMedian} ${f.unit}`, `${f.ratio}×`, target, f.met ? 'yes' : 'NO']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  const r = result.requests;
  const mb = (bytes) => `${(bytes / 1024 ** 2).toFixed(2)} MB`;
  if (r) {
    lines.push(
      '',
      `5  ${r.polls} polls of watch: getActiveJobs ${r.getActiveJobs} (target ${r.polls}), getCompanyInfo ${r.getCompanyInfo} (target 1), other requests ${r.otherRequests}, ` +
        `TCP connections ${r.connections} (target ≤ 2), gzip ${r.gzipResponses}/${r.soapResponses} responses, ${mb(r.bytesOnWire)} on the wire for ${mb(r.uncompressedBodyBytes)} of XML: ${r.met ? 'met' : 'NOT MET'}`,
    );
  }
  lines.push('', `Node ${result.node}, ${result.cpus} CPUs, ${result.pairs} pairs after ${result.warmup} warm-up, medians; whole run ${(result.durationMs / 1000).toFixed(0)} s`);
  return `${lines.join('\n')}\n`;
}

/** The --self-check contract: every figure present with numbers, so `npm run bench -- --self-check` fails on a broken harness. */
export function checkShape(result) {
  const problems = [];
  const ids = result.figures.map((f) => `${f.id}/${f.metric}`);
  for (const want of ['1a/wall time', '1b/wall time', '1c/wall time', '1d/wall time', '2/wall time', '2b/wall time', 'R/read speed', '3a/wall time', '3a/peak RSS', '3b/wall time', '3b/peak RSS', '4/live heap', '4/CPU per poll', '6/live heap', '6/scrape time', '7a/wall time', '7b/wall time', '8a/wall time', '8b/wall time']) {
    if (!ids.includes(want)) problems.push(`figure ${want} missing`);
  }
  for (const f of result.figures) {
    for (const key of ['median', 'baselineMedian', 'ratio', 'target']) if (!(Number.isFinite(f[key]) && f[key] > 0)) problems.push(`figure ${f.id} ${f.metric}: ${key} is ${f[key]}`);
    if (typeof f.met !== 'boolean') problems.push(`figure ${f.id}: met is not a boolean`);
  }
  for (const key of ['getActiveJobs', 'getCompanyInfo', 'connections', 'gzipResponses', 'soapResponses', 'bytesOnWire']) {
    if (!Number.isInteger(result.requests[key])) problems.push(`requests.${key} is ${result.requests[key]}`);
  }
  return problems;
}
