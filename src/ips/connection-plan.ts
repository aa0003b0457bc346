// How a client reaches its endpoint, decided once and only here: over https; plain http on loopback (the
// emulator); plain http across a network only with consent, which is then warned about; and through the https
// proxy unless the endpoint is loopback or NO_PROXY names it. Pure: the caller reads the environment and its
// flags, shows the warnings, and words the typed errors for its users. createIpsClient connects as planned.
import { InsecureHttpRefusedError, ProxyUrlError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { bypassesProxy, parseProxyUrl, type ProxySettings } from './proxy.js';

/** https; plain http on this machine (the emulator); or plain http across a network, which needs consent. */
export type EndpointSecurity = 'https' | 'loopback-http' | 'insecure-http';

export interface ConnectionSettings {
  /** The SOAP service URL. */
  endpoint: string | URL;
  /** The proxy and its exceptions as configured (proxySettingsFromEnv reads them from the environment). */
  proxy?: ProxySettings;
  /** Consent to plain http to a host that is not loopback: the password would cross the network in clear text. */
  allowInsecureHttp?: boolean;
  /** How the caller names that consent, in warnings and errors (`--insecure-http`). Default `allowInsecureHttp`. */
  consentName?: string;
}

export interface ConnectionPlan {
  /** The endpoint planned for (a URL's href): a client for another endpoint refuses the plan. */
  readonly endpoint: string;
  /** How the endpoint is reached; `insecure-http` only with consent. */
  readonly security: EndpointSecurity;
  /** The proxy to tunnel through, or undefined to connect directly. It may carry user:password: never quote it. */
  readonly proxy?: URL;
  /** What the user should be told, a sentence each (no prefix, no newline). */
  readonly warnings: readonly string[];
}

export function endpointSecurity(endpoint: string | URL): EndpointSecurity {
  const url = new URL(String(endpoint));
  if (url.protocol === 'https:') return 'https';
  return isLoopbackHost(url.hostname) ? 'loopback-http' : 'insecure-http';
}

/**
 * How to connect to `settings.endpoint`. Throws InsecureHttpRefusedError for plain http across a network without
 * consent, and ProxyUrlError for a proxy this endpoint would use that is not an http(s) URL (an unused one is
 * not looked at).
 */
export function planConnection(settings: ConnectionSettings): ConnectionPlan {
  const url = new URL(String(settings.endpoint));
  const given = String(settings.endpoint);
  const consentName = settings.consentName ?? 'allowInsecureHttp';
  const security = endpointSecurity(url);
  if (security === 'insecure-http' && !settings.allowInsecureHttp) throw new InsecureHttpRefusedError(url.host, consentName, given);
  const proxy = proxyFor(url, security, settings.proxy, given);
  return {
    endpoint: url.href,
    security,
    ...(proxy && { proxy }),
    warnings: settings.allowInsecureHttp ? [consentWarning(url.host, security, consentName)] : [],
  };
}

/** Consent to plain http is said every time it is given: what it lets through, or that it changes nothing. */
function consentWarning(host: string, security: EndpointSecurity, consentName: string): string {
  if (security === 'insecure-http') {
    return `${consentName}: talking to ${host} over plain http; the password and all job data cross the network unencrypted`;
  }
  return `${consentName} has no effect: ${host} is reached ${security === 'https' ? 'over https' : 'on loopback'}`;
}

/** The proxy of an https endpoint that is not loopback and that NO_PROXY does not name; checked only then. */
function proxyFor(target: URL, security: EndpointSecurity, settings: ProxySettings | undefined, given: string): URL | undefined {
  if (settings?.httpsProxy === undefined || security !== 'https') return undefined;
  if (isLoopbackHost(target.hostname) || bypassesProxy(target, settings.noProxy)) return undefined;
  const proxy = parseProxyUrl(settings.httpsProxy);
  if (proxy === undefined) throw new ProxyUrlError(settings.httpsProxyName, target.hostname, given);
  return proxy;
}
