import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLE, worstExitCode } from '../../src/exit-codes.js';
import { exitCodesText } from '../../src/commands/help/command.js';

describe('the worst outcome wins: 4 > 78 > 5 > 1 > 6 > 7 > 3 > 0', () => {
  it.each([
    { codes: [], worst: 0 },
    { codes: [0, 3], worst: 3 },
    { codes: [3, 7, 6], worst: 6 },
    { codes: [6, 1], worst: 1 },
    { codes: [1, 5], worst: 5 },
    { codes: [5, 78], worst: 78 },
    { codes: [78, 4, 0], worst: 4 },
    { codes: [0, 4, 1, 5, 7], worst: 4 },
  ])('$codes → $worst', ({ codes, worst }) => {
    expect(worstExitCode(codes)).toBe(worst);
  });
});

describe('ips-jobs help exit-codes', () => {
  it('lists every code of the contract with its meaning', () => {
    const text = exitCodesText();
    for (const { code, meaning } of EXIT_CODE_TABLE) expect(text).toMatch(new RegExp(`^\\s*${code}\\s+${meaning.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(EXIT_CODE_TABLE.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 78, 124, 130, 143]);
  });
});
