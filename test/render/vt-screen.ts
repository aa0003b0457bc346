// A tiny VT100-style screen for the live-view tests: it understands only the codes LiveScreen may emit and throws on
// anything else (so an `ESC[2J` or a stray sequence fails the test). Behaves like xterm where terminals differ:
// deferred auto-wrap, and erase-to-end-of-line in the pending-wrap state wipes the last column.
import { visibleWidth } from '../../src/render/text-width.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const CSI = /^\x1b\[([?]?)([0-9;]*)([A-Za-z])/;

export class VtScreen {
  /** Cells per row; '' marks the right half of a wide character. */
  private cells: string[][];
  /** Rows scrolled off the top, oldest first. */
  readonly scrollback: string[] = [];
  row = 0;
  col = 0;
  private pendingWrap = false;
  cursorVisible = true;
  /** Inside ESC[?2026h … ESC[?2026l. */
  synchronized = false;
  /** Times a line ran past the right edge and wrapped: LiveScreen must never cause one. */
  autoWraps = 0;

  constructor(
    public width: number,
    public height: number,
  ) {
    this.cells = Array.from({ length: height }, () => this.blankRow());
  }

  private blankRow(): string[] {
    return Array.from({ length: this.width }, () => ' ');
  }

  write(bytes: string): void {
    let rest = bytes;
    while (rest !== '') {
      if (rest.startsWith('\x1b')) {
        const match = CSI.exec(rest);
        if (!match) throw new Error(`unsupported escape ${JSON.stringify(rest.slice(0, 8))}`);
        this.csi(match[1] ?? '', match[2] ?? '', match[3] ?? '');
        rest = rest.slice(match[0].length);
        continue;
      }
      const char = rest[0]!;
      if (char === '\r') {
        this.col = 0;
        this.pendingWrap = false;
        rest = rest.slice(1);
        continue;
      }
      if (char === '\n') {
        // A bare line feed, as with output processing off: the column stays.
        this.lineFeed();
        rest = rest.slice(1);
        continue;
      }
      if (char < ' ' || char === '\x7f') throw new Error(`unsupported control ${JSON.stringify(char)}`);
      const [{ segment } = { segment: char }] = segmenter.segment(rest);
      this.print(segment);
      rest = rest.slice(segment.length);
    }
  }

  private csi(private_: string, params: string, final: string): void {
    const n = params === '' ? 1 : Number(params);
    if (private_ === '?') {
      if (params === '25' && (final === 'l' || final === 'h')) this.cursorVisible = final === 'h';
      else if (params === '2026' && (final === 'l' || final === 'h')) this.synchronized = final === 'h';
      else throw new Error(`unsupported private mode ${params}${final}`);
      return;
    }
    switch (final) {
      case 'm':
        return; // colours do not change what is on screen
      case 'A':
        this.row = Math.max(0, this.row - Math.max(1, n));
        this.pendingWrap = false;
        return;
      case 'F':
        this.row = Math.max(0, this.row - Math.max(1, n));
        this.col = 0;
        this.pendingWrap = false;
        return;
      case 'B':
        this.row = Math.min(this.height - 1, this.row + Math.max(1, n));
        this.pendingWrap = false;
        return;
      case 'K':
        if (params !== '') throw new Error(`unsupported erase ESC[${params}K`);
        for (let c = this.col; c < this.width; c++) this.cells[this.row]![c] = ' ';
        this.pendingWrap = false;
        return;
      case 'J':
        if (params !== '') throw new Error(`unsupported erase ESC[${params}J`);
        for (let c = this.col; c < this.width; c++) this.cells[this.row]![c] = ' ';
        for (let r = this.row + 1; r < this.height; r++) this.cells[r] = this.blankRow();
        this.pendingWrap = false;
        return;
      default:
        throw new Error(`unsupported sequence ESC[${params}${final}`);
    }
  }

  private lineFeed(): void {
    this.pendingWrap = false;
    if (this.row < this.height - 1) {
      this.row++;
      return;
    }
    this.scrollback.push(rowText(this.cells.shift()!));
    this.cells.push(this.blankRow());
  }

  private print(grapheme: string): void {
    const cellWidth = visibleWidth(grapheme);
    if (cellWidth === 0) return;
    if (this.pendingWrap || this.col + cellWidth > this.width) {
      this.autoWraps++;
      this.col = 0;
      this.lineFeed();
    }
    const row = this.cells[this.row]!;
    row[this.col] = grapheme;
    if (cellWidth === 2) row[this.col + 1] = '';
    if (this.col + cellWidth >= this.width) this.pendingWrap = true;
    else this.col += cellWidth;
  }

  /** What the screen shows, one string per row, trailing blanks removed. */
  lines(): string[] {
    return this.cells.map(rowText);
  }

  /** Scrollback then screen, with the blank rows at the bottom left out. */
  transcript(): string[] {
    const all = [...this.scrollback, ...this.lines()];
    while (all.length > 0 && all[all.length - 1] === '') all.pop();
    return all;
  }

  /**
   * The window changes size. With `reflow` (most modern terminals) each row is rewrapped to the new width, as
   * LiveScreen's rows never soft-wrap; without it (xterm) rows are cut. A shorter window first gives up blank rows
   * below the cursor, then pushes rows off the top into the scrollback.
   */
  resize(width: number, height: number, reflow: boolean): void {
    const texts = this.cells.map(rowText);
    const rows: string[] = [];
    let cursorRow = 0;
    texts.forEach((text, r) => {
      if (r === this.row) cursorRow = rows.length;
      const chunks: string[] = [];
      if (reflow) {
        let chunk = '';
        for (const { segment } of segmenter.segment(text)) {
          if (visibleWidth(chunk + segment) > width) {
            chunks.push(chunk);
            chunk = '';
          }
          chunk += segment;
        }
        chunks.push(chunk);
      } else {
        chunks.push(text);
      }
      rows.push(...chunks);
    });
    while (rows.length > height && rows.length - 1 > cursorRow && rows[rows.length - 1] === '') rows.pop();
    while (rows.length > height) {
      this.scrollback.push(rows.shift()!);
      cursorRow--;
    }
    while (rows.length < height) rows.push('');
    this.width = width;
    this.height = height;
    this.cells = rows.map((text) => {
      const cells = this.blankRow();
      let c = 0;
      for (const { segment } of segmenter.segment(text)) {
        const w = visibleWidth(segment);
        if (c + w > width) break;
        cells[c] = segment;
        if (w === 2) cells[c + 1] = '';
        c += w;
      }
      return cells;
    });
    this.row = Math.max(0, cursorRow);
    this.col = Math.min(this.col, width - 1);
    this.pendingWrap = false;
  }
}

function rowText(cells: string[]): string {
  return cells.join('').replace(/ +$/, '');
}
