// The benchmark's own parsing and report (bench/report.mjs): its arguments, medians and ratios, the table it prints
// and the --self-check contract. The benchmark itself runs in `npm run bench` (and `npm run bench -- --self-check`,
// one pair of each figure), never in the test suite: its timings belong to a quiet machine, not to tests.
import { describe, expect, it } from 'vitest';
import { checkShape, FIGURES, mean, median, parseArgs, ratioFigure, round, table, type BenchResult, type Figure } from '../../bench/report.mjs';

/** What --self-check requires, written out here as the contract rather than read back from the script. */
const REQUIRED = [
  ['1a', 'wall time'],
  ['1b', 'wall time'],
  ['1c', 'wall time'],
  ['1d', 'wall time'],
  ['2', 'wall time'],
  ['2b', 'wall time'],
  ['R', 'read speed'],
  ['3a', 'wall time'],
  ['3a', 'peak RSS'],
  ['3b', 'wall time'],
  ['3b', 'peak RSS'],
  ['4', 'live heap'],
  ['4', 'CPU per poll'],
  ['6', 'live heap'],
  ['6', 'scrape time'],
  ['7a', 'wall time'],
  ['7b', 'wall time'],
  ['8a', 'wall time'],
  ['8b', 'wall time'],
] as const;

function figure(id: string, metric: string, overrides: Partial<Figure> = {}): Figure {
  return {
    id,
    command: `ips-jobs ${id}`,
    baseline: `baseline ${id}`,
    metric,
    unit: metric === 'peak RSS' ? 'MB' : 'ms',
    median: 120,
    baselineMedian: 100,
    ratio: 1.2,
    target: 1.5,
    met: true,
    ...overrides,
  };
}

const REQUESTS = {
  polls: 100,
  getActiveJobs: 100,
  getCompanyInfo: 1,
  otherRequests: 0,
  connections: 1,
  gzipResponses: 101,
  soapResponses: 101,
  bytesOnWire: 2 * 1024 ** 2,
  uncompressedBodyBytes: 20 * 1024 ** 2,
  met: true,
};

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    node: 'v20.20.2',
    cpus: 2,
    pairs: 1,
    warmup: 0,
    figures: REQUIRED.map(([id, metric]) => figure(id, metric)),
    requests: REQUESTS,
    durationMs: 61_400,
    ...overrides,
  };
}

describe('bench arguments', () => {
  it('ten pairs after one warm-up, every figure, a table, by default', () => {
    expect(parseArgs([])).toEqual({ json: false, selfCheck: false, pairs: 10, warmup: 1, only: undefined });
  });

  it('takes --json, --pairs, --warmup and --only', () => {
    expect(parseArgs(['--json', '--pairs', '3', '--warmup', '0', '--only', '4,6'])).toEqual({
      json: true,
      selfCheck: false,
      pairs: 3,
      warmup: 0,
      only: ['4', '6'],
    });
  });

  it('--self-check runs one pair of every figure, whatever else was asked', () => {
    expect(parseArgs(['--pairs', '7', '--only', '1', '--self-check', '--json'])).toEqual({
      json: true,
      selfCheck: true,
      pairs: 1,
      warmup: 0,
      only: undefined,
    });
  });

  it('refuses an unknown argument, an unknown figure and a count that is not a whole number', () => {
    expect(() => parseArgs(['--fast'])).toThrow('unknown argument --fast (use --json, --pairs N, --warmup N, --only IDS, --self-check)');
    expect(() => parseArgs(['--only', '4,9'])).toThrow('--only takes figures among 1, 2, 3, R, 4, 5, 6, 7');
    expect(() => parseArgs(['--only'])).toThrow('--only takes figures among 1, 2, 3, R, 4, 5, 6, 7');
    expect(() => parseArgs(['--pairs', '0'])).toThrow('--pairs needs a whole number');
    expect(() => parseArgs(['--pairs', '2.5'])).toThrow('--pairs needs a whole number');
    expect(() => parseArgs(['--warmup', '-1'])).toThrow('--warmup needs a whole number');
    expect(parseArgs(['--warmup', '0']).warmup).toBe(0);
    expect(FIGURES).toEqual(['1', '2', '3', 'R', '4', '5', '6', '7', '8']);
  });
});

