import { afterEach, describe, expect, it } from 'vitest';
import type { ActiveJob } from '../../src/ips/types.js';
import { DEFAULT_COLUMNS, WIDE_COLUMNS } from '../../src/render/columns.js';
import { formatClock } from '../../src/render/live-footer.js';
import { type LiveFrameInput, LiveScreen, renderFrame } from '../../src/render/live-screen.js';
import { createPalette } from '../../src/render/palette.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { makeJob, makeTask, NOW } from '../jobs/job-fixtures.js';
import { XtermScreen } from '../helpers/xterm-screen.js';

const jobs = (count: number, prefix = 'job'): ActiveJob[] =>
  Array.from({ length: count }, (_, i) =>
    makeJob({
      jobHandle: `j|${prefix}-${i}`,
      name: `${prefix}-${i}`,
      progress: (i * 17) % 101,
      progressMessage: `Publishing image ${i * 3} of 300`,
      taskProgressArray: [makeTask({ numProcessed: i, numPending: 10 })],
    }),
  );

const failed = { job: makeJob({ jobHandle: 'j|k', name: 'Kestrel-Spring-Publish' }), outcome: 'failed', detail: '42 file errors' };
const succeeded = { job: makeJob({ jobHandle: 'j|s', name: 'Spring-Catalog-Publish' }), outcome: 'succeeded', detail: '' };

function frame(overrides: Partial<LiveFrameInput> = {}): LiveFrameInput {
  return {
    jobs: jobs(3),
    finished: [],
    columns: DEFAULT_COLUMNS,
    palette: createPalette(false),
    now: NOW,
    staleAfterMs: 5 * 60_000,
    width: 120,
    height: 30,
    footer: { company: 'Acme Retail', lastPoll: '2026-11-28T09:29:58-08:00', nextPoll: new Date(NOW.getTime() + 3_200), polls: 12 },
    ...overrides,
  };
}

const plainLines = (lines: string[]) => lines.map(stripAnsi);

