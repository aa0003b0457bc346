// A yes/no question on the controlling terminal (/dev/tty), so it can be asked and answered while stdin is a pipe.
import { closeSync, openSync, writeSync } from 'node:fs';

/** Only an explicit y or yes (any case) agrees; everything else, the empty answer included, declines. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer);
}

/** Whether there is a terminal to ask on: the controlling terminal opens (not under cron, in CI, detached). */
export function canAskOnTerminal(device = '/dev/tty'): boolean {
  try {
    closeSync(openSync(device, 'r+'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `question` to the terminal and reads one line from it: true for yes, false for anything else, end of input
 * or an abort (Ctrl-C); undefined when no terminal can be opened (cron, CI, a detached process).
 */
export async function askOnTerminal(question: string, signal?: AbortSignal, device = '/dev/tty'): Promise<boolean | undefined> {
  let readFd: number;
  let writeFd: number;
  try {
    readFd = openSync(device, 'r');
  } catch {
    return undefined;
  }
  try {
    writeFd = openSync(device, 'w');
  } catch {
    closeSync(readFd);
    return undefined;
  }
  // Loaded only when a question is asked: every run would otherwise pay for them.
  const { ReadStream } = process.getBuiltinModule('node:tty');
  const { createInterface } = process.getBuiltinModule('node:readline');
  const input = new ReadStream(readFd);
  const lines = createInterface({ input, terminal: false });
  let settled = false;
  let decline = () => {};
  try {
    writeSync(writeFd, question);
    return await new Promise<boolean>((resolve) => {
      const settle = (answer: boolean) => {
        settled = true;
        resolve(answer);
      };
      // Ctrl-C or Ctrl-D leave the cursor after the question: end that line before anything else is written.
      decline = () => {
        if (settled) return;
        writeSync(writeFd, '\n');
        settle(false);
      };
      if (signal?.aborted) return decline();
      signal?.addEventListener('abort', decline, { once: true });
      lines.once('line', (answer) => settle(isYes(answer)));
      lines.once('close', decline);
    });
  } finally {
    signal?.removeEventListener('abort', decline);
    lines.close();
    input.destroy();
    closeSync(writeFd);
  }
}
