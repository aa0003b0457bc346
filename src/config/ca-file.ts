// --ca-file: the PEM certificates of a corporate CA, trusted in addition to Node's bundled roots.
// Certificate verification itself is never optional; this only widens whom it trusts.

import { ConfigError } from './errors.js';
import { readEnv, type Env } from './env.js';
import { displayPath, expandHome } from './paths.js';
import { readFailureReason, type ReadTextFile } from './read-failure.js';
import type { SettingSource } from './setting.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM certificate blocks of a text, in order. */
function pemCertificates(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

/** The certificates of a CA file, each checked to be a readable X.509 certificate. */
export async function readCaFile(
  rawPath: string,
  options: { env: Env; readTextFile: ReadTextFile; flag?: string },
): Promise<string[]> {
  const flag = options.flag ?? '--ca-file';
  const source: SettingSource = { kind: 'flag', name: flag };
  const filePath = expandHome(rawPath, options.env);
  const shown = displayPath(filePath, options.env);
  let text: string;
  try {
    text = await options.readTextFile(filePath);
  } catch (error) {
    throw new ConfigError(`cannot read CA file ${shown} (${flag}): ${readFailureReason(error)}`, { source });
  }
  const certificates = pemCertificates(text);
  if (certificates.length === 0) {
    throw new ConfigError(
      `CA file ${shown} (${flag}) holds no PEM certificate: expected "-----BEGIN CERTIFICATE-----" blocks`,
      { source },
    );
  }
  // Loaded only when a CA file is given: most runs never need it.
  const { X509Certificate } = process.getBuiltinModule('node:crypto');
  certificates.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigError(`CA file ${shown} (${flag}): certificate ${index + 1} cannot be read as X.509`, { source });
    }
  });
  return certificates;
}

/**
 * NODE_EXTRA_CA_CERTS, read again: Node adds it to its default roots by itself, but an explicit CA list (from
 * --ca-file) replaces those defaults, so both are passed together. Unreadable: nothing (Node already warned).
 */
export async function readExtraCaCerts(env: Env, readTextFile: ReadTextFile): Promise<string[]> {
  const file = readEnv(env, 'NODE_EXTRA_CA_CERTS');
  if (file === undefined) return [];
  try {
    return pemCertificates(await readTextFile(file));
  } catch {
    return [];
  }
}
