// The -o flag every listing command shares: light enough for command definitions (no renderers loaded).
import { Option } from 'commander';
import { choiceOption } from './option-parsers.js';

const OUTPUT_FORMATS = ['table', 'wide', 'json', 'ndjson', 'csv', 'tsv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** -o with every listing format, or only `formats` (a command whose output is not a list of records). */
export function outputOption(formats: readonly OutputFormat[] = OUTPUT_FORMATS): Option {
  return new Option('-o, --output <format>', `output format: ${formats.join(', ')}`).argParser(choiceOption(formats)).default('table');
}
