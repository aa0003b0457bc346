// A throwaway HOME under os.tmpdir() for config tests: real files, no fs mocking.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export interface TempHome {
  home: string;
  /** Where the config file is looked for with `env` alone. */
  configPath: string;
  env: Record<string, string | undefined>;
  /** Writes the default config file; objects are written as JSON, strings as is. */
  writeConfig(content: unknown): Promise<string>;
  /** Writes a file under HOME and returns its absolute path. */
  writeHomeFile(relativePath: string, text: string): Promise<string>;
}

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempHome(): Promise<TempHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ips-jobs-config-'));
  created.push(root);
  const home = path.join(root, 'home');
  await mkdir(home);
  const writeHomeFile = async (relativePath: string, text: string): Promise<string> => {
    const filePath = path.join(home, relativePath);
    await mkdir(path.dirname(filePath), { recursive: true });
    // Owner-only, as a careful user keeps a file that may hold a password (others get a warning).
    await writeFile(filePath, text, { encoding: 'utf8', mode: 0o600 });
    return filePath;
  };
  return {
    home,
    configPath: path.join(home, '.config', 'ips-jobs', 'config.json'),
    env: { HOME: home },
    writeConfig: (content) =>
      writeHomeFile('.config/ips-jobs/config.json', typeof content === 'string' ? content : JSON.stringify(content)),
    writeHomeFile,
  };
}
