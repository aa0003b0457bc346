// The emulator over HTTPS with a certificate generated when the test runs (openssl), and `ips-jobs emulator --tls`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate, startEmulator, type Emulator, type SelfSignedCertificate } from '../../src/emulator/index.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';
import { bodyText, rawPost } from './raw-http.js';

let certificate: SelfSignedCertificate;
let emu: Emulator;

beforeAll(async () => {
  certificate = await generateSelfSignedCertificate();
  emu = await startEmulator({ speed: 0, tls: { key: certificate.key, cert: certificate.cert } });
});
afterAll(async () => {
  await emu?.close();
  await certificate?.remove();
});

/** The error a request ends with, or undefined when it succeeded. */
async function failure(promise: Promise<unknown>): Promise<NodeJS.ErrnoException | undefined> {
  return promise.then(
    () => undefined,
    (error: NodeJS.ErrnoException) => error,
  );
}

describe('generateSelfSignedCertificate', () => {
  it('returns a PEM key and certificate, the certificate in a 0600 file under the temp directory', async () => {
    expect(certificate.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(certificate.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(certificate.certPath.startsWith(tmpdir())).toBe(true);
    expect(await readFile(certificate.certPath, 'utf8')).toBe(certificate.cert);
    expect(statSync(certificate.certPath).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(path.dirname(certificate.certPath), 'key.pem'))).toBe(false);
  });

  it('remove() deletes its directory', async () => {
    const other = await generateSelfSignedCertificate();
    expect(other.cert).not.toBe(certificate.cert);
    await other.remove();
    expect(existsSync(path.dirname(other.certPath))).toBe(false);
  });
});

describe('startEmulator({ tls })', () => {
  it('serves https:// on 127.0.0.1', () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/scene7\/services\/IpsApiService$/);
    expect(emu.wsdlUrl).toBe(`${emu.url}?wsdl`);
  });

  it('a client trusting the certificate gets real answers; one without it fails on the certificate', async () => {
    const trusted = await rawPost(emu.url, 'getActiveJobs', { ca: certificate.cert, acceptEncoding: 'gzip, deflate' });
    expect(trusted.status).toBe(200);
    expect(bodyText(trusted)).toContain('<types:jobArray>');
    const untrusted = await failure(rawPost(emu.url, 'getActiveJobs'));
    expect(untrusted?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it('the certificate names localhost too', async () => {
    const viaLocalhost = emu.url.replace('127.0.0.1', 'localhost');
    expect((await rawPost(viaLocalhost, 'getActiveJobs', { ca: certificate.cert })).status).toBe(200);
  });

  it('the fault plan works over TLS: status, reset', async () => {
    emu.faults.set('getActiveJobs#1:status=503,getActiveJobs#2:reset');
    try {
      expect((await rawPost(emu.url, 'getActiveJobs', { ca: certificate.cert })).status).toBe(503);
      expect((await failure(rawPost(emu.url, 'getActiveJobs', { ca: certificate.cert })))?.code).toBe('ECONNRESET');
    } finally {
      emu.faults.clear();
    }
  });
});

describe('ips-jobs emulator --tls', () => {
  it('prints the CA certificate path; a client trusting it gets answers; SIGINT stops it and removes the file', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--tls', '--port', '0', '--speed', '0', '--jobs', '2'], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let banner = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const ready = await new Promise<{ url: string; caFile: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${banner} ${stderr}`)), 10_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        banner += chunk;
        const url = /listening on (https:\/\/127\.0\.0\.1:\d+\S*)/.exec(banner)?.[1];
        const caFile = /^CA certificate: (\S+)/m.exec(banner)?.[1];
        if (url && caFile && banner.includes('Stop with Ctrl-C')) {
          clearTimeout(timer);
          resolve({ url, caFile });
        }
      });
    });
    expect(banner).toContain(`--ca-file ${ready.caFile}`);
    expect(statSync(ready.caFile).mode & 0o777).toBe(0o600);
    const ca = await readFile(ready.caFile, 'utf8');
    expect((await rawPost(ready.url, 'getActiveJobs', { ca })).status).toBe(200);
    expect((await failure(rawPost(ready.url, 'getActiveJobs')))?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);

    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(ready.caFile)).toBe(false);
  });

  it('without openssl on PATH: one line saying to install it, exit 78', async () => {
    const emptyPath = mkdtempSync(path.join(tmpdir(), 'ips-jobs-no-openssl-'));
    const result = await runCli(['emulator', '--tls', '--port', '0'], { env: { PATH: emptyPath } });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--tls: .*openssl command was not found; install OpenSSL/);
    expect(result.stdout).toBe('');
  });
});
