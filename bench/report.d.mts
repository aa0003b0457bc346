// Types for bench/report.mjs, which node runs as it is (scripts/bench.mjs) and test/bench/report.test.ts imports.

export interface BenchOptions {
  json: boolean;
  selfCheck: boolean;
  pairs: number;
  warmup: number;
  only: string[] | undefined;
}

export interface Sample {
  wallMs: number;
  peakRssKb?: number | undefined;
}

export interface Figure {
  id: string;
  title?: string;
  command: string;
  baseline: string;
  metric: string;
  unit: string;
  median: number;
  baselineMedian: number;
  ratio: number;
  target: number;
  targetText?: string;
  met: boolean;
  samples?: number;
  [extra: string]: unknown;
}

export interface Requests {
  polls: number;
  getActiveJobs: number;
  getCompanyInfo: number;
  otherRequests: number;
  connections: number;
  gzipResponses: number;
  soapResponses: number;
  bytesOnWire: number;
  uncompressedBodyBytes: number;
  met: boolean;
}

export interface BenchResult {
  node: string;
  cpus: number;
  pairs: number;
  warmup: number;
  figures: Figure[];
  requests?: Requests;
  durationMs: number;
  [extra: string]: unknown;
}

export const FIGURES: readonly string[];
export function parseArgs(argv: readonly string[]): BenchOptions;
export function median(values: readonly number[]): number;
export function mean(values: readonly number[]): number;
export function round(value: number, digits?: number): number;
export function ratioFigure(
  id: string,
  title: string,
  a: { label: string },
  b: { label: string },
  samples: { a: Sample[]; b: Sample[] },
  metric: string,
  target: number,
): Figure;
export function table(result: BenchResult): string;
export function checkShape(result: BenchResult): string[];
