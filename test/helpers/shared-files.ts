// Files from ../shared (Adobe's reference WSDL and sample answers) are not part of this repository. Without
// them a test that needs one is skipped, saying why; in CI (CI set) it fails instead, so CI always checks.
import { existsSync } from 'node:fs';

const CI = Boolean(process.env['CI']) && !['false', '0'].includes(process.env['CI'] ?? '');

/** Skips the test (or fails it in CI) when `file` is missing; `why` says what to do. */
export function requireSharedFile(ctx: { skip(note?: string): void }, file: string, why: string): void {
  if (existsSync(file)) return;
  const message = `${file} not found; ${why}`;
  if (CI) throw new Error(`CI requires it: ${message}`);
  ctx.skip(message);
}
