import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/commands/shared/io.js';

describe('colour decision: --color/--no-color > NO_COLOR > FORCE_COLOR > TERM=dumb > is-a-TTY', () => {
  it.each([
    { case: 'a TTY with nothing set', flag: undefined, env: {}, tty: true, on: true },
    { case: 'a pipe with nothing set', flag: undefined, env: {}, tty: false, on: false },
    { case: 'NO_COLOR on a TTY', flag: undefined, env: { NO_COLOR: '1' }, tty: true, on: false },
    { case: 'an empty NO_COLOR is not set', flag: undefined, env: { NO_COLOR: '' }, tty: true, on: true },
    { case: '--color beats NO_COLOR', flag: true, env: { NO_COLOR: '1' }, tty: false, on: true },
    { case: '--no-color beats FORCE_COLOR', flag: false, env: { FORCE_COLOR: '1' }, tty: true, on: false },
    { case: 'NO_COLOR beats FORCE_COLOR', flag: undefined, env: { NO_COLOR: '1', FORCE_COLOR: '1' }, tty: true, on: false },
    { case: 'FORCE_COLOR in a pipe', flag: undefined, env: { FORCE_COLOR: '1' }, tty: false, on: true },
    { case: 'FORCE_COLOR=0 on a TTY', flag: undefined, env: { FORCE_COLOR: '0' }, tty: true, on: false },
    { case: 'FORCE_COLOR beats TERM=dumb', flag: undefined, env: { FORCE_COLOR: 'true', TERM: 'dumb' }, tty: false, on: true },
    { case: 'TERM=dumb on a TTY', flag: undefined, env: { TERM: 'dumb' }, tty: true, on: false },
  ])('$case → $on', ({ flag, env, tty, on }) => {
    expect(colorEnabled(flag, env, tty)).toBe(on);
  });
});