describe('bench arithmetic', () => {
  it('the median of an odd and an even count, without reordering its input', () => {
    const values = [30, 10, 20];
    expect(median(values)).toBe(20);
    expect(values).toEqual([30, 10, 20]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('the mean, and rounding to one or more digits', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(round(12.345)).toBe(12.3);
    expect(round(12.346, 2)).toBe(12.35);
    expect(round(0.0049, 2)).toBe(0);
  });

  it('a wall-time figure: the medians of both sides, their ratio and whether it meets the target', () => {
    const samples = { a: [{ wallMs: 130 }, { wallMs: 110 }, { wallMs: 400 }], b: [{ wallMs: 100 }, { wallMs: 90 }, { wallMs: 80 }] };
    const met = ratioFigure('1a', 'list', { label: 'ips-jobs list' }, { label: 'node -e 0' }, samples, 'wall time', 1.5);
    expect(met).toEqual({
      id: '1a',
      title: 'list',
      command: 'ips-jobs list',
      baseline: 'node -e 0',
      metric: 'wall time',
      unit: 'ms',
      median: 130,
      baselineMedian: 90,
      ratio: 1.44,
      target: 1.5,
      met: true,
      samples: 3,
    });
    const missed = ratioFigure('1a', 'list', { label: 'a' }, { label: 'b' }, samples, 'wall time', 1.4);
    expect(missed.met).toBe(false);
  });

  it('a peak-RSS figure in MB from the kilobytes measured', () => {
    const samples = { a: [{ wallMs: 1, peakRssKb: 61_440 }], b: [{ wallMs: 1, peakRssKb: 40_960 }] };
    const rss = ratioFigure('3a', 'rss', { label: 'a' }, { label: 'b' }, samples, 'peak RSS', 2);
    expect(rss).toMatchObject({ unit: 'MB', median: 60, baselineMedian: 40, ratio: 1.5, met: true, samples: 1 });
  });
});

describe('bench table', () => {
  it('one aligned row a figure with its target, the requests of figure 5 and the run', () => {
    const report = result({
      figures: [
        figure('1a', 'wall time', { command: 'ips-jobs list', baseline: 'node -e 0', median: 150, baselineMedian: 100, ratio: 1.5, target: 1.5 }),
        figure('4', 'live heap', { unit: 'MB', median: 10.5, baselineMedian: 10, ratio: 1.05, target: 1.1 }),
        figure('6', 'scrape time', { median: 12, baselineMedian: 2, ratio: 6, targetText: '≤ 10 ms', met: false }),
      ],
    });
    expect(table(report).split('\n')).toEqual([
      'fig  measure      command        median   baseline    median  ratio  target   met',
      '1a   wall time    ips-jobs list  150 ms   node -e 0   100 ms  1.5×   ≤ 1.5×   yes',
      '4    live heap    ips-jobs 4     10.5 MB  baseline 4  10 MB   1.05×  ±10%     yes',
      '6    scrape time  ips-jobs 6     12 ms    baseline 6  2 ms    6×     ≤ 10 ms  NO',
      '',
      '5  100 polls of watch: getActiveJobs 100 (target 100), getCompanyInfo 1 (target 1), other requests 0, TCP connections 1 (target ≤ 2), gzip 101/101 responses, 2.00 MB on the wire for 20.00 MB of XML: met',
      '',
      'Node v20.20.2, 2 CPUs, 1 pairs after 0 warm-up, medians; whole run 61 s',
      '',
    ]);
  });

  it('says NOT MET for figure 5 when it missed, and leaves figure 5 out when it did not run (--only)', () => {
    const notMet = result({ requests: { ...REQUESTS, getCompanyInfo: 2, met: false } });
    expect(table(notMet)).toContain('getCompanyInfo 2 (target 1)');
    expect(table(notMet)).toContain('of XML: NOT MET\n');
    expect(table(result({ requests: undefined }))).not.toContain('polls of watch');
  });
});

describe('bench --self-check contract', () => {
  it('a run with every figure and every request count passes', () => {
    expect(checkShape(result())).toEqual([]);
  });

  it('names each figure missing', () => {
    const figures = result().figures.filter((f) => !(f.id === '3b' && f.metric === 'peak RSS') && f.id !== 'R');
    expect(checkShape(result({ figures }))).toEqual(['figure R/read speed missing', 'figure 3b/peak RSS missing']);
  });

  it('names a figure whose numbers are not positive, and a verdict that is not a yes or no', () => {
    const figures = result().figures.map((f) => {
      if (f.id === '2') return { ...f, median: 0, ratio: Number.NaN };
      if (f.id === '1c') return { ...f, met: 'yes' as unknown as boolean };
      return f;
    });
    expect(checkShape(result({ figures }))).toEqual(['figure 1c: met is not a boolean', 'figure 2 wall time: median is 0', 'figure 2 wall time: ratio is NaN']);
  });

  it('names a request count that is not a whole number', () => {
    const requests = { ...REQUESTS, connections: 1.5, bytesOnWire: undefined as unknown as number };
    expect(checkShape(result({ requests }))).toEqual(['requests.connections is 1.5', 'requests.bytesOnWire is undefined']);
  });
});
