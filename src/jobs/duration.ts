const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

const DURATION_FORMS = '500ms, 5s, 2m, 1h, 1d (decimals such as 1.5s allowed), or 0';

/** A duration flag value the user typed that is not one of the accepted forms. */
export class DurationError extends Error {
  override name = 'DurationError';
  constructor(readonly input: string) {
    super(`invalid duration "${input}": expected a number with a unit — ${DURATION_FORMS}`);
  }
}

/** Milliseconds for `500ms`, `5s`, `2m`, `1h`, `1d`, `1.5s` or a bare `0`; throws DurationError otherwise. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const match = DURATION.exec(trimmed);
  const unit = match?.[2] === undefined ? undefined : UNIT_MS[match[2]];
  if (!match || unit === undefined) throw new DurationError(text);
  const ms = Math.round(Number(match[1]) * unit);
  if (!Number.isSafeInteger(ms)) throw new DurationError(text);
  return ms;
}
