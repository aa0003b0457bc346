// A throwaway self-signed certificate for the emulator's HTTPS (127.0.0.1 and localhost, valid one day), made by the
// openssl command when needed so nothing that expires is ever committed.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCertificate {
  /** PEM private key (kept in memory only; its file is deleted at once). */
  key: string;
  /** PEM certificate; it is its own CA, so it is what a client trusts (`--ca-file`, `ca`). */
  cert: string;
  /** The certificate's PEM file, mode 0600, in a fresh directory under os.tmpdir(). */
  certPath: string;
  /** Deletes the certificate's directory. */
  remove(): Promise<void>;
}

export class CertificateGenerationError extends Error {
  override name = 'CertificateGenerationError';
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CertificateGenerationError(
          error.code === 'ENOENT'
            ? 'cannot make a TLS certificate: the openssl command was not found; install OpenSSL (e.g. apt-get install openssl) and try again'
            : `cannot make a TLS certificate: openssl could not be started (${error.message})`,
          { cause: error },
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new CertificateGenerationError(`cannot make a TLS certificate: openssl exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

/** Generates an EC P-256 key and a self-signed certificate for CN=127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost. */
export async function generateSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'ips-jobs-emulator-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', keyPath, '-out', certPath,
    ]);
    await chmod(certPath, 0o600);
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    await unlink(keyPath);
    return { key, cert, certPath, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
