// The proxy settings as curl reads them: HTTPS_PROXY, and NO_PROXY's hosts that bypass it. Pure: the environment
// is passed in. Whether a connection uses the proxy is decided in connection-plan.ts.
import net from 'node:net';
import { bareHost, ipFamily } from './host-name.js';

export interface ProxySettings {
  /** The proxy URL as configured (may carry user:password). */
  httpsProxy?: string;
  /** Which variable gave it, for messages: `https_proxy` or `HTTPS_PROXY`. */
  httpsProxyName?: string;
  noProxy?: string;
}

function firstSet(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return undefined;
}

/** The proxy variables of an environment; the lower-case spelling wins, as curl reads them. */
export function proxySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const proxy = firstSet(env, ['https_proxy', 'HTTPS_PROXY']);
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']);
  return {
    ...(proxy && { httpsProxy: proxy[1], httpsProxyName: proxy[0] }),
    ...(noProxy && { noProxy: noProxy[1] }),
  };
}

/** A proxy URL: http:// or https://, with a host; a bare `host:port` means http://. Undefined when unusable. */
export function parseProxyUrl(raw: string): URL | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
    return url;
  } catch {
    return undefined;
  }
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

interface NoProxyEntry {
  host: string;
  port?: string;
  cidr?: { address: string; prefix: number; family: 'ipv4' | 'ipv6' };
}

function parseEntry(raw: string): NoProxyEntry | undefined {
  let entry = raw.toLowerCase();
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  const cidrFamily = cidr ? ipFamily(cidr[1]!) : undefined;
  if (cidr && cidrFamily) return { host: cidr[1]!, cidr: { address: cidr[1]!, prefix: Number(cidr[2]), family: cidrFamily } };
  if (ipFamily(entry)) return { host: entry };
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] && { port: bracketed[2] }) };
  const withPort = /^(.*):(\d+)$/.exec(entry);
  if (withPort) {
    entry = withPort[1]!;
    port = withPort[2]!;
  }
  // `.example.com` and `*.example.com` mean the domain and everything under it, like `example.com`.
  const host = entry.replace(/^\*?\./, '').replace(/\.$/, '');
  if (host === '') return undefined;
  return { host, ...(port && { port }) };
}

function entryMatches(entry: NoProxyEntry, host: string, port: string): boolean {
  if (entry.port !== undefined && entry.port !== port) return false;
  const family = ipFamily(host);
  if (entry.cidr) {
    if (family === undefined) return false;
    const list = new net.BlockList();
    try {
      list.addSubnet(entry.cidr.address, entry.cidr.prefix, entry.cidr.family);
    } catch {
      return false;
    }
    return list.check(host, family);
  }
  if (family !== undefined) return host === entry.host;
  return host === entry.host || host.endsWith(`.${entry.host}`);
}

/**
 * NO_PROXY as curl and most tools read it: comma- or space-separated entries; `*` alone matches everything;
 * `example.com`, `.example.com` and `*.example.com` match that host and its subdomains; `host:port` only that
 * port; IP addresses exactly, or a CIDR range (`10.0.0.0/8`). Case-insensitive.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = bareHost(target.hostname);
  const port = defaultPort(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    if (raw === '') continue;
    if (raw === '*') return true;
    const entry = parseEntry(raw);
    if (entry && entryMatches(entry, host, port)) return true;
  }
  return false;
}