describe('renderFrame', () => {
  it('ips-jobs watch shows the table header, one line per job, and a footer', () => {
    const lines = plainLines(renderFrame(frame()));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+STATE\s+PROGRESS/);
    expect(lines[1]).toMatch(/^job-0\s+ImageServingPublishJob\s+Running/);
    expect(lines[4]).toBe('Acme Retail · last poll 09:29:58 · next in 4s · 12 polls');
  });

  it('never draws a line wider than the terminal nor more than height-1 lines, whatever the size', () => {
    const coloured = createPalette(true);
    for (const width of [1, 5, 20, 41, 80, 133]) {
      for (const height of [1, 2, 3, 4, 8, 25]) {
        for (const count of [0, 1, 30]) {
          const lines = renderFrame(
            frame({
              jobs: jobs(count),
              finished: [failed],
              palette: coloured,
              columns: WIDE_COLUMNS,
              width,
              height,
              footer: { company: 'Acme Retail', lastPoll: NOW, staleSinceMs: 400_000, error: 'socket hang up '.repeat(20), polls: 3 },
            }),
          );
          expect(lines.length).toBeLessThanOrEqual(Math.max(0, height - 1));
          for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('summarises the jobs that do not fit in one "+N more" line, keeping the footer', () => {
    const lines = plainLines(renderFrame(frame({ jobs: jobs(20), height: 10 })));
    // 9 lines: header, 6 jobs, "+14 more", footer.
    expect(lines).toHaveLength(9);
    expect(lines[6]).toMatch(/^job-5\s/);
    expect(lines[7]).toBe('+14 more');
    expect(lines[8]).toContain('Acme Retail');
  });

  it('counts hidden finished jobs in the "+N more" line', () => {
    const lines = plainLines(renderFrame(frame({ jobs: jobs(20), finished: [failed, succeeded], height: 10 })));
    expect(lines[7]).toBe('+16 more (2 finished)');
  });

  it('on a 3-line terminal shows only how many jobs there are and the footer', () => {
    expect(plainLines(renderFrame(frame({ jobs: jobs(4), height: 3 })))).toEqual([
      '+4 more',
      'Acme Retail · last poll 09:29:58 · next in 4s · 12 polls',
    ]);
    expect(renderFrame(frame({ height: 2 }))).toHaveLength(1);
    expect(renderFrame(frame({ height: 1 }))).toEqual([]);
  });

  it('says so when there are no active jobs', () => {
    expect(plainLines(renderFrame(frame({ jobs: [] })))[0]).toBe('No active jobs');
  });

  it('shows recently finished jobs below the active ones, dimmed, with their outcome and detail', () => {
    const lines = renderFrame(frame({ jobs: jobs(1), finished: [failed, succeeded], palette: createPalette(true) }));
    const plain = plainLines(lines);
    expect(plain[2]).toMatch(/^Kestrel-Spring-Publish\s+ImageServingPublishJob\s+failed\s+.*42 file errors/);
    expect(plain[3]).toMatch(/^Spring-Catalog-Publish\s+ImageServingPublishJob\s+succeeded\s+.*Publishing images/);
    expect(lines[2]).toContain('\x1b[2m');
    expect(lines[2]).toContain('\x1b[31mfailed');
    // Finished and active rows share one alignment.
    expect(plain[1]!.indexOf('Running')).toBe(plain[2]!.indexOf('failed'));
  });

  it('puts the outcome after the name when STATE is not shown', () => {
    const plain = plainLines(renderFrame(frame({ jobs: [], finished: [failed], columns: ['name', 'updated'] })));
    expect(plain[1]).toMatch(/^Kestrel-Spring-Publish \(failed\)\s+/);
  });

  it('cuts a finished job\'s name in its middle, keeping its end and the outcome after it', () => {
    const job = makeJob({ jobHandle: 'j|o', name: 'Outlet-Incremental-Publish-2026-11-28-08:59:19' });
    const plain = plainLines(renderFrame(frame({ jobs: [], finished: [{ job, outcome: 'succeeded_with_warnings', detail: '' }], columns: ['name'], width: 50 })));
    expect(plain[1]).toBe('Outlet-Incr…-28-08:59:19 (succeeded with warnings)');
  });

  describe('names that differ only at the end stay apart (the name is cut last, in the middle)', () => {
    const stamps = ['08:59:19', '08:59:41', '09:01:07', '09:02:55'];
    const outlet = stamps.map((stamp, i) =>
      makeJob({
        jobHandle: `j|outlet-${i}`,
        name: `Outlet-Incremental-Publish-2026-11-28-${stamp}`,
        type: 'ImageServingPublish',
        progress: 40 + i,
        progressMessage: `Publishing ${120 + i} of 285 assets`,
        submitUserEmail: 'publisher@ips-jobs.example',
        taskProgressArray: [makeTask({ numProcessed: 300 + i, numPending: 200 })],
      }),
    );
    const namesOf = (width: number) => {
      const lines = plainLines(renderFrame(frame({ jobs: outlet, width })));
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      return { header: lines[0]!, names: lines.slice(1, 1 + outlet.length).map((line) => line.split('  ')[0]!) };
    };

    it.each([130, 100])('at %i columns shows every name whole, leaving other columns out first', (width) => {
      const { header, names } = namesOf(width);
      expect(names).toEqual(outlet.map((job) => job.name));
      expect(header).toMatch(/^NAME\s+.*STATE\s+PROGRESS\s+.*UPDATED$/);
    });

    it('at 130 columns keeps TYPE beside the whole names', () => {
      expect(namesOf(130).header).toMatch(/^NAME\s+TYPE\s+STATE\s+PROGRESS\s+.*UPDATED$/);
    });

    it('at 80 columns cuts the names in the middle, so each keeps its own time, and keeps the progress', () => {
      const { header, names } = namesOf(80);
      expect(header).toMatch(/^NAME\s+STATE\s+PROGRESS\s+UPDATED$/);
      expect(new Set(names).size).toBe(outlet.length);
      names.forEach((name, i) => {
        expect(name).toMatch(/^Outlet-Incremental.*….*-\d\d:\d\d:\d\d$/);
        expect(name.endsWith(stamps[i]!)).toBe(true);
      });
    });
  });

  it('marks a job silent past --stall-timeout with !', () => {
    const stuck = makeJob({ name: 'stuck', lastProgressUpdate: '2026-11-28T09:10:00-08:00' });
    expect(plainLines(renderFrame(frame({ jobs: [stuck] })))[1]).toContain('20m ago !');
  });

  it('shows control characters in job names as escapes', () => {
    const hostile = makeJob({ name: 'evil\x1b[2J\u202ename' });
    const lines = renderFrame(frame({ jobs: [hostile] }));
    expect(lines.join('\n')).not.toMatch(/[\x1b\u202e]/);
    expect(lines[1]).toContain('evil\\x1b[2J\\u202ename');
  });
});

describe('the watch footer', () => {
  const footerOf = (input: Partial<LiveFrameInput>) => {
    const lines = renderFrame(frame(input));
    return lines[lines.length - 1]!;
  };

  it('while polls fail shows how old the data is in yellow, and the error', () => {
    const footer = footerOf({
      palette: createPalette(true),
      footer: { company: 'Acme', lastPoll: '2026-11-28T09:28:40-08:00', nextPoll: new Date(NOW.getTime() + 4_000), staleSinceMs: 80_000, error: 'connect ECONNREFUSED 10.0.0.1:443', polls: 7 },
    });
    expect(stripAnsi(footer)).toBe('Acme · last poll 09:28:40 · next in 4s · data 1m 20s old · 7 polls · error: connect ECONNREFUSED 10.0.0.1:443');
    expect(footer).toContain('\x1b[33mdata 1m 20s old\x1b[39m');
    expect(footer).toContain('\x1b[31merror: connect ECONNREFUSED');
  });

  it('turns the data age red after five minutes', () => {
    const footer = footerOf({ palette: createPalette(true), footer: { company: 'Acme', staleSinceMs: 6 * 60_000, polls: 7 } });
    expect(footer).toContain('\x1b[31mdata 6m old\x1b[39m');
  });

  it('keeps a long, multi-line server error on one line, sanitised and cut to the width', () => {
    const footer = footerOf({
      width: 70,
      footer: { company: 'Acme', lastPoll: NOW, staleSinceMs: 20_000, error: `Server error\n\x1b[2J${'x'.repeat(200)}`, polls: 7 },
    });
    expect(visibleWidth(footer)).toBe(70);
    expect(footer).toMatch(/^last poll 17:30:00 UTC · data 20s old · error: Server error\\n\\x1b\[2Jx…$/);
  });

  it('gives up the poll count, then the company, to leave the error some room', () => {
    const footer = footerOf({ width: 80, footer: { company: 'Acme Retail Europe', lastPoll: NOW, nextPoll: NOW, staleSinceMs: 20_000, error: 'timeout after 30s', polls: 7 } });
    expect(footer).toBe('last poll 17:30:00 UTC · polling… · data 20s old · error: timeout after 30s');
  });

  it('formats clock times', () => {
    expect(formatClock('2026-11-28T12:00:05.123+01:00')).toBe('12:00:05');
    expect(formatClock(new Date('2026-11-28T12:00:05Z'))).toBe('12:00:05 UTC');
    expect(formatClock('nonsense')).toBe('-');
  });
});

describe('LiveScreen', () => {
  it('wraps each redraw in synchronized-output markers and never clears the whole screen', () => {
    const screen = new LiveScreen();
    const outputs = [screen.hideCursor(), screen.update(['a', 'b', 'c']), screen.update(['a']), screen.update(['x', 'y']), screen.clear(), screen.finish()];
    for (const out of outputs.slice(1, 4)) {
      expect(out.startsWith('\x1b[?2026h')).toBe(true);
      expect(out.endsWith('\x1b[?2026l')).toBe(true);
    }
    expect(outputs.join('')).not.toContain('\x1b[2J');
  });

  it('draws the first frame where the cursor is, then moves up over the previous frame to redraw it', () => {
    const screen = new LiveScreen();
    expect(screen.update(['one', 'two', 'three'], { width: 20 })).toBe('\x1b[?2026h\rone\x1b[K\r\ntwo\x1b[K\r\nthree\x1b[K\r\n\x1b[?2026l');
    expect(screen.update(['one', 'TWO', 'three'], { width: 20 })).toBe('\x1b[?2026h\r\x1b[3A\x1b[1BTWO\x1b[K\r\n\x1b[1B\x1b[?2026l');
  });

  it('erases what is left of a longer previous frame', () => {
    const screen = new LiveScreen();
    screen.update(['1', '2', '3', '4']);
    const out = screen.update(['1', 'changed']);
    expect(out).toContain('\x1b[4A');
    expect(out).toMatch(/changed\r\n\x1b\[J\x1b\[\?2026l$/);
  });

  it('does not erase after a line that fills the width (xterm would wipe its last character)', () => {
    const screen = new LiveScreen();
    expect(screen.update(['x'.repeat(10)], { width: 10 })).toBe(`\x1b[?2026h\r${'x'.repeat(10)}\r\n\x1b[?2026l`);
  });

  it('hides the cursor on start and shows it again on finish', () => {
    const screen = new LiveScreen();
    expect(screen.hideCursor()).toBe('\x1b[?25l');
    screen.update(['a']);
    expect(screen.finish()).toBe('\x1b[?25h');
  });

  it('after a resize erases from the top of the old frame before drawing', () => {
    const screen = new LiveScreen();
    screen.update(['a'.repeat(30), 'b', 'c'], { width: 40 });
    expect(screen.update(['new'], { resized: true })).toMatch(/^\x1b\[\?2026h\r\x1b\[3A\x1b\[J(\x1b\[K)?new/);
    screen.update(['a'.repeat(30), 'b', 'c'], { width: 40 });
    // At 20 columns the terminal rewrapped the 30-column line onto two rows.
    expect(screen.update(['new'], { resized: true, width: 20 })).toMatch(/^\x1b\[\?2026h\r\x1b\[4A\x1b\[Jnew/);
  });
});

describe('LiveScreen on a real terminal emulator (@xterm/headless)', () => {
  const PROMPT = '$ ips-jobs watch';
  const opened: XtermScreen[] = [];

  afterEach(() => {
    for (const vt of opened.splice(0)) vt.dispose();
  });

  async function terminal(width: number, height: number, history: string[] = [PROMPT]): Promise<XtermScreen> {
    const vt = new XtermScreen(width, height);
    opened.push(vt);
    await vt.write(history.map((line) => `${line}\r\n`).join(''));
    return vt;
  }

  function expectShowing(vt: XtermScreen, history: string[], lines: string[]): void {
    expect(vt.transcript()).toEqual([...history, ...plainLines(lines).map((line) => line.replace(/ +$/, ''))]);
    expect(vt.autoWraps).toBe(0);
    // Where classic xterm would have wiped the last column of a full-width line (xterm.js keeps it).
    expect(vt.erasesAfterFullWidthLine).toBe(0);
    expect(vt.synchronized).toBe(false);
    expect(vt.col).toBe(0);
    expect(vt.lines().slice(vt.row).every((line) => line === '')).toBe(true);
  }

  it('after frames that grow, shrink, empty and refill, the screen shows exactly the last frame below the prompt', async () => {
    const vt = await terminal(100, 24);
    const screen = new LiveScreen();
    expect(await vt.cursorVisible()).toBe(true);
    await vt.write(screen.hideCursor());
    expect(await vt.cursorVisible()).toBe(false);
    const palette = createPalette(true);
    const counts = [5, 2, 12, 12, 0, 7, 40, 3];
    for (const [poll, count] of counts.entries()) {
      const lines = renderFrame(
        frame({
          jobs: jobs(count, `p${poll % 2}`),
          finished: poll % 3 === 0 ? [failed] : [],
          palette,
          width: 100,
          height: 24,
          footer: { company: 'Acme', lastPoll: NOW, polls: poll + 1, ...(poll === 5 ? { error: 'HTTP 503', staleSinceMs: 65_000 } : {}) },
        }),
      );
      await vt.write(screen.update(lines, { width: 100 }));
      expectShowing(vt, [PROMPT], lines);
      expect(await vt.cursorVisible()).toBe(false);
    }
    await vt.write(screen.finish());
    expect(await vt.cursorVisible()).toBe(true);
  });

  it('keeps full-width lines whole, with or without the width given', async () => {
    // xterm.js leaves a full-width line whole when an erase follows it; classic xterm wipes its last character. The
    // emulator wrapper counts such erases so the check below still fails if LiveScreen ever writes one.
    const xterm = await terminal(12, 6, ['$ w']);
    await xterm.write(`${'x'.repeat(12)}\x1b[K\r\n`);
    expect(xterm.lines()[1]).toBe('x'.repeat(12));
    expect(xterm.erasesAfterFullWidthLine).toBe(1);
    expect(xterm.autoWraps).toBe(0);

    for (const width of [12, undefined]) {
      const vt = await terminal(12, 6, ['$ w']);
      const screen = new LiveScreen();
      await vt.write(screen.update(['short', 'x'.repeat(12)], { width }));
      await vt.write(screen.update(['y'.repeat(12), 'z'], { width }));
      expectShowing(vt, ['$ w'], ['y'.repeat(12), 'z']);
    }
  });

  it('counts a line that runs past the right edge as an auto-wrap', async () => {
    // The wrap check itself, on the real terminal: one character too many wraps, and the wrap is counted even though
    // the next redraw (same write) erases the wrapped row from column 0, which clears xterm's isWrapped flag. Moving up
    // one row per line, that redraw then misses the frame's first row, which stays behind.
    const vt = await terminal(12, 6, ['$ w']);
    const screen = new LiveScreen();
    await vt.write(screen.update(['x'.repeat(13)]) + screen.update(['a']));
    expect(vt.transcript()).toEqual(['$ w', 'x'.repeat(12), 'a']);
    const buffer = vt.terminal.buffer.active;
    expect(Array.from({ length: buffer.length }, (_, y) => buffer.getLine(y)?.isWrapped)).not.toContain(true);
    expect(vt.autoWraps).toBe(1);
  });

  it('scrolls the prompt away when a frame starts near the bottom, and keeps redrawing in place', async () => {
    const history = Array.from({ length: 10 }, (_, i) => `older output ${i}`);
    const vt = await terminal(40, 12, history);
    const screen = new LiveScreen();
    for (const lines of [['a', 'b', 'c', 'd'], ['a', 'b'], ['1', '2', '3', '4', '5', '6']]) {
      await vt.write(screen.update(lines, { width: 40 }));
      expectShowing(vt, history, lines);
    }
  });

  it('after the window gets shorter, redraws in place', async () => {
    // The width stays, so no row changes length: xterm.js's reflow has nothing to rewrap and this is the same as a
    // terminal that cuts rows (the old emulator's "no reflow" mode). Only the height change matters here.
    const vt = await terminal(60, 20);
    const screen = new LiveScreen();
    await vt.write(screen.update(renderFrame(frame({ jobs: jobs(6), width: 60, height: 20 })), { width: 60 }));
    vt.resize(60, 12);
    const lines = renderFrame(frame({ jobs: jobs(6), width: 60, height: 12 }));
    await vt.write(screen.update(lines, { resized: true, width: 60 }));
    expectShowing(vt, [PROMPT], lines);
  });

  it('after the window gets narrower and the terminal rewraps the old frame, leaves none of it behind', async () => {
    const vt = await terminal(80, 20);
    const screen = new LiveScreen();
    const old = renderFrame(frame({ jobs: jobs(4), width: 80, height: 20 }));
    await vt.write(screen.update(old, { width: 80 }));
    vt.resize(50, 20);
    // xterm.js really did rewrap the old frame's wider rows (else this test would not exercise the reflow).
    expect(vt.transcript().length).toBeGreaterThan(1 + old.length);
    const lines = renderFrame(frame({ jobs: jobs(4), width: 50, height: 20 }));
    await vt.write(screen.update(lines, { resized: true, width: 50 }));
    expectShowing(vt, [PROMPT], lines);
    // And the next ordinary poll carries on from there.
    const next = renderFrame(frame({ jobs: jobs(2), width: 50, height: 20 }));
    await vt.write(screen.update(next, { width: 50 }));
    expectShowing(vt, [PROMPT], next);
  });

  it('clear() leaves the screen as it was before the first frame', async () => {
    const vt = await terminal(40, 10);
    const screen = new LiveScreen();
    await vt.write(screen.update(['a', 'b', 'c']));
    await vt.write(screen.clear());
    expect(vt.transcript()).toEqual([PROMPT]);
    expect(vt.row).toBe(1);
    await vt.write(screen.update(['again']));
    expectShowing(vt, [PROMPT], ['again']);
  });

  it('finish() leaves the last frame on screen with the cursor below it', async () => {
    const vt = await terminal(40, 10);
    const screen = new LiveScreen();
    await vt.write(screen.hideCursor() + screen.update(['a', 'b']) + screen.update(['c']) + screen.finish());
    expectShowing(vt, [PROMPT], ['c']);
    expect(await vt.cursorVisible()).toBe(true);
    await vt.write('$ \r\n');
    expect(vt.transcript()).toEqual([PROMPT, 'c', '$']);
  });
});
