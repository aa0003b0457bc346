import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/render/progress-bar.js';

describe('progressBar', () => {
  it('draws half a unicode bar for 50%', () => {
    expect(progressBar(50, 10, 'unicode')).toBe('█████░░░░░');
  });

  it('draws with # and - in ascii mode', () => {
    expect(progressBar(30, 10, 'ascii')).toBe('###-------');
  });

  it('clamps values outside 0–100', () => {
    expect(progressBar(140, 4, 'ascii')).toBe('####');
    expect(progressBar(-5, 4, 'ascii')).toBe('----');
  });

  it('only looks full at 100', () => {
    expect(progressBar(99.9, 10, 'ascii')).toBe('#########-');
    expect(progressBar(100, 10, 'ascii')).toBe('##########');
  });

  it('keeps the same width when progress is unknown', () => {
    expect(progressBar(undefined, 10, 'unicode')).toBe(' '.repeat(10));
    expect(progressBar(Number.NaN, 6, 'ascii')).toHaveLength(6);
  });
});
