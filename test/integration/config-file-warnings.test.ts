// A mistake in the config file is said wherever it is: an unknown key at the top level warns as one in a profile does
// (naming the key a different case would make), and with --strict either is a refusal, exit 78, before IPS is asked.
// Every run is in-process (runMain): none needs a process of its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

let emulator: Emulator;
const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-config-keys-'));

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0 });
});

afterAll(async () => {
  await emulator.close();
});

function configFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  return file;
}

describe('an unknown top-level key ("defaultprofile")', () => {
  it('is a warning on stderr, and the command still runs', async () => {
    const file = configFile('top.json', { defaultprofile: 'prod', profiles: { prod: {} } });
    const result = await runMain(['list', '-o', 'json'], { env: demoEnv(emulator, {}, { IPS_JOBS_CONFIG: file }) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe(`ips-jobs: warning: config file ${file} has unknown key "defaultprofile" (did you mean "defaultProfile"?); ignored\n`);
    expect(JSON.parse(result.stdout)).toHaveProperty('jobs');
  });

  it('is said by config show too', async () => {
    const file = configFile('show.json', { defaultprofile: 'prod', profiles: { prod: {} } });
    const result = await runMain(['config', 'show'], { env: { IPS_JOBS_CONFIG: file } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('has unknown key "defaultprofile" (did you mean "defaultProfile"?); ignored');
  });

  it.each([
    { where: 'at the top level', content: { defaultprofile: 'prod', profiles: { prod: {} } }, problem: 'unknown key "defaultprofile" (did you mean "defaultProfile"?)' },
    { where: 'in a profile', content: { profiles: { prod: { usrename: 'x' } } }, problem: 'profile "prod" has unknown key "usrename"' },
  ])('$where, with --strict: refused, exit 78, one line, no request sent', async ({ where, content, problem }) => {
    const file = configFile(`strict-${where.replace(/ /g, '-')}.json`, content);
    const before = emulator.stats.requests;
    const result = await runMain(['list', '--strict'], { env: demoEnv(emulator, {}, { IPS_JOBS_CONFIG: file }) });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ips-jobs: config file ${file}: ${problem}; refused with --strict\n`);
    expect(emulator.stats.requests).toBe(before);
  });
});
