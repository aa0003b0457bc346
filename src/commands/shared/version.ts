// The package version, read once from the package.json above this module (dist/cli/ in the build, src/commands/shared/ in the source).
import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

function packageJsonUrl(): URL {
  for (let up = new URL('../', import.meta.url); up.pathname !== '/'; up = new URL('../', up)) {
    const candidate = new URL('package.json', up);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('package.json not found above the ips-jobs modules');
}

export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(packageJsonUrl(), 'utf8')) as { version: string }).version;
  return cached;
}
