// A config file with a password, or a password file, that others can read: the run goes on with one warning
// suggesting chmod 600; with --strict it stops with exit 78 before talking to IPS.
// Every run is in-process (runMain): none needs a process of its own.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';

let emulator: Emulator;
const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-perm-'));

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0 });
});

afterAll(async () => {
  await emulator.close();
});

function configFile(name: string, mode: number, profile: Record<string, string>): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ defaultProfile: 'p', profiles: { p: profile } }));
  chmodSync(file, mode);
  return file;
}

const base = () => ({
  IPS_JOBS_ENDPOINT: emulator.url,
  IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
  IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
});

describe('a config file holding a password', () => {
  it('readable by others: one warning on stderr, and the command still runs', async () => {
    const file = configFile('shared.json', 0o644, { password: DEMO_CREDENTIALS.password });
    const result = await runMain(['list', '-o', 'json'], { env: { ...base(), IPS_JOBS_CONFIG: file } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `ips-jobs: warning: config file ${file} holds a password and is readable by group and others (mode 644); run: chmod 600 ${file}\n`,
    );
    expect(JSON.parse(result.stdout)).toHaveProperty('jobs');
  });

  it('with --strict: refused, exit 78, one line, no request sent', async () => {
    const file = configFile('group.json', 0o640, { password: DEMO_CREDENTIALS.password });
    const before = emulator.stats.requests;
    const result = await runMain(['list', '--strict'], { env: { ...base(), IPS_JOBS_CONFIG: file } });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `ips-jobs: config file ${file} holds a password and is readable by group (mode 640); refused with --strict. Run: chmod 600 ${file}\n`,
    );
    expect(emulator.stats.requests).toBe(before);
  });

  it('owner-only: no warning, even with --strict', async () => {
    const file = configFile('private.json', 0o600, { password: DEMO_CREDENTIALS.password });
    const result = await runMain(['list', '-o', 'json', '--strict'], { env: { ...base(), IPS_JOBS_CONFIG: file } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('a password file readable by others', () => {
  it('named by the profile\'s passwordFile: a warning; with --strict exit 78', async () => {
    const secret = path.join(dir, 'ips.password');
    writeFileSync(secret, `${DEMO_CREDENTIALS.password}\n`);
    chmodSync(secret, 0o604);
    const file = configFile('with-file.json', 0o644, { passwordFile: secret });
    const warned = await runMain(['list', '-o', 'json'], { env: { ...base(), IPS_JOBS_CONFIG: file } });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(`ips-jobs: warning: password file ${secret} is readable by others (mode 604); run: chmod 600 ${secret}\n`);
    const refused = await runMain(['list', '--strict'], { env: { ...base(), IPS_JOBS_CONFIG: file } });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain(`password file ${secret} is readable by others (mode 604); refused with --strict`);
  });

  it('named by --password-file: the same rule, still exit 78 (the file is at fault, not the flag)', async () => {
    const secret = path.join(dir, 'flag.password');
    writeFileSync(secret, `${DEMO_CREDENTIALS.password}\n`);
    chmodSync(secret, 0o640);
    const result = await runMain(['list', '--strict', '--password-file', secret], { env: base() });
    expect(result.code).toBe(78);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
