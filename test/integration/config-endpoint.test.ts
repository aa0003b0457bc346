// Where to connect is one setting: --endpoint/--region/--staging beat IPS_JOBS_ENDPOINT/IPS_JOBS_REGION/
// IPS_JOBS_STAGING, which beat the profile's endpoint/region/staging, each level as a whole. `config show` names the
// endpoint in effect and where it came from, and the run connects there: a test CONNECT proxy (refusing every tunnel,
// so nothing leaves this machine) sees which IPS host a run asked for.
// Every run is in-process (runMain): none needs a process of its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, generateSelfSignedCertificate, startEmulator, type Emulator, type SelfSignedCertificate } from '../../src/emulator/index.js';
import { runMain } from '../helpers/cli.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';

const EMEA = 'https://s7sps3apissl.scene7.com/scene7/services/IpsApiService';
const APAC = 'https://s7sps5apissl.scene7.com/scene7/services/IpsApiService';

let emulator: Emulator;
let proxy: ConnectProxy;
let configFile: string;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0 });
  // Every tunnel refused: a run that goes to a real IPS host is seen, and ends there.
  proxy = await startConnectProxy(() => 1);
  proxy.refuseWith = 403;
  configFile = path.join(mkdtempSync(path.join(tmpdir(), 'ips-jobs-endpoint-')), 'config.json');
  const login = { username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, company: DEMO_CREDENTIALS.companyHandle };
  writeFileSync(configFile, JSON.stringify({ defaultProfile: 'local', profiles: { local: { ...login, endpoint: emulator.url } } }), { mode: 0o600 });
});

afterAll(async () => {
  await Promise.all([emulator.close(), proxy.close()]);
});

const env = (extra: Record<string, string> = {}) => ({ IPS_JOBS_CONFIG: configFile, HTTPS_PROXY: proxy.url, ...extra });
const profileSource = () => `${configFile} profile "local"`;

interface Row {
  key: string;
  value: string;
  source: string;
}

