import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLE, worstExitCode } from '../../src/exit-codes.js';
import { exitCodesText } from '../../src/commands/help/command.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('the worst outcome wins: 70 > 4 > 78 > 5 > 75 > 1 > 6 > 7 > 3 > 0', () => {
  it.each([
    { codes: [], worst: 0 },
    { codes: [0, 3], worst: 3 },
    { codes: [3, 7, 6], worst: 6 },
    { codes: [6, 1], worst: 1 },
    // A temporary condition (a busy lock): nothing was checked, which says more than any job's outcome...
    { codes: [1, 75], worst: 75 },
    { codes: [75, 6, 0], worst: 75 },
    // ...and less than a service that fails.
    { codes: [75, 5], worst: 5 },
    { codes: [1, 5], worst: 5 },
    { codes: [5, 78], worst: 78 },
    { codes: [78, 4, 0], worst: 4 },
    { codes: [0, 4, 1, 5, 7], worst: 4 },
    // An internal error (a bug of ips-jobs): nothing else the run found can be trusted.
    { codes: [4, 70], worst: 70 },
    { codes: [0, 78, 70, 75, 5], worst: 70 },
  ])('$codes → $worst', ({ codes, worst }) => {
    expect(worstExitCode(codes)).toBe(worst);
  });
});

describe('ips-jobs help exit-codes', () => {
  it('lists every code of the contract with its meaning', () => {
    const text = exitCodesText();
    for (const { code, meaning } of EXIT_CODE_TABLE) expect(text).toMatch(new RegExp(`^\\s*${code}\\s+${meaning.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(EXIT_CODE_TABLE.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 70, 75, 78, 124, 130, 143]);
    expect(text).toContain('When several outcomes happen at once, the worst wins: 70 > 4 > 78 > 5 > 75 > 1 > 6 > 7 > 3 > 0.');
  });
});

describe("the README's exit codes", () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Exit codes$/m)[1]!.split(/^## /m)[0]!;

  it('are the table help exit-codes prints: the same codes with the same meanings (backticks aside)', () => {
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map(([, code, meaning]) => ({ code: Number(code), meaning: meaning!.replaceAll('`', '') }));
    expect(rows).toEqual(EXIT_CODE_TABLE.map(({ code, meaning }) => ({ code, meaning })));
  });

  it('rank them as help exit-codes does', () => {
    const precedence = exitCodesText().split('\n').find((line) => line.startsWith('When several outcomes'));
    expect(precedence).toBeDefined();
    expect(section).toContain(`\n${precedence}\n`);
  });
});
