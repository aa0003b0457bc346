// The cause of a TransportError that happened at the proxy (refused, unknown, or no tunnel) rather than at IPS.
// Its own module, so the CLI's error descriptions can recognise it without loading the transport.

export class ProxyError extends Error {
  override name = 'ProxyError';
  constructor(
    /** The proxy URL without credentials. */
    readonly proxy: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
