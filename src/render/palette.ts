import { Chalk } from 'chalk';
import type { StateClass } from '../jobs/state-class.js';

export type Style = (text: string) => string;

export interface Palette {
  /** Whether these styles emit ANSI codes at all. */
  readonly enabled: boolean;
  state(cls: StateClass): Style;
  /** Running jobs that stopped reporting progress. */
  stale: Style;
  heading: Style;
  bold: Style;
  dim: Style;
  ok: Style;
  warn: Style;
  error: Style;
}

/** Named styles for the renderers; `enabled` is the caller's colour decision (chalk does not read NO_COLOR itself). */
export function createPalette(enabled: boolean): Palette {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  const byState: Readonly<Record<StateClass, Style>> = {
    running: (text) => chalk.cyan(text),
    waiting: (text) => chalk.yellow(text),
    stopping: (text) => chalk.magenta(text),
    done: (text) => chalk.green(text),
    unknown: (text) => chalk.gray(text),
  };
  return {
    enabled,
    state: (cls) => byState[cls],
    stale: (text) => chalk.red(text),
    heading: (text) => chalk.bold(text),
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    ok: (text) => chalk.green(text),
    warn: (text) => chalk.yellow(text),
    error: (text) => chalk.red(text),
  };
}
