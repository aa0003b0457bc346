import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/jobs/glob.js';

describe('globToRegExp', () => {
  it('matches `spring-*` against any name starting with spring-, ignoring case', () => {
    const pattern = globToRegExp('spring-*');
    expect(pattern.test('spring-catalogue')).toBe(true);
    expect(pattern.test('SPRING-sale')).toBe(true);
    expect(pattern.test('winter-spring-catalogue')).toBe(false);
  });

  it('reads `?` as exactly one character', () => {
    const pattern = globToRegExp('batch-?');
    expect(pattern.test('batch-7')).toBe(true);
    expect(pattern.test('batch-é')).toBe(true);
    expect(pattern.test('batch-12')).toBe(false);
    expect(pattern.test('batch-')).toBe(false);
  });

  it('treats regular-expression characters as literal text', () => {
    const pattern = globToRegExp('price (v1.2) [final]+$^|{2}\\');
    expect(pattern.test('price (v1.2) [final]+$^|{2}\\')).toBe(true);
    expect(pattern.test('price (v112) [final]+$^|{2}\\')).toBe(false);
  });

  it('is anchored: a plain word only matches the whole name', () => {
    expect(globToRegExp('catalogue').test('spring-catalogue')).toBe(false);
    expect(globToRegExp('*catalogue').test('spring-catalogue')).toBe(true);
  });

  it('lets `*` span names containing line breaks', () => {
    expect(globToRegExp('a*b').test('a\nb')).toBe(true);
  });
});
