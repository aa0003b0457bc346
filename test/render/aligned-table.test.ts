import { describe, expect, it } from 'vitest';
import { renderAlignedLines } from '../../src/render/aligned-table.js';

const left = { align: 'left' as const, minWidth: 1 };
const right = { align: 'right' as const, minWidth: 1 };

describe('renderAlignedLines', () => {
  it('pads columns two spaces apart, right-aligns numbers and leaves no trailing blanks', () => {
    const rows = [
      [{ text: 'NAME' }, { text: 'SIZE' }, { text: 'NOTE' }],
      [{ text: 'a' }, { text: '123456' }, { text: '' }],
      [{ text: 'longer' }, { text: '7' }, { text: 'x' }],
    ];
    expect(renderAlignedLines([left, right, left], rows)).toEqual(['NAME      SIZE  NOTE', 'a       123456', 'longer       7  x']);
  });

  it('styles the text but measures and pads it unstyled', () => {
    const rows = [[{ text: 'ab', style: (t: string) => `<${t}>` }, { text: 'c' }], [{ text: 'abcd' }, { text: 'e' }]];
    expect(renderAlignedLines([left, left], rows)).toEqual(['<ab>    c', 'abcd  e']);
  });

  it('shrinks the lowest shrinkOrder column first, down to its minimum', () => {
    const rows = [[{ text: 'aaaaaaaaaa' }, { text: 'bbbbbbbbbb' }]];
    const columns = [
      { ...left, shrinkOrder: 2, minWidth: 4 },
      { ...left, shrinkOrder: 1, minWidth: 4 },
    ];
    expect(renderAlignedLines(columns, rows, 16)).toEqual(['aaaaaaaaaa  bbb…']);
    expect(renderAlignedLines(columns, rows, 12)).toEqual(['aaaaa…  bbb…']);
  });
});
