// Types of parse-prometheus-text-format (it ships none): metric families as prom2json gives them, values as text.
// Beware: a histogram or summary with labels comes back flattened into one sample (every label set's buckets merged,
// _count and _sum lost), so the tests read counters and gauges through it, never a labelled histogram.
declare module 'parse-prometheus-text-format' {
  export interface ParsedSample {
    labels?: Record<string, string>;
    value?: string;
    timestamp_ms?: string;
  }
  export interface ParsedFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    metrics: ParsedSample[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
