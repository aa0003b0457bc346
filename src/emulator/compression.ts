// gzip of SOAP answers the way IPS decides it (Adobe's WSDL notes: gzip when the request accepts it, unless the
// authHeader's gzipResponse says otherwise), and the corrupt gzip body of the `badgzip` fault.
import { gzipSync } from 'node:zlib';

/** True when Accept-Encoding names gzip (or x-gzip, or `*` without gzip) with a non-zero q. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return false;
  const weights = new Map<string, number>();
  for (const part of text.split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.map((p) => /^q\s*=\s*([\d.]+)$/.exec(p)).find((m) => m !== null);
    weights.set(coding, q ? Number(q[1]) : 1);
  }
  const gzip = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*');
  return gzip !== undefined && gzip > 0;
}

/** authHeader/gzipResponse overrides (true → gzip, false → plain); absent → gzip when the request accepts it. */
export function shouldGzip(acceptEncoding: string | string[] | undefined, gzipResponse: boolean | undefined): boolean {
  return gzipResponse ?? acceptsGzip(acceptEncoding);
}

/** A gzip stream of `body` cut in half, then bytes that are not deflate data: no decoder gets through it. */
export function corruptGzip(body: Buffer): Buffer {
  const whole = gzipSync(body);
  const cut = whole.subarray(0, Math.max(12, Math.floor(whole.length / 2)));
  return Buffer.concat([cut, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x00]), Buffer.from('-- not gzip past this point --', 'latin1')]);
}
