import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from '../../src/jobs/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    ['0.5m', 30_000],
    ['0', 0],
    ['0s', 0],
    [' 10m ', 600_000],
  ])('--stale-after %s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '-5s', '5 s', '1.5', '5sec', '1w', '1e3s', '.5s', '1h30m', 'abc', '5S'])(
    'rejects %j with the accepted forms in the message',
    (text) => {
      expect(() => parseDuration(text)).toThrow(DurationError);
      expect(() => parseDuration(text)).toThrow(/500ms, 5s, 2m, 1h, 1d/);
    },
  );

  it('names the rejected input', () => {
    expect(() => parseDuration('soon')).toThrow('"soon"');
  });
});
