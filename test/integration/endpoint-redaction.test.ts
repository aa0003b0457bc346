// An endpoint may carry user:password@ (for a gateway with Basic authentication). Every URL ips-jobs prints goes
// through the one redactor (src/ips/redact.ts), so that password appears in no output: config show and config check,
// --debug traces, error lines, the refusal of plain http, a refused endpoint value, the exporter's log lines.
// Runs are in-process (runMain) but for the exporter's, which is ended by a signal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runMain, startCli, until, type CliResult } from '../helpers/cli.js';

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

/** The refusal of a user:password@ before a host without a scheme: it says what is wrong, and quotes nothing. */
const BARE_USERINFO = (source: string) =>
  new RegExp(`^ips-jobs: invalid endpoint from ${source}: user:password@ is allowed only in a URL that starts with https:// \\(or http://\\), e\\.g\\. https://user:password@host$`, 'm');
/** The refusal of a URL with a user and password that does not parse: it says how to write them, and quotes nothing. */
const BAD_USERINFO = (source: string) =>
  new RegExp(`^ips-jobs: invalid endpoint from ${source}: not a valid URL with a user and password; write "/" as %2F, "\\?" as %3F, "#" as %23 and "@" as %40 in them$`, 'm');

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
    { name: 'a bare host with a password', args: ['list'], endpoint: () => `ops:${SECRET}@files.example`, code: 78, shows: BARE_USERINFO('IPS_JOBS_ENDPOINT') },
  ])('is not printed by $name', async ({ args, endpoint, code, shows }) => {
    const result = await runMain(args, { env: login(endpoint()) });
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

// Awkward passwords: a `/`, `#`, `?` or `\\` that stops a URL from parsing, an `@` or `%40`, a password of digits
// that reads as a port, a user and password before a bare host or an IPv6 address. However the value is written, no
// part of the password is printed, and a refusal says what is wrong without quoting it.
describe('an awkward user:password@ in --endpoint', () => {
  const A = 'pw4417-alpha';
  const B = 'pw2203-omega';
  const DIGITS = '60718';
  const PARTS = [A, B, DIGITS];
  /** A bad flag value is a usage error. */
  const USAGE = 2;
  const SERVICE = (base: string) => `${base}/scene7/services/IpsApiService`;
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const endpointRow = (url: string) => new RegExp(`^endpoint\\s+${literal(url)}\\s+\\(--endpoint\\)$`, 'm');
  const invalid = (shown: string) => new RegExp(`^ips-jobs: invalid endpoint "${literal(shown)}" from --endpoint: expected a host name or an http:// or https:// URL$`, 'm');

  it.each([
    { name: 'a `/` in the password', endpoint: `https://ops:${A}/${B}@gw.example.com`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'a `#` in the password', endpoint: `https://ops:${A}#${B}@gw.example.com`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'a `?` in the password', endpoint: `https://ops:${A}?${B}@gw.example.com`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'a `\\` in the password', endpoint: `https://ops:${A}\\${B}@gw.example.com`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'digits and a `/` (a port and a path to the parser)', endpoint: `https://ops:${DIGITS}/${B}@gw.example.com`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'a space in the password and the host', endpoint: `https://ops:${A} ${B}@bad host/`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'an IPv6 host cut short', endpoint: `https://ops:${A}@[::1`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'no host after the `@`', endpoint: `https://ops:${A}@`, code: USAGE, shows: BAD_USERINFO('--endpoint') },
    { name: 'a bare host', endpoint: `ops:${A}@gw.example.com`, code: USAGE, shows: BARE_USERINFO('--endpoint') },
    { name: 'a bare host, a `/` in the password', endpoint: `ops:${A}/${B}@gw.example.com`, code: USAGE, shows: BARE_USERINFO('--endpoint') },
    { name: 'a bare IPv6 address and port', endpoint: `ops:${A}@[::1]:8443`, code: USAGE, shows: BARE_USERINFO('--endpoint') },
    { name: 'one slash after the scheme', endpoint: `https:/ops:${A}/${B}@gw.example.com`, code: USAGE, shows: BARE_USERINFO('--endpoint') },
    { name: 'an `@` in the password', endpoint: `https://ops:${A}@${B}@gw.example.com`, code: 0, shows: endpointRow(SERVICE('https://gw.example.com')) },
    { name: 'a `%40` in the password', endpoint: `https://ops:${A}%40${B}@gw.example.com`, code: 0, shows: endpointRow(SERVICE('https://gw.example.com')) },
    { name: 'a password without a user', endpoint: `https://:${A}@gw.example.com`, code: 0, shows: endpointRow(SERVICE('https://gw.example.com')) },
    { name: 'a user with an empty password', endpoint: `https://${A}:@gw.example.com`, code: 0, shows: endpointRow(SERVICE('https://gw.example.com')) },
    { name: 'a `:` alone', endpoint: ':', code: USAGE, shows: invalid(':') },
    { name: 'an IPv6 host and port', endpoint: `https://ops:${A}@[::1]:8443/`, code: 0, shows: endpointRow(SERVICE('https://[::1]:8443')) },
  ])('$name', async ({ endpoint, code, shows }) => {
    const result = await runMain(['config', 'show', '--endpoint', endpoint]);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stdout + result.stderr).toMatch(shows);
    if (code !== 0) expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
    for (const part of PARTS.flatMap((part) => [part, encodeURIComponent(part), Buffer.from(part).toString('base64')])) {
      expect(result.stdout, 'stdout').not.toContain(part);
      expect(result.stderr, 'stderr').not.toContain(part);
    }
  });

  it("from a profile's endpoint too", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-redaction-'));
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ profiles: { gw: { endpoint: `https://ops:${A}/${B}@gw.example.com` } } }), { mode: 0o600 });
    const result = await runMain(['config', 'show', '--profile', 'gw'], { env: { IPS_JOBS_CONFIG: config } });
    expect(result.code, result.stderr).toBe(78);
    expect(result.stderr).toMatch(BAD_USERINFO(literal(`${config} profile "gw"`)));
    for (const part of PARTS) expect(result.stdout + result.stderr).not.toContain(part);
  });
});
