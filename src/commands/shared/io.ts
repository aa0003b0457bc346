// One I/O object per run: streams, TTY facts and the colour decision, made once and passed down.
// Commands never look at process.stdout themselves, so tests hand in their own streams.
import type { Readable, Writable } from 'node:stream';
import { isatty } from 'node:tty';
import { askOnTerminal, canAskOnTerminal } from './confirm.js';

export interface IO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Terminal width of stdout when it is a TTY. */
  columns(): number | undefined;
  /** Terminal height of stdout when it is a TTY. */
  rows(): number | undefined;
  /** Terminal width of stderr when it is a TTY (spinners and progress lines live there). */
  stderrColumns(): number | undefined;
  /** Calls `listener` when the terminal is resized; returns the way to stop. */
  onResize(listener: () => void): () => void;
  /**
   * Asks a yes/no question on the terminal, even while stdin is piped: true for y/yes, false for any other answer
   * (or end of input, or `signal`); undefined when there is no terminal to ask on. Absent = never a terminal.
   */
  confirm?(question: string, signal?: AbortSignal): Promise<boolean | undefined>;
  /** Whether `confirm` has a terminal to ask on, known before anything is asked of IPS. */
  canConfirm?(): boolean;
}

export function processIO(): IO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // process.stdin is made on first use (a stream over fd 0, about 3 ms): only --password-stdin and `-` read it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: isatty(0),
    // A terminal that reports 0 columns or rows (script(1) without a size, some CI consoles) has no known size.
    columns: () => (process.stdout.isTTY ? process.stdout.columns || undefined : undefined),
    rows: () => (process.stdout.isTTY ? process.stdout.rows || undefined : undefined),
    stderrColumns: () => (process.stderr.isTTY ? process.stderr.columns || undefined : undefined),
    onResize: (listener) => {
      process.stdout.on('resize', listener);
      return () => process.stdout.off('resize', listener);
    },
    confirm: (question, signal) => askOnTerminal(question, signal),
    canConfirm: () => canAskOnTerminal(),
  };
}

/** Colour for one stream: --color/--no-color > NO_COLOR > FORCE_COLOR > TERM=dumb > is-a-TTY. */
export function colorEnabled(flag: boolean | undefined, env: IO['env'], isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** Colour on stdout and on stderr, each decided for its own stream. */
export function streamColors(flag: boolean | undefined, io: IO): { color: boolean; colorStderr: boolean } {
  return { color: colorEnabled(flag, io.env, io.stdoutIsTTY), colorStderr: colorEnabled(flag, io.env, io.stderrIsTTY) };
}

const WRITE_SLICE = 1 << 20;

/** Writes and waits for the stream to take it, so large outputs keep memory flat and exit never cuts them. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  // A large text (a 5,000-job JSON document is 15 MB) goes in slices: Node turns each write into one buffer, and
  // one of 15 MB measured 80 ms against 15 to 40 ms for the same text in slices of 1 MB.
  if (text.length > WRITE_SLICE) {
    for (let from = 0; from < text.length; ) {
      let to = Math.min(from + WRITE_SLICE, text.length);
      // Never between the two halves of a surrogate pair: each half alone would be written as U+FFFD.
      const last = text.charCodeAt(to - 1);
      if (to < text.length && last >= 0xd800 && last <= 0xdbff) to -= 1;
      await write(stream, text.slice(from, to));
      from = to;
    }
    return;
  }
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Streams lines in chunks of about 64 KB: memory stays flat and each write waits for the stream. */
export async function writeLines(stream: Writable, lines: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 65_536) {
      await write(stream, chunk);
      chunk = '';
    }
  }
  await write(stream, chunk);
}

/**
 * The IO of a run with no terminal on any stream and none to ask on, as under cron or CI: a completion's own work,
 * and the tests' in-process runs.
 */
export function pipedIO(streams: Pick<IO, 'stdout' | 'stderr' | 'stdin'>, env: IO['env']): IO {
  return {
    ...streams,
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: () => undefined,
    rows: () => undefined,
    stderrColumns: () => undefined,
    onResize: () => () => {},
    canConfirm: () => false,
  };
}
