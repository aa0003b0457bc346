// One SOAP POST over node:http(s) with no decoding at all, so tests see the exact bytes the emulator sent.
import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { DEMO, envelope, type Credentials, type Params } from './soap-helpers.js';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received (compressed when Content-Encoding says so). */
  body: Buffer;
  /** Each 'data' chunk's length, in order. */
  chunks: number[];
}

export interface RawPostOptions {
  params?: Params;
  creds?: Credentials | null;
  /** Accept-Encoding to send; none when undefined. */
  acceptEncoding?: string;
  /** Trusted CA for https:// URLs. */
  ca?: string;
  /** Stop reading (and destroy the socket) once this many body chunks arrived. */
  stopAfterChunks?: number;
}

export function rawPost(url: string, operation: string, options: RawPostOptions = {}): Promise<RawAnswer> {
  const isHttps = url.startsWith('https:');
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: operation };
  if (options.acceptEncoding !== undefined) headers['Accept-Encoding'] = options.acceptEncoding;
  const body = envelope(operation, options.params ?? {}, options.creds === undefined ? DEMO : options.creds);
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(
      url,
      { method: 'POST', headers, agent: false, ...(isHttps && options.ca !== undefined ? { ca: options.ca } : {}) },
      (res) => {
        const parts: Buffer[] = [];
        const answer = (): RawAnswer => ({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), chunks: parts.map((p) => p.length) });
        res.on('data', (chunk: Buffer) => {
          parts.push(chunk);
          if (options.stopAfterChunks !== undefined && parts.length >= options.stopAfterChunks) {
            res.destroy();
            resolve(answer());
          }
        });
        res.on('end', () => resolve(answer()));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The body as text, gunzipped first when it was sent gzipped. */
export function bodyText(answer: RawAnswer): string {
  return (answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body).toString('utf8');
}
