export type BarStyle = 'unicode' | 'ascii';

const GLYPHS: Readonly<Record<BarStyle, { filled: string; empty: string }>> = {
  unicode: { filled: '█', empty: '░' },
  ascii: { filled: '#', empty: '-' },
};

/** A bar exactly `width` characters wide for a 0–100 percentage (clamped); unknown progress → blanks of the same width. */
export function progressBar(percent: number | undefined, width: number, style: BarStyle): string {
  const size = Math.max(0, Math.floor(width));
  if (percent === undefined || Number.isNaN(percent)) return ' '.repeat(size);
  const clamped = Math.min(100, Math.max(0, percent));
  // Floor, so a bar only looks full when the job really reports 100.
  const filled = Math.floor((clamped / 100) * size);
  const glyphs = GLYPHS[style];
  return glyphs.filled.repeat(filled) + glyphs.empty.repeat(size - filled);
}
