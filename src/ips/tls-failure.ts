// Which certificate problem a TLS failure is, from Node's error code: the fix differs (a CA file, the endpoint, a clock).

export type CertificateProblem = 'untrusted' | 'hostname' | 'expired';

const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
]);

const EXPIRED_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return typeof error.code === 'string' ? error.code : '';
}

/** The certificate problem behind an error (or its cause), if it is one. */
export function certificateProblem(error: unknown): CertificateProblem | undefined {
  for (let current = error, depth = 0; current !== undefined && depth < 4; depth += 1) {
    const code = errorCode(current);
    if (UNTRUSTED_CODES.has(code)) return 'untrusted';
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'hostname';
    if (EXPIRED_CODES.has(code)) return 'expired';
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
