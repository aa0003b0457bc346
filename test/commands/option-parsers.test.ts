import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { choiceOption, countOption, listOption, positiveDurationOption, sizeOption } from '../../src/commands/shared/option-parsers.js';

describe('countOption', () => {
  it('takes whole numbers from its minimum up', () => {
    expect([countOption(0)('0'), countOption(1)(' 12 '), countOption(1)('9007199254740991')]).toEqual([0, 12, 9007199254740991]);
  });

  it.each(['', 'ten', '-1', '1.5', '1e3', '0x10', '9007199254740993'])('refuses %j', (value) => {
    expect(() => countOption(0)(value)).toThrow(InvalidArgumentError);
  });

  it('refuses a number below the minimum and names the minimum and the example', () => {
    expect(() => countOption(1)('0')).toThrow('expected a whole number ≥ 1');
    expect(() => countOption(0, '50 (0 = no limit)')('all')).toThrow('expected a whole number ≥ 0, e.g. 50 (0 = no limit)');
  });
});

describe('the other flag parsers', () => {
  it('read durations, sizes, lists and choices', () => {
    expect(positiveDurationOption('1.5s')).toBe(1_500);
    expect(() => positiveDurationOption('0')).toThrow('must be more than 0');
    expect([sizeOption('256MB'), sizeOption('512kb'), sizeOption('1048576')]).toEqual([256 * 1024 ** 2, 512 * 1024, 1_048_576]);
    expect(listOption('a, b,,c', ['x'])).toEqual(['x', 'a', 'b', 'c']);
    expect(choiceOption(['json', 'table'] as const)('JSON')).toBe('json');
    expect(() => choiceOption(['json', 'table'] as const)('xml')).toThrow('expected one of: json, table');
  });
});
