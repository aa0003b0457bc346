import { describe, expect, it } from 'vitest';
import { askOnTerminal, canAskOnTerminal, isYes } from '../../src/commands/shared/confirm.js';

describe('the confirmation question', () => {
  it.each([
    ['y', true],
    ['Y', true],
    ['yes', true],
    [' YES ', true],
    ['', false],
    ['n', false],
    ['no', false],
    ['yep', false],
    ['y y', false],
  ])('%j → %s', (answer, agreed) => {
    expect(isYes(answer)).toBe(agreed);
  });

  it('has no terminal to ask on when the device cannot be opened', async () => {
    await expect(askOnTerminal('Stop 1 job? [y/N] ', undefined, '/nonexistent/tty')).resolves.toBeUndefined();
    expect(canAskOnTerminal('/nonexistent/tty')).toBe(false);
  });
});
