// Why a poll of a target failed, in the five words of ips_poll_errors_total{kind}: the typed errors of the client.
import { AuthenticationError, AuthorizationError, IpsApiFaultError, ProtocolError, TransportError } from '../ips/errors.js';

export type PollErrorKind = 'auth' | 'timeout' | 'network' | 'fault' | 'protocol';

export const POLL_ERROR_KINDS: readonly PollErrorKind[] = ['auth', 'timeout', 'network', 'fault', 'protocol'];

/**
 * auth: credentials or rights refused; timeout: the request's deadline passed; network: no complete HTTP answer
 * otherwise (refused, DNS, TLS, reset); fault: IPS answered with an ipsApiFault; protocol: an answer we cannot read
 * (HTML, empty, malformed, too large), and anything else that is not one of the above (a request that could not be
 * built, an unexpected shape): it is about what was exchanged, not about reaching the server. An error that wraps one
 * of the client's is of its kind: a company name that IPS does not know, said as a configuration problem, is the
 * fault (or the refusal) IPS answered.
 */
export function pollErrorKind(error: unknown): PollErrorKind {
  if (error instanceof AuthenticationError || error instanceof AuthorizationError) return 'auth';
  if (error instanceof TransportError) return error.failure === 'timeout' ? 'timeout' : 'network';
  if (error instanceof IpsApiFaultError) return 'fault';
  if (!(error instanceof ProtocolError) && error instanceof Error && error.cause !== undefined) return pollErrorKind(error.cause);
  // A ProtocolError, and whatever else went wrong between our request and our reading of the answer.
  return 'protocol';
}
