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

  describe('the identifying column (a name) is the last thing cut, in the middle', () => {
    const rows = [
      [{ text: 'Outlet-Incremental-Publish-08:59:19' }, { text: 'ImageServingPublish' }, { text: 'Running' }],
      [{ text: 'Outlet-Incremental-Publish-08:59:41' }, { text: 'ImageServingPublish' }, { text: 'Done' }],
    ];
    const name = { ...left, shrinkOrder: 2, minWidth: 12, identifies: true };
    const type = { ...left, shrinkOrder: 1, minWidth: 8, dropOrder: 1 };
    const state = { ...left };

    it('shrinks the other columns first, though their shrinkOrder is higher', () => {
      const shrinkFirst = { ...type, shrinkOrder: 5 };
      const lines = renderAlignedLines([name, shrinkFirst, state], rows, 58);
      expect(lines).toEqual(['Outlet-Incremental-Publish-08:59:19  ImageServin…  Running', 'Outlet-Incremental-Publish-08:59:41  ImageServin…  Done']);
    });

    it('leaves a droppable column out rather than cut the name', () => {
      expect(renderAlignedLines([name, type, state], rows, 46)).toEqual([
        'Outlet-Incremental-Publish-08:59:19  Running',
        'Outlet-Incremental-Publish-08:59:41  Done',
      ]);
    });

    it('with nothing left to leave out, cuts the name in the middle so its end stays', () => {
      const lines = renderAlignedLines([name, type, state], rows, 30);
      expect(lines).toEqual(['Outlet-Inc…h-08:59:19  Running', 'Outlet-Inc…h-08:59:41  Done']);
    });

    it('is cut before columns whose dropOrder is at or above its cutOrder leave', () => {
      const keep = { ...type, dropOrder: 5 };
      const lines = renderAlignedLines([{ ...name, cutOrder: 5 }, keep, state], rows, 44);
      // TYPE shrinks to its minimum first, then the name gives way: TYPE stays.
      expect(lines).toEqual(['Outlet-Incre…ish-08:59:19  ImageSe…  Running', 'Outlet-Incre…ish-08:59:41  ImageSe…  Done']);
      // Without a cutOrder, TYPE leaves first and the name stays whole.
      expect(renderAlignedLines([name, keep, state], rows, 44)[0]).toBe('Outlet-Incremental-Publish-08:59:19  Running');
    });
  });
});

