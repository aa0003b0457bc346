// A throwaway self-signed certificate for a host name of the test's choosing (the emulator's own covers only
// 127.0.0.1 and localhost, which never go through a proxy). Made with openssl when the test runs.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface NamedCertificate {
  key: string;
  cert: string;
  certPath: string;
  remove(): Promise<void>;
}

export async function certificateFor(hostname: string): Promise<NamedCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ips-jobs-test-tls-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', `/CN=${hostname}`, '-addext', `subjectAltName=DNS:${hostname}`, '-keyout', keyPath, '-out', certPath,
  ]);
  const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  return { key, cert, certPath, remove: () => rm(dir, { recursive: true, force: true }) };
}
