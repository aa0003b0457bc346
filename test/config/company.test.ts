import { describe, expect, it } from 'vitest';
import { classifyCompany } from '../../src/config/index.js';

describe('classifyCompany', () => {
  it.each([
    ['c|1001', 'handle'],
    ['1001', 'handle'],
    ['Demo Company', 'name'],
    ['12a', 'name'],
    ['Acme|EU', 'handle'],
  ] as const)('%s is a %s', (value, kind) => {
    expect(classifyCompany(value)).toEqual({ kind, value });
  });
});
