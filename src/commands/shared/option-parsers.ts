// Flag value parsers for commander: a bad value becomes commander's invalid-argument error (exit 2).
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../../jobs/duration.js';
import { offer } from './completion-values.js';

export function durationOption(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** A positive duration (a deadline of 0 would fail every request). */
export function positiveDurationOption(value: string): number {
  const ms = durationOption(value);
  if (ms <= 0) throw new InvalidArgumentError(`must be more than 0 (e.g. 30s)`);
  return ms;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Sizes like `256MB`, `512kb`, `1GB` or a number of bytes. */
export function sizeOption(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b)?$/i.exec(value.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) throw new InvalidArgumentError(`expected a size such as 256MB, 512KB or 1048576`);
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes <= 0) throw new InvalidArgumentError('must be more than 0');
  return bytes;
}

/**
 * A whole number of at least `min` (a count, a limit, a port): `example` shows the user one, e.g. `50 (0 = no limit)`.
 * Digits only: `1e3`, `-1` and `5.0` are refused.
 */
export function countOption(min: number, example?: string) {
  return (value: string): number => {
    const text = value.trim();
    if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}${example === undefined ? '' : `, e.g. ${example}`}`);
    }
    return Number(text);
  };
}

/** Comma-separated values; repeatable flags accumulate. */
export function listOption(value: string, previous: string[] | undefined): string[] {
  const values = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return [...(previous ?? []), ...values];
}

/** One of `choices`, case-insensitively; shell completion offers them. */
export function choiceOption<T extends string>(choices: readonly T[]) {
  const parse = (value: string): T => {
    const found = choices.find((c) => c === value.toLowerCase());
    if (!found) throw new InvalidArgumentError(`expected one of: ${choices.join(', ')}`);
    return found;
  };
  return offer(parse, { words: choices });
}
