// A real terminal for the live-view tests: the bytes LiveScreen writes are replayed into @xterm/headless (xterm.js
// without a renderer) and the tests read its buffer, so character widths, wrapping, erasing and reflow are xterm.js's,
// not ours (the product's `visibleWidth` is never used here).
//
// Around the emulator this wrapper only watches, never changes what xterm does:
// - it throws on any escape sequence or control LiveScreen has no business writing (so an `ESC[2J` or a stray
//   sequence fails the test, as it did with the hand-written emulator this replaces);
// - it counts auto-wraps from xterm's own `isWrapped` flags (see `scanWraps`);
// - it counts erases issued while the cursor is parked past the last column after a full-width line: classic xterm
//   wipes that last cell there, xterm.js does not (it leaves the line whole), so the count stands in for xterm's
//   behaviour;
// - cursor visibility (DECTCEM) is not in the public `terminal.modes` of @xterm/headless 6.0.0, so `cursorVisible()`
//   asks the terminal itself with DECRQM (`ESC[?25$p`) and reads its `ESC[?25;1$y` / `;2$y` reply. Synchronized
//   output (DEC 2026) is public: `terminal.modes.synchronizedOutputMode`.
import xtermHeadless from '@xterm/headless';
import type { IBufferLine, Terminal as XtermTerminal } from '@xterm/headless';

// The package is CommonJS without named exports Node can see: take the class off the default export.
const { Terminal } = xtermHeadless;

// What LiveScreen may write: SGR colours, cursor up / preceding line / down, erase right / below (default parameter
// only), DECTCEM (?25) and synchronized output (?2026).
const ALLOWED_CSI = /^\x1b\[(?:[0-9;]*m|[0-9]*[AFB]|[KJ]|\?(?:25|2026)[hl])/;
const ANY_ESCAPE = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|.)?/s;

export class XtermScreen {
  readonly terminal: XtermTerminal;
  /** Auto-wraps seen so far (absolute buffer rows that xterm marked as a continuation): LiveScreen must cause none. */
  private readonly wrappedRows = new Set<number>();
  /** Rows xterm itself rewrapped on the last resize; they are not auto-wraps until the next write has run. */
  private reflowedRows = new Set<number>();
  /** Erases (`ESC[K`/`ESC[J`) with the cursor parked past the last column, where classic xterm wipes that column. */
  erasesAfterFullWidthLine = 0;
  private replies = '';

  constructor(width: number, height: number) {
    // allowProposedApi: @xterm/headless puts `buffer` and `parser` behind it. Scrollback large enough that no row
    // is ever dropped, so row numbers stay put and the transcript is whole.
    this.terminal = new Terminal({ cols: width, rows: height, scrollback: 100_000, allowProposedApi: true });
    this.terminal.onData((data) => {
      this.replies += data;
    });
    // Observers only: returning false hands the sequence on to xterm's own handler, which then runs as usual.
    for (const final of ['K', 'J']) {
      this.terminal.parser.registerCsiHandler({ final }, () => {
        if (this.terminal.buffer.active.cursorX >= this.terminal.cols) this.erasesAfterFullWidthLine++;
        // An erase from column 0 clears the row's wrapped flag: record wraps before they can be wiped.
        this.scanWraps();
        return false;
      });
    }
  }

  /** Feeds bytes to the terminal; resolves once xterm has parsed them. */
  async write(bytes: string): Promise<void> {
    checkSequences(bytes);
    await this.feed(bytes);
    // Rows rewrapped by a resize had this write to be erased; any still marked now count as wraps.
    this.reflowedRows = new Set();
    this.scanWraps();
  }

  private feed(bytes: string): Promise<void> {
    return new Promise((resolve) => this.terminal.write(bytes, resolve));
  }

  /**
   * xterm sets `isWrapped` on the row a line ran onto when it passed the right edge, and clears it when that row is
   * erased from column 0. Scanned before every erase and after every write, so a wrap cannot come and go unseen.
   */
  private scanWraps(): void {
    const buffer = this.terminal.buffer.active;
    for (let y = 0; y < buffer.length; y++) {
      if (buffer.getLine(y)?.isWrapped && !this.reflowedRows.has(y)) this.wrappedRows.add(y);
    }
  }

  /** Times a line ran past the right edge and wrapped. */
  get autoWraps(): number {
    return this.wrappedRows.size;
  }

  /** Inside ESC[?2026h … ESC[?2026l, as xterm's mode state says. */
  get synchronized(): boolean {
    return this.terminal.modes.synchronizedOutputMode;
  }

  /** DECTCEM as the terminal reports it to a DECRQM query. */
  async cursorVisible(): Promise<boolean> {
    this.replies = '';
    await this.feed('\x1b[?25$p');
    const match = /\x1b\[\?25;([0-4])\$y/.exec(this.replies);
    if (!match) throw new Error(`no DECRQM reply for mode 25: ${JSON.stringify(this.replies)}`);
    if (match[1] !== '1' && match[1] !== '2') throw new Error(`mode 25 reported as ${match[1]}`);
    return match[1] === '1';
  }

  /** Cursor row on screen (0 = top of the window). */
  get row(): number {
    return this.terminal.buffer.active.cursorY;
  }

  /** Cursor column; xterm.js parks it at `cols` after a full-width line until the next character or move. */
  get col(): number {
    return this.terminal.buffer.active.cursorX;
  }

  /** What the window shows, one string per row, trailing blanks removed. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    return Array.from({ length: this.terminal.rows }, (_, r) => rowText(buffer.getLine(buffer.baseY + r)));
  }

  /** Scrollback then screen, with the blank rows at the bottom left out. */
  transcript(): string[] {
    const buffer = this.terminal.buffer.active;
    const all = Array.from({ length: buffer.length }, (_, y) => rowText(buffer.getLine(y)));
    while (all.length > 0 && all[all.length - 1] === '') all.pop();
    return all;
  }

  /**
   * The window changes size, as xterm.js does it: rows that no longer fit the width are rewrapped (reflow; xterm.js
   * has no cut-the-rows mode outside its Windows/ConPTY heuristics, which also guess wrapped flags on every line
   * feed), and a shorter window first gives up the rows below the cursor, then pushes rows off the top into the
   * scrollback.
   */
  resize(width: number, height: number): void {
    this.scanWraps();
    this.terminal.resize(width, height);
    const buffer = this.terminal.buffer.active;
    this.reflowedRows = new Set();
    for (let y = 0; y < buffer.length; y++) if (buffer.getLine(y)?.isWrapped) this.reflowedRows.add(y);
  }

  dispose(): void {
    this.terminal.dispose();
  }
}

function rowText(line: IBufferLine | undefined): string {
  // translateToString keeps spaces that were written; the tests compare rows without trailing blanks either way.
  return (line?.translateToString(true) ?? '').replace(/ +$/, '');
}

function checkSequences(bytes: string): void {
  for (let i = 0; i < bytes.length; i++) {
    const char = bytes[i]!;
    if (char === '\x1b') {
      const rest = bytes.slice(i);
      const allowed = ALLOWED_CSI.exec(rest);
      if (!allowed) throw new Error(`unsupported escape ${JSON.stringify(ANY_ESCAPE.exec(rest)?.[0] ?? rest.slice(0, 8))}`);
      i += allowed[0].length - 1;
      continue;
    }
    if (char === '\r' || char === '\n') continue;
    if (char < ' ' || (char >= '\x7f' && char <= '\x9f')) throw new Error(`unsupported control ${JSON.stringify(char)}`);
  }
}
