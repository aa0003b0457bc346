// /metrics read as Prometheus reads it: scraped over HTTP and parsed by an exposition-format parser (never regexes
// of our own), so an escaping or format mistake of the exporter fails the tests.
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';

export type { ParsedFamily };

async function metricsText(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

export async function scrapeMetrics(url: string): Promise<ParsedFamily[]> {
  return parsePrometheusTextFormat(await metricsText(url));
}

/**
 * Every sample of /metrics with its name and all its labels. The parser folds a histogram's `_bucket`, `_sum` and
 * `_count` lines into one sample that keeps no label but `le`; read as untyped, each line is a sample of its own.
 */
export async function scrapeSamples(url: string): Promise<Array<{ name: string; labels: Record<string, string> }>> {
  const text = (await metricsText(url)).replace(/^# TYPE (\S+) (?:histogram|summary)$/gm, '# TYPE $1 untyped');
  return parsePrometheusTextFormat(text).flatMap((family) => family.metrics.map((sample) => ({ name: family.name, labels: sample.labels ?? {} })));
}

/**
 * The value of the one sample of `name` whose labels include `labels`; undefined when there is none. Two or more
 * matching samples are a mistake of the test (too few labels given) and throw.
 */
export function metricValue(families: readonly ParsedFamily[], name: string, labels: Record<string, string> = {}): number | undefined {
  const samples = (families.find((family) => family.name === name)?.metrics ?? []).filter((sample) =>
    Object.entries(labels).every(([label, wanted]) => sample.labels?.[label] === wanted),
  );
  if (samples.length > 1) throw new Error(`${samples.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return samples[0]?.value === undefined ? undefined : Number(samples[0].value);
}

/** Every sample of `name` with these labels, as label sets (to see which series exist). */
export function metricSeries(families: readonly ParsedFamily[], name: string, labels: Record<string, string> = {}): Array<Record<string, string>> {
  return (families.find((family) => family.name === name)?.metrics ?? [])
    .map((sample) => sample.labels ?? {})
    .filter((sampleLabels) => Object.entries(labels).every(([label, wanted]) => sampleLabels[label] === wanted));
}

/** Scrapes until `accept` holds for what /metrics says (checking every 20 ms, 10 s at most). */
export async function scrapeUntil(url: string, accept: (families: ParsedFamily[]) => boolean, what = 'the metrics to match'): Promise<ParsedFamily[]> {
  const started = Date.now();
  for (;;) {
    const families = await scrapeMetrics(url);
    if (accept(families)) return families;
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
