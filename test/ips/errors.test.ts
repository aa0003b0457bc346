// requestMayHaveArrived: after which failures a call that must not run twice (submitJob) may have been acted on.
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  AuthorizationError,
  InsecureHttpRefusedError,
  IpsApiFaultError,
  IpsError,
  ProtocolError,
  ProxyUrlError,
  requestMayHaveArrived,
  TransportError,
  type ProtocolFailure,
  type TransportFailure,
} from '../../src/ips/errors.js';

const where = { operation: 'submitJob', endpoint: 'https://ips.example/scene7/services/IpsApiService' };

describe('requestMayHaveArrived', () => {
  it.each<[TransportFailure, boolean]>([
    ['timeout', true],
    ['reset', true],
    ['other', true],
    ['refused', false],
    ['dns', false],
    ['tls', false],
  ])('TransportError %s → %s', (failure, expected) => {
    expect(requestMayHaveArrived(new TransportError(failure, 'failed', where))).toBe(expected);
  });

  it.each<ProtocolFailure>(['html', 'empty', 'malformed', 'truncated', 'doctype', 'too-large', 'bad-gzip', 'unexpected'])(
    'ProtocolError %s → true (an answer came, unreadable: IPS may have acted)',
    (failure) => {
      expect(requestMayHaveArrived(new ProtocolError(failure, 'unreadable', 200, where))).toBe(true);
    },
  );

  it('a SOAP fault → false: IPS answered, and refused', () => {
    expect(requestMayHaveArrived(new IpsApiFaultError('ipsApiFault', 30001, 'Invalid jobName', 500, where))).toBe(false);
    expect(requestMayHaveArrived(new AuthenticationError('authenticationFault', 10001, 'Invalid username/password', 500, where))).toBe(false);
    expect(requestMayHaveArrived(new AuthorizationError('authorizationFault', 20003, 'no permission', 500, where))).toBe(false);
  });

  it('errors raised before anything is sent, and errors that are not the client’s → false', () => {
    expect(requestMayHaveArrived(new IpsError('the submitJob request could not be built (x)', where))).toBe(false);
    expect(requestMayHaveArrived(new InsecureHttpRefusedError('ips.example', '--allow-insecure-http', where.endpoint))).toBe(false);
    expect(requestMayHaveArrived(new ProxyUrlError('HTTPS_PROXY', 'ips.example', where.endpoint))).toBe(false);
    expect(requestMayHaveArrived(new Error('ECONNRESET'))).toBe(false);
    expect(requestMayHaveArrived(Object.assign(new Error('timeout'), { failure: 'timeout' }))).toBe(false);
    expect(requestMayHaveArrived('timeout')).toBe(false);
    expect(requestMayHaveArrived(undefined)).toBe(false);
  });
});
