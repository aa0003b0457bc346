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
  | 'http-status'
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
