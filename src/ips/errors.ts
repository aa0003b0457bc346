// Typed errors of the IPS client. Nothing here prints: the CLI turns these into one line and an exit code.

export type IpsFaultElement = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault';

/** Base of every error the client raises. `operation` and `endpoint` say where it happened. */
export class IpsError extends Error {
  override name = 'IpsError';
  operation?: string;
  endpoint?: string;
  constructor(message: string, options?: { cause?: unknown; operation?: string; endpoint?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.operation = options?.operation;
    this.endpoint = options?.endpoint;
  }
}

/** A SOAP fault carrying one of IPS's fault elements (recognised by element, whatever the HTTP status). */
export class IpsFaultError extends IpsError {
  override name = 'IpsFaultError';
  constructor(
    readonly fault: IpsFaultElement,
    readonly code: number | undefined,
    readonly reason: string,
    readonly httpStatus: number | undefined,
    options?: { operation?: string; endpoint?: string },
  ) {
    super(`${fault}${code === undefined ? '' : ` ${code}`}: ${reason}`, options);
  }
}

/** authenticationFault, codes 10000–10002: no, wrong or unknown credentials. */
export class AuthenticationError extends IpsFaultError {
  override name = 'AuthenticationError';
}

/** authorizationFault, codes 20000–20009: the user may not do this (or the company is not theirs). */
export class AuthorizationError extends IpsFaultError {
  override name = 'AuthorizationError';
}

/** ipsApiFault, codes 30000–30003: the service refused the request or failed inside. */
export class IpsApiFaultError extends IpsFaultError {
  override name = 'IpsApiFaultError';
}

export type TransportFailure = 'refused' | 'dns' | 'tls' | 'timeout' | 'reset' | 'other';

/** The request did not get a complete HTTP response: connection refused, DNS, TLS, deadline, reset. */
export class TransportError extends IpsError {
  override name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown; operation?: string; endpoint?: string },
  ) {
    super(message, options);
  }
}

export type ProtocolFailure =
  | 'html'
  | 'empty'
  | 'malformed'
  | 'truncated'
  | 'doctype'
  | 'too-large'
  | 'bad-gzip'
  | 'unexpected';

/** A response arrived but is not a SOAP answer we can read: HTML, empty, malformed, a DOCTYPE, too large. */
export class ProtocolError extends IpsError {
  override name = 'ProtocolError';
  constructor(
    readonly failure: ProtocolFailure,
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown; operation?: string; endpoint?: string },
  ) {
    super(message, options);
  }
}

/**
 * A plain http:// endpoint that is not loopback, without consent (allowInsecureHttp): the password would cross the
 * network unencrypted. Raised before any connection is made.
 */
export class InsecureHttpRefusedError extends IpsError {
  override name = 'InsecureHttpRefusedError';
  constructor(
    /** The endpoint's host (and port), for messages. */
    readonly host: string,
    /** How the caller names the consent that would allow it. */
    consentName: string,
    endpoint: string,
  ) {
    super(`refusing plain http to ${host}: the password would cross the network unencrypted (use https, or ${consentName})`, { endpoint });
  }
}

/**
 * A proxy setting that is not an http:// or https:// URL, for an endpoint that would go through it. Neither this
 * message nor the fields quote the value: a proxy URL may carry a password.
 */
export class ProxyUrlError extends IpsError {
  override name = 'ProxyUrlError';
  constructor(
    /** The variable that gave it (`HTTPS_PROXY`, `https_proxy`), when it came from the environment. */
    readonly variable: string | undefined,
    /** The endpoint's hostname: what NO_PROXY would have to name to bypass the proxy. */
    readonly hostname: string,
    endpoint: string,
  ) {
    super('the proxy is not an http:// or https:// URL', { endpoint });
  }
}

/** Transport failures after which the request may have been sent whole: the server may have acted on it. */
const MAY_HAVE_ARRIVED: ReadonlySet<TransportFailure> = new Set(['timeout', 'reset', 'other']);

/**
 * Whether a failed call may nevertheless have reached IPS and been acted on, although no answer was read: a
 * TransportError after the connection was up (timeout, reset, other — 'other' also covers a cancelled request and a
 * proxy refusing its tunnel, counted in to err on the safe side), or any ProtocolError (an answer came but could not
 * be read). False when the request was never sent (refused, dns, tls), when IPS answered with a fault (it refused),
 * and for anything that is not an error of the IPS client. For a call that must not run twice (submitJob): true
 * means look before sending it again.
 */
export function requestMayHaveArrived(error: unknown): boolean {
  if (error instanceof ProtocolError) return true;
  return error instanceof TransportError && MAY_HAVE_ARRIVED.has(error.failure);
}
