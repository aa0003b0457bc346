// Every test's temporary files go in one directory of this run, removed at its end: a test that makes a HOME, a state
// file or a certificate with mkdtempSync(tmpdir()) leaves nothing behind, even when it fails or never cleans up. (Left
// in /tmp, a few hundred runs of the suite made tens of thousands of directories, and esbuild, which lists /tmp's
// entries when it resolves files under it, took 23 s instead of 8 to build a clone there.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'ips-jobs-tests-'));
  // Read by os.tmpdir() in the workers, which vitest starts after this with this process's environment.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
