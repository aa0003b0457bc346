// Flag parsers shared by `logs` and `log`: row caps (and the line saying a cap cut rows) and the --fail-on rule (their
// time flags: time-flags.ts).
import { Option } from 'commander';
import { FAIL_ON } from '../../jobs/outcome.js';
import { write, type IO } from './io.js';
import { offer } from './completion-values.js';
import { choiceOption, countOption, listOption } from './option-parsers.js';

/** A whole number of rows; 0 = no cap. */
const rowLimitOption = countOption(0, '50 (0 = no limit)');

/** `--limit <n>`: at most this many rows (0 = all); without a fallback the command decides when it runs. */
export function limitOption(help: string, fallback?: number, fallbackLabel?: string): Option {
  const option = new Option('--limit <n>', help).argParser(rowLimitOption);
  return fallback === undefined ? option : option.default(fallback, fallbackLabel);
}

/** The stderr line when --limit left rows out, in every output format: `shown` says what was printed. */
export function writeLimitNotice(io: IO, shown: string): Promise<void> {
  return write(io.stderr, `${shown} (--limit); --limit 0 shows them all\n`);
}

export function failOnOption(): Option {
  return new Option('--fail-on <level>', `what makes a job's status failed: ${FAIL_ON.join(', ')}`).argParser(choiceOption(FAIL_ON)).default('error');
}

/** `--type <types>` of `logs`, `stats` and `timeline`: job types, log types or `list`'s job types, completed from Adobe's list. */
export function logTypeOption(): Option {
  return offer(new Option('--type <types>', 'only these job types or log types (comma-separated, repeatable; e.g. ImageServingPublish, Upload)').argParser(listOption), {
    words: async () => (await import('../../jobs/log-type.js')).LOG_TYPE_STEMS,
    list: true,
  });
}
