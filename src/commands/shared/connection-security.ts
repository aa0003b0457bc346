// How this run may reach IPS: plain http only on loopback or with --insecure-http (which warns on every run),
// extra trusted CAs from --ca-file (NODE_EXTRA_CA_CERTS kept), and the proxy from HTTPS_PROXY / NO_PROXY.
// Certificate verification has no switch: there is nothing here that turns it off.
import { readFile } from 'node:fs/promises';
import { ConfigError, readCaFile, readExtraCaCerts } from '../../config/index.js';
import { endpointSecurity } from '../../ips/endpoints.js';
import { bypassesProxy, parseProxyUrl, proxySettingsFromEnv } from '../../ips/proxy.js';
import { isLoopbackHost } from '../../ips/loopback.js';
import type { IO } from './io.js';

export interface SecurityFlags {
  caFile?: string;
  insecureHttp?: boolean;
}

export interface ConnectionOptions {
  extraCa?: string[];
  proxy?: string;
  noProxy?: string;
  allowInsecureHttp: boolean;
}

const readTextFile = (filePath: string) => readFile(filePath, 'utf8');

/** Refuses plain http across a network unless --insecure-http; warns whenever --insecure-http is given. */
function checkPlainHttp(endpoint: string, endpointSource: string | undefined, flags: SecurityFlags, io: IO): void {
  const security = endpointSecurity(endpoint);
  const host = new URL(endpoint).host;
  if (security === 'insecure-http' && !flags.insecureHttp) {
    const from = endpointSource ? ` (from ${endpointSource})` : '';
    throw new ConfigError(
      `refusing plain http endpoint ${endpoint}${from}: the password would cross the network unencrypted. Use an https:// endpoint, or pass --insecure-http to allow it anyway.`,
    );
  }
  if (!flags.insecureHttp) return;
  io.stderr.write(
    security === 'insecure-http'
      ? `ips-jobs: warning: --insecure-http: talking to ${host} over plain http; the password and all job data cross the network unencrypted\n`
      : `ips-jobs: warning: --insecure-http has no effect: ${host} is reached ${security === 'https' ? 'over https' : 'on loopback'}\n`,
  );
}

/** The proxy for this endpoint, checked: a proxy variable that is not a URL is a configuration error (78). */
function proxyOptions(endpoint: string, io: IO): Pick<ConnectionOptions, 'proxy' | 'noProxy'> {
  const settings = proxySettingsFromEnv(io.env);
  if (settings.httpsProxy === undefined) return {};
  const target = new URL(endpoint);
  const used = target.protocol === 'https:' && !isLoopbackHost(target.hostname) && !bypassesProxy(target, settings.noProxy);
  if (!used) return {};
  // The value is not quoted back: a proxy URL may carry a password.
  if (parseProxyUrl(settings.httpsProxy) === undefined) {
    throw new ConfigError(
      `${settings.httpsProxyName} is not a usable proxy URL: expected http://host:port or https://host:port (or unset it, or add ${target.hostname} to NO_PROXY)`,
    );
  }
  return { proxy: settings.httpsProxy, ...(settings.noProxy !== undefined && { noProxy: settings.noProxy }) };
}

export async function connectionOptions(
  endpoint: string,
  endpointSource: string | undefined,
  flags: SecurityFlags,
  io: IO,
): Promise<ConnectionOptions> {
  checkPlainHttp(endpoint, endpointSource, flags, io);
  // Node warns that this variable disables verification; for ips-jobs it does not, and the user should know.
  if (io.env.NODE_TLS_REJECT_UNAUTHORIZED === '0' && endpointSecurity(endpoint) === 'https') {
    io.stderr.write('ips-jobs: warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: ips-jobs always verifies certificates (see --ca-file)\n');
  }
  const caFile = flags.caFile === undefined ? [] : await readCaFile(flags.caFile, { env: io.env, readTextFile });
  // An explicit CA list replaces Node's defaults, NODE_EXTRA_CA_CERTS included: keep those explicitly.
  const extraCa = caFile.length === 0 ? [] : [...(await readExtraCaCerts(io.env, readTextFile)), ...caFile];
  return {
    ...(extraCa.length > 0 && { extraCa }),
    ...proxyOptions(endpoint, io),
    allowInsecureHttp: flags.insecureHttp === true,
  };
}
