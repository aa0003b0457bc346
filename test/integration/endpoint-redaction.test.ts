// An endpoint may carry user:password@ (for a gateway with Basic authentication). Every URL ips-jobs prints goes
// through the one redactor (src/ips/redact.ts), so that password appears in no output: config show and config check,
// --debug traces, error lines, the refusal of plain http, a refused endpoint value, the exporter's log lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runCli, startCli, until, type CliResult } from '../helpers/cli.js';

const SECRET = 's3cret-4417';
/** Each spelling it could take: as is, percent-encoded, and in a Basic authorization header. */
const FORMS = [SECRET, encodeURIComponent(SECRET), Buffer.from(`ops:${SECRET}`).toString('base64')];

let healthy: Emulator;
let broken: Emulator;
/** A loopback port nobody listens on. */
let closedPort: number;

beforeAll(async () => {
  [healthy, broken] = await Promise.all([startEmulator({ speed: 0 }), startEmulator({ speed: 0 })]);
  broken.faults.set('*:html=502');
  closedPort = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
});

afterAll(async () => {
  await Promise.all([healthy.close(), broken.close()]);
});

/** The emulator's URL with a user and password in it. */
function withPassword(url: string): string {
  return url.replace('://', `://ops:${SECRET}@`);
}

function login(endpoint: string): Record<string, string> {
  return {
    IPS_JOBS_ENDPOINT: endpoint,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
  };
}

function expectNoSecret(result: CliResult): void {
  for (const form of FORMS) {
    expect(result.stdout, 'stdout').not.toContain(form);
    expect(result.stderr, 'stderr').not.toContain(form);
  }
}

describe("an endpoint's user:password@", () => {
  it.each([
    { name: 'config show', args: ['config', 'show'], endpoint: () => withPassword(healthy.url), code: 0, shows: /^endpoint\s+http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService\s+\(IPS_JOBS_ENDPOINT\)$/m },
    { name: 'config show -o json', args: ['config', 'show', '-o', 'json'], endpoint: () => withPassword(healthy.url), code: 0, shows: /"value": "http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService"/ },
    { name: 'config check --debug', args: ['config', 'check', '--debug'], endpoint: () => withPassword(healthy.url), code: 0, shows: /^login\s+\S+ at http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService: ValidLogin$/m },
    { name: 'list --debug', args: ['list', '--debug'], endpoint: () => withPassword(healthy.url), code: 0, shows: /^debug: > POST http:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService$/m },
    { name: 'list, the server failing (--debug)', args: ['list', '--debug'], endpoint: () => withPassword(broken.url), code: 5, shows: /unexpected answer from 127\.0\.0\.1:\d+/ },
    { name: 'list, nobody listening', args: ['list'], endpoint: () => `http://ops:${SECRET}@127.0.0.1:${closedPort}/`, code: 5, shows: /cannot reach 127\.0\.0\.1:\d+/ },
    { name: 'plain http refused', args: ['list'], endpoint: () => `http://ops:${SECRET}@ips.example.test/`, code: 78, shows: /refusing plain http endpoint http:\/\/ips\.example\.test\/scene7\/services\/IpsApiService/ },
    { name: 'an endpoint that is not http(s)', args: ['list'], endpoint: () => `ftp://ops:${SECRET}@files.example/`, code: 78, shows: /invalid endpoint "ftp:\/\/files\.example\/" from IPS_JOBS_ENDPOINT/ },
    { name: 'a bare host with a password', args: ['list'], endpoint: () => `ops:${SECRET}@files.example`, code: 78, shows: /invalid endpoint "files\.example" from IPS_JOBS_ENDPOINT/ },
  ])('is not printed by $name', async ({ args, endpoint, code, shows }) => {
    const result = await runCli(args, { env: login(endpoint()) });
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout + result.stderr).toMatch(shows);
    expectNoSecret(result);
  });

  it("is not printed by the exporter's log lines", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-redaction-'));
    const config = path.join(dir, 'config.json');
    const profile = { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, company: DEMO_CREDENTIALS.companyHandle };
    writeFileSync(config, JSON.stringify({ profiles: { down: { ...profile, endpoint: `http://ops:${SECRET}@127.0.0.1:${closedPort}/` } } }), { mode: 0o600 });
    const cli = startCli(['exporter', '--target', 'down', '--listen', '127.0.0.1:0', '--interval', '100ms'], { env: { IPS_JOBS_CONFIG: config } });
    await until(() => /poll failed/.test(cli.stderr()) || cli.exited(), 10_000, 'a failed poll');
    cli.kill('SIGTERM');
    const result = await cli.result;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/target down: poll failed \(network\)/);
    expectNoSecret(result);
  });
});
