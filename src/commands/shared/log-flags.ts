// Flag parsers shared by `logs` and `log`: row caps and the --fail-on rule (their time flags: time-flags.ts).
import { Option } from 'commander';
import { FAIL_ON } from '../../jobs/outcome.js';
import { choiceOption, countOption } from './option-parsers.js';

/** A whole number of rows; 0 = no cap. */
const rowLimitOption = countOption(0, '50 (0 = no limit)');

/** `--limit <n>`: at most this many rows (0 = all). */
export function limitOption(help: string, fallback: number, fallbackLabel?: string): Option {
  return new Option('--limit <n>', help).argParser(rowLimitOption).default(fallback, fallbackLabel);
}

export function failOnOption(): Option {
  return new Option('--fail-on <level>', `what makes a job's status failed: ${FAIL_ON.join(', ')}`).argParser(choiceOption(FAIL_ON)).default('error');
}
