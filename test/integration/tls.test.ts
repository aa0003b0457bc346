// HTTPS only, verification always on: the emulator over HTTPS with a certificate made for this run is refused
// until its CA is trusted (--ca-file, NODE_EXTRA_CA_CERTS); plain http leaves this machine only with
// --insecure-http; HTTPS_PROXY tunnels with CONNECT unless NO_PROXY (or loopback) says otherwise.
// Loopback never goes through a proxy, so the proxy tests need no test-only switch: they name the emulator
// ips-emulator.test (a reserved name that resolves nowhere, with a certificate made for it) and the test's own
// CONNECT proxy leads every tunnel to it. A run that bypasses the proxy then cannot even resolve the name.
// Runs are in-process (runMain) but for the two about what Node itself does with NODE_EXTRA_CA_CERTS and
// NODE_TLS_REJECT_UNAUTHORIZED: Node reads its own process's environment, so those need a process that holds them.
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_CREDENTIALS,
  generateSelfSignedCertificate,
  startEmulator,
  type Emulator,
  type SelfSignedCertificate,
} from '../../src/emulator/index.js';
import { runCli, runMain, type CliResult } from '../helpers/cli.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { certificateFor, type NamedCertificate } from '../helpers/named-certificate.js';

/** A name that resolves nowhere (.test is reserved): only the test proxy knows where it is. */
const PROXIED_HOST = 'ips-emulator.test';

let loopbackCert: SelfSignedCertificate;
let namedCert: NamedCertificate;
/** HTTPS on 127.0.0.1 with the emulator's own certificate. */
let emulator: Emulator;
/** HTTPS with a certificate for PROXIED_HOST, reached through the test proxy. */
let named: Emulator;
let proxy: ConnectProxy;

beforeAll(async () => {
  [loopbackCert, namedCert] = await Promise.all([generateSelfSignedCertificate(), certificateFor(PROXIED_HOST)]);
  [emulator, named] = await Promise.all([
    startEmulator({ speed: 0, tls: { key: loopbackCert.key, cert: loopbackCert.cert } }),
    startEmulator({ speed: 0, tls: { key: namedCert.key, cert: namedCert.cert } }),
  ]);
  proxy = await startConnectProxy(() => named.port);
});

beforeEach(() => {
  proxy.connects.length = 0;
  proxy.proxyAuthorization.length = 0;
  proxy.refuseWith = undefined;
});

afterAll(async () => {
  await Promise.all([emulator?.close(), named?.close(), proxy?.close()]);
  await Promise.all([loopbackCert?.remove(), namedCert?.remove()]);
});

function env(endpoint: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    IPS_JOBS_ENDPOINT: endpoint,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
    ...extra,
  };
}

const namedEndpoint = () => `https://${PROXIED_HOST}:${named.port}/`;