/** The endpoint line of `config show`'s table. */
function endpointLine(url: string, source: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^endpoint\\s+${literal(url)}\\s+\\(${literal(source)}\\)$`, 'm');
}

/** The warning that a region or staging named above the profile sets the profile's endpoint aside. */
const setAside = (what: string) => `ips-jobs: warning: ${what}, so the profile "local"'s endpoint is ignored\n`;

async function rows(args: string[], extra: Record<string, string> = {}, stderr = ''): Promise<Record<string, Row>> {
  const result = await runMain(['config', 'show', '-o', 'json', ...args], { env: env(extra) });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe(stderr);
  const settings = (JSON.parse(result.stdout) as { settings: Row[] }).settings;
  return Object.fromEntries(settings.map((row) => [row.key, row]));
}

describe('config show names the endpoint in effect and where it came from', () => {
  it("the profile's endpoint, when nothing else says where to connect", async () => {
    const shown = await rows([]);
    expect(shown.endpoint).toEqual({ key: 'endpoint', value: emulator.url, source: profileSource() });
    expect(shown.region).toEqual({ key: 'region', value: '(not set)', source: '' });
  });

  it("--region beats the profile's endpoint", async () => {
    const shown = await rows(['--region', 'emea'], {}, setAside('--region is given'));
    expect(shown.endpoint).toEqual({ key: 'endpoint', value: EMEA, source: '--region' });
    expect(shown.region).toEqual({ key: 'region', value: 'emea', source: '--region' });
    // No level says staging: it is the default, not --region's.
    expect(shown.staging).toEqual({ key: 'staging', value: 'false', source: 'default' });
  });

  it("IPS_JOBS_REGION beats the profile's endpoint", async () => {
    const shown = await rows([], { IPS_JOBS_REGION: 'apac' }, setAside('IPS_JOBS_REGION is set'));
    expect(shown.endpoint).toEqual({ key: 'endpoint', value: APAC, source: 'IPS_JOBS_REGION' });
  });

  it('the region and staging rows each name where they came from, or the default; the endpoint row both', async () => {
    const result = await runMain(['config', 'show'], { env: env({ IPS_JOBS_STAGING: '0' }) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^region\s+na\s+\(default\)$/m);
    expect(result.stdout).toMatch(/^staging\s+false\s+\(IPS_JOBS_STAGING\)$/m);
    expect(result.stdout).toMatch(endpointLine('https://s7sps1apissl.scene7.com/scene7/services/IpsApiService', 'IPS_JOBS_STAGING'));

    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-endpoint-'));
    const staging = path.join(dir, 'config.json');
    writeFileSync(staging, JSON.stringify({ defaultProfile: 'stage', profiles: { stage: { staging: true } } }));
    const combined = await runMain(['config', 'show', '--region', 'emea'], { env: { IPS_JOBS_CONFIG: staging } });
    expect(combined.code, combined.stderr).toBe(0);
    expect(combined.stdout).toMatch(/^region\s+emea\s+\(--region\)$/m);
    expect(combined.stdout).toMatch(new RegExp(`^staging\\s+true\\s+\\(${staging.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} profile "stage"\\)$`, 'm'));
    expect(combined.stdout).toMatch(endpointLine('https://s7sps3apissl-staging.scene7.com/scene7/services/IpsApiService', `--region, ${staging} profile "stage"`));
  });

  it('in the table too', async () => {
    const result = await runMain(['config', 'show', '--region', 'emea'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(endpointLine(EMEA, '--region'));
  });
});

describe('the run connects where config show says', () => {
  it("to the profile's endpoint without a region flag", async () => {
    const result = await runMain(['list', '-o', 'json'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.connects).toEqual([]);
  });

  it.each<{ name: string; args: string[]; extra: Record<string, string>; host: string; says: string }>([
    { name: '--region emea', args: ['--region', 'emea'], extra: {}, host: 's7sps3apissl.scene7.com', says: '--region is given' },
    { name: 'IPS_JOBS_REGION=apac', args: [], extra: { IPS_JOBS_REGION: 'apac' }, host: 's7sps5apissl.scene7.com', says: 'IPS_JOBS_REGION is set' },
    { name: 'IPS_JOBS_STAGING=1', args: [], extra: { IPS_JOBS_STAGING: '1' }, host: 's7sps1apissl-staging.scene7.com', says: 'IPS_JOBS_STAGING is set' },
    { name: 'IPS_JOBS_STAGING=0', args: [], extra: { IPS_JOBS_STAGING: '0' }, host: 's7sps1apissl.scene7.com', says: 'IPS_JOBS_STAGING is set' },
  ])("to the region's host with $name, not to the profile's endpoint, with a warning", async ({ args, extra, host, says }) => {
    proxy.connects.length = 0;
    const before = emulator.stats.requests;
    const result = await runMain(['list', ...args], { env: env(extra) });
    expect(result.code).toBe(5);
    expect(result.stderr.startsWith(setAside(says)), result.stderr).toBe(true);
    expect(result.stderr).toContain(`cannot reach ${host} (getActiveJobs): the proxy`);
    expect(proxy.connects).toEqual([`${host}:443`]);
    expect(emulator.stats.requests).toBe(before);
  });
});

describe('what docs/configuration.md says of the endpoint', () => {
  it('config show --region emea names the host the region picks', async () => {
    const result = await runMain(['config', 'show', '--region', 'emea']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(endpointLine(EMEA, '--region'));
  });

  it('a bare host gets https and the service path', async () => {
    const result = await runMain(['config', 'show', '--endpoint', 'example.com']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(endpointLine('https://example.com/scene7/services/IpsApiService', '--endpoint'));
  });

  describe('against an emulator over https', () => {
    let certificate: SelfSignedCertificate;
    let secure: Emulator;

    beforeAll(async () => {
      certificate = await generateSelfSignedCertificate();
      secure = await startEmulator({ speed: 0, tls: { key: certificate.key, cert: certificate.cert } });
    });

    afterAll(async () => {
      await secure?.close();
      await certificate?.remove();
    });

    it('--endpoint host:port logs in at https://host:port/scene7/services/IpsApiService', async () => {
      const result = await runMain(['config', 'check', '--endpoint', `127.0.0.1:${secure.port}`, '--ca-file', certificate.certPath], {
        env: { IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username, IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`login     ${DEMO_CREDENTIALS.username} at https://127.0.0.1:${secure.port}/scene7/services/IpsApiService: ValidLogin\n`);
    });
  });
});
