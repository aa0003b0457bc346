import { describe, expect, it } from 'vitest';
import { createPalette } from '../../src/render/palette.js';

describe('createPalette', () => {
  it('colours each state class differently when colour is on', () => {
    const palette = createPalette(true);
    expect(palette.state('running')('Running')).toBe('\x1b[36mRunning\x1b[39m');
    expect(palette.state('waiting')('New')).toBe('\x1b[33mNew\x1b[39m');
    expect(palette.state('stopping')('Stopping')).toBe('\x1b[35mStopping\x1b[39m');
    expect(palette.state('done')('Done')).toBe('\x1b[32mDone\x1b[39m');
    expect(palette.state('unknown')('Unknown')).toBe('\x1b[90mUnknown\x1b[39m');
    expect(palette.stale('5m ago !')).toBe('\x1b[31m5m ago !\x1b[39m');
    expect(palette.heading('NAME')).toBe('\x1b[1mNAME\x1b[22m');
  });

  it('returns text untouched when colour is off (the NO_COLOR / piped case)', () => {
    const palette = createPalette(false);
    const styles = [
      palette.state('running'),
      palette.state('done'),
      palette.stale,
      palette.heading,
      palette.bold,
      palette.dim,
      palette.ok,
      palette.warn,
      palette.error,
    ];
    for (const style of styles) expect(style('text')).toBe('text');
    expect(palette.enabled).toBe(false);
  });
});
