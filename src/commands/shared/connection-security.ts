// How this run may reach IPS: plain http only on loopback or with --insecure-http (which warns on every run),
// extra trusted CAs from --ca-file (NODE_EXTRA_CA_CERTS kept), and the proxy from HTTPS_PROXY / NO_PROXY.
// The decision is planConnection's (src/ips/connection-plan.ts): this reads the environment and the flags, shows
// its warnings and words its refusals as configuration errors (78). The client connects as planned.
// Certificate verification has no switch: there is nothing here that turns it off.
import { readFile } from 'node:fs/promises';
import { ConfigError, readCaFile, readExtraCaCerts } from '../../config/index.js';
import { planConnection, type ConnectionPlan } from '../../ips/connection-plan.js';
import { InsecureHttpRefusedError, ProxyUrlError } from '../../ips/errors.js';
import { redactUrl } from '../../ips/redact.js';
import { proxySettingsFromEnv } from '../../ips/proxy.js';
import type { IO } from './io.js';

export interface SecurityFlags {
  caFile?: string;
  insecureHttp?: boolean;
}

export interface ConnectionOptions {
  extraCa?: string[];
  /** How the client reaches the endpoint, planned once here. */
  connection: ConnectionPlan;
}

const readTextFile = (filePath: string) => readFile(filePath, 'utf8');

/** The plan for this endpoint; a refused plain http endpoint or an unusable proxy variable is exit 78. */
function plan(endpoint: string, endpointSource: string | undefined, flags: SecurityFlags, io: IO): ConnectionPlan {
  try {
    return planConnection({
      endpoint,
      proxy: proxySettingsFromEnv(io.env),
      allowInsecureHttp: flags.insecureHttp === true,
      consentName: '--insecure-http',
    });
  } catch (error) {
    if (error instanceof InsecureHttpRefusedError) {
      const from = endpointSource ? ` (from ${endpointSource})` : '';
      throw new ConfigError(
        `refusing plain http endpoint ${redactUrl(endpoint)}${from}: the password would cross the network unencrypted. Use an https:// endpoint, or pass --insecure-http to allow it anyway.`,
        { cause: error },
      );
    }
    if (error instanceof ProxyUrlError) {
      // The value is not quoted back: a proxy URL may carry a password.
      throw new ConfigError(
        `${error.variable ?? 'HTTPS_PROXY'} is not a usable proxy URL: expected http://host:port or https://host:port (or unset it, or add ${error.hostname} to NO_PROXY)`,
        { cause: error },
      );
    }
    throw error;
  }
}

export async function connectionOptions(
  endpoint: string,
  endpointSource: string | undefined,
  flags: SecurityFlags,
  io: IO,
): Promise<ConnectionOptions> {
  const connection = plan(endpoint, endpointSource, flags, io);
  for (const warning of connection.warnings) io.stderr.write(`ips-jobs: warning: ${warning}\n`);
  // Node warns that this variable disables verification; for ips-jobs it does not, and the user should know.
  if (io.env.NODE_TLS_REJECT_UNAUTHORIZED === '0' && connection.security === 'https') {
    io.stderr.write('ips-jobs: warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: ips-jobs always verifies certificates (see --ca-file)\n');
  }
  const caFile = flags.caFile === undefined ? [] : await readCaFile(flags.caFile, { env: io.env, readTextFile });
  // An explicit CA list replaces Node's defaults, NODE_EXTRA_CA_CERTS included: keep those explicitly.
  const extraCa = caFile.length === 0 ? [] : [...(await readExtraCaCerts(io.env, readTextFile)), ...caFile];
  return { ...(extraCa.length > 0 && { extraCa }), connection };
}