/** One line on stderr, nothing on stdout, no stack trace. */
function oneLine(result: CliResult): string {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

/** The handles of the jobs `list -o json` printed. */
function jobsOf(result: CliResult): string[] {
  return (JSON.parse(result.stdout) as { jobs: Array<{ jobHandle: string }> }).jobs.map((job) => job.jobHandle);
}

/** The handles of the demo company's active jobs, waiting ones too, as the emulator holds them: what `list` must print. */
function activeHandles(ips: Emulator): string[] {
  return ips.ips.queryActiveJobs({ companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true }, [DEMO_CREDENTIALS.companyHandle]).map((job) => job.jobHandle ?? '');
}

describe('a self-signed certificate', () => {
  it('is refused: exit 5, one line saying it could not be verified and suggesting --ca-file', async () => {
    const result = await runMain(['list'], { env: env(emulator.url) });
    expect(result.code).toBe(5);
    expect(oneLine(result)).toMatch(
      /^ips-jobs: cannot reach 127\.0\.0\.1:\d+ \(getActiveJobs\): the server's certificate could not be verified \(self-signed certificate\)\. .*--ca-file <pem> \(or NODE_EXTRA_CA_CERTS\)/,
    );
  });

  it('is accepted once its CA is given with --ca-file', async () => {
    const result = await runMain(['list', '-o', 'json', '--ca-file', loopbackCert.certPath], { env: env(emulator.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(jobsOf(result).sort()).toEqual(activeHandles(emulator).sort());
    expect(result.stderr).toBe('');
  });

  it('is accepted through NODE_EXTRA_CA_CERTS, which Node applies by itself, and still with --ca-file beside it', async () => {
    const viaNode = await runCli(['list', '-o', 'json'], { env: env(emulator.url, { NODE_EXTRA_CA_CERTS: loopbackCert.certPath }) });
    expect(viaNode.code, viaNode.stderr).toBe(0);
    // --ca-file replaces Node's default list for the request: NODE_EXTRA_CA_CERTS must be kept explicitly.
    const both = await runMain(['list', '-o', 'json', '--ca-file', namedCert.certPath], {
      env: env(emulator.url, { NODE_EXTRA_CA_CERTS: loopbackCert.certPath }),
    });
    expect(both.code, both.stderr).toBe(0);
  });

  it('cannot be waved through: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored, and said to be', async () => {
    const result = await runCli(['list'], { env: env(emulator.url, { NODE_TLS_REJECT_UNAUTHORIZED: '0' }) });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('ips-jobs: warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: ips-jobs always verifies certificates');
    expect(result.stderr).toContain("the server's certificate could not be verified");
  });

  it('a CA file for another certificate does not help', async () => {
    const result = await runMain(['list', '--ca-file', namedCert.certPath], { env: env(emulator.url) });
    expect(result.code).toBe(5);
    expect(oneLine(result)).toContain("the server's certificate could not be verified");
  });

  it('a certificate for another host is refused, pointing at the endpoint', async () => {
    // The named emulator's certificate is for ips-emulator.test, reached here as 127.0.0.1.
    const result = await runMain(['list', '--ca-file', namedCert.certPath], { env: env(named.url) });
    expect(result.code).toBe(5);
    expect(oneLine(result)).toMatch(/the server's certificate is not valid for this host .*Check --endpoint/);
  });
});

describe('--ca-file problems are usage errors (exit 2)', () => {
  it.each([
    { file: '/nonexistent/ca.pem', says: 'cannot read CA file /nonexistent/ca.pem (--ca-file): it does not exist' },
    { file: 'package.json', says: 'CA file package.json (--ca-file) holds no PEM certificate' },
  ])('$file', async ({ file, says }) => {
    const result = await runMain(['list', '--ca-file', file], { env: env(emulator.url) });
    expect(result.code).toBe(2);
    expect(oneLine(result)).toContain(says);
  });
});

describe('plain http', () => {
  it('to a host that is not loopback is refused before any connection: exit 78, naming the endpoint and the flag', async () => {
    const result = await runMain(['list'], { env: env('http://ips.example.test/') });
    expect(result.code).toBe(78);
    expect(oneLine(result)).toBe(
      'ips-jobs: refusing plain http endpoint http://ips.example.test/scene7/services/IpsApiService (from IPS_JOBS_ENDPOINT): the password would cross the network unencrypted. Use an https:// endpoint, or pass --insecure-http to allow it anyway.',
    );
  });

  it('is allowed with --insecure-http, with a warning (here the host then cannot be found)', async () => {
    const result = await runMain(['list', '--insecure-http', '--request-timeout', '5s'], { env: env('http://ips.example.test/') });
    expect(result.stderr).toContain(
      'ips-jobs: warning: --insecure-http: talking to ips.example.test over plain http; the password and all job data cross the network unencrypted',
    );
    expect(result.stderr).not.toContain('refusing plain http');
    expect(result.code).toBe(5);
  });

  it('on loopback needs no flag and gets no warning (the emulator)', async () => {
    const plain = await startEmulator({ speed: 0 });
    try {
      const result = await runMain(['list', '-o', 'json'], { env: env(plain.url.replace('127.0.0.1', 'localhost')) });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    } finally {
      await plain.close();
    }
  });
});

describe('HTTPS_PROXY and NO_PROXY', () => {
  const args = (...more: string[]) => [...more, '--ca-file', namedCert.certPath];

  it('requests go through the proxy: one CONNECT to the endpoint, kept alive for the next request', async () => {
    // A company name costs a getCompanyInfo before getActiveJobs: two requests, one tunnel.
    const result = await runMain(args('list', '-o', 'json', '--company', DEMO_CREDENTIALS.company), {
      env: env(namedEndpoint(), { HTTPS_PROXY: proxy.url }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(jobsOf(result).sort()).toEqual(activeHandles(named).sort());
    expect(proxy.connects).toEqual([`${PROXIED_HOST}:${named.port}`]);
  });

  it('https_proxy (lower case) works too, and --debug names the proxy without its credentials', async () => {
    const withUser = proxy.url.replace('http://', 'http://ops:pr0xy-s3cret@');
    const result = await runMain(args('list', '-o', 'json', '--debug'), { env: env(namedEndpoint(), { https_proxy: withUser }) });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.connects).toHaveLength(1);
    expect(proxy.proxyAuthorization[0]).toBe(`Basic ${Buffer.from('ops:pr0xy-s3cret').toString('base64')}`);
    expect(result.stderr).toMatch(new RegExp(`^debug: getActiveJobs https://${PROXIED_HOST}:\\d+/scene7/services/IpsApiService HTTP 200 \\d+ms via proxy ${proxy.url}/$`, 'm'));
    expect(result.stderr).not.toContain('pr0xy-s3cret');
  });

  it.each([
    { entry: 'the host', noProxy: () => PROXIED_HOST },
    { entry: 'a domain suffix', noProxy: () => '.test' },
    { entry: 'the host and its port', noProxy: () => `${PROXIED_HOST}:${named.port}` },
    { entry: '*', noProxy: () => '*' },
  ])('NO_PROXY naming $entry: no CONNECT; the name is looked up directly (and is not found)', async ({ noProxy: entry }) => {
    const noProxy = entry();
    const result = await runMain(args('list', '--request-timeout', '5s'), {
      env: env(namedEndpoint(), { HTTPS_PROXY: proxy.url, NO_PROXY: `example.com, ${noProxy}` }),
    });
    expect(proxy.connects).toEqual([]);
    expect(result.code).toBe(5);
    // Where DNS itself is unreachable the lookup may run into the deadline instead.
    expect(oneLine(result)).toMatch(new RegExp(`cannot reach ${PROXIED_HOST.replace(/\./g, '\\.')}:\\d+ \\(getActiveJobs\\): (host not found|no complete answer)`));
  });

  it('NO_PROXY for another port still goes through the proxy', async () => {
    const result = await runMain(args('list', '-o', 'json'), {
      env: env(namedEndpoint(), { HTTPS_PROXY: proxy.url, NO_PROXY: `${PROXIED_HOST}:1` }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.connects).toHaveLength(1);
  });

  it('loopback endpoints never use the proxy', async () => {
    const result = await runMain(['list', '-o', 'json', '--ca-file', loopbackCert.certPath], {
      env: env(emulator.url, { HTTPS_PROXY: proxy.url }),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.connects).toEqual([]);
  });

  it('a proxy that refuses the tunnel: exit 5, one line naming the proxy and what to check', async () => {
    proxy.refuseWith = 403;
    const result = await runMain(args('list'), { env: env(namedEndpoint(), { HTTPS_PROXY: proxy.url }) });
    expect(result.code).toBe(5);
    expect(oneLine(result)).toMatch(
      new RegExp(`the proxy ${proxy.url}/ refused to open a tunnel to ${PROXIED_HOST}:\\d+ \\(HTTP 403 Forbidden\\)\\. Check the proxy \\(HTTPS_PROXY\\) and NO_PROXY`),
    );
  });

  it('a proxy that is not there: exit 5, saying the proxy refused the connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const result = await runMain(args('list'), { env: env(namedEndpoint(), { HTTPS_PROXY: `http://127.0.0.1:${port}` }) });
    expect(result.code).toBe(5);
    expect(oneLine(result)).toMatch(new RegExp(`connection refused at the proxy http://127\\.0\\.0\\.1:${port}/ .*Check the proxy \\(HTTPS_PROXY\\)`));
  });

  it('a proxy variable that is not a URL is a configuration error (78), without quoting it', async () => {
    const result = await runMain(args('list'), { env: env(namedEndpoint(), { HTTPS_PROXY: 'socks5://u:hunter2@proxy:1080' }) });
    expect(result.code).toBe(78);
    const line = oneLine(result);
    expect(line).toContain('HTTPS_PROXY is not a usable proxy URL: expected http://host:port or https://host:port');
    expect(line).not.toContain('hunter2');
  });
});
