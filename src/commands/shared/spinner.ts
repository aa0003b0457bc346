// A spinner on stderr while a request is in flight — only on a TTY, and never eating stdin.
import type { IO } from './io.js';

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

const NO_SPINNER: Spinner = { update() {}, stop() {} };

export async function startSpinner(io: IO, text: string, color: boolean): Promise<Spinner> {
  if (!io.stderrIsTTY) return NO_SPINNER;
  // A terminal that reports no width (script(1) without a size, some CI consoles) cannot be redrawn in place:
  // ora would print cursor-up codes for ever.
  if (io.stderrColumns() === undefined) return NO_SPINNER;
  const { default: ora } = await import('ora');
  const spinner = ora({
    text,
    stream: io.stderr as NodeJS.WritableStream,
    discardStdin: false,
    isEnabled: true,
    color: color ? 'cyan' : false,
  }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => spinner.stop(),
  };
}
