// The -o flag every listing command shares: light enough for command definitions (no renderers loaded).
import { Option } from 'commander';
import { choiceOption } from './option-parsers.js';

const OUTPUT_FORMATS = ['table', 'wide', 'json', 'ndjson', 'csv', 'tsv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputOption(): Option {
  return new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')}`).argParser(choiceOption(OUTPUT_FORMATS)).default('table');
}
