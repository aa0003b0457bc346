// Our HTTP transport for the envelopes node-soap writes: node:http(s) with a keep-alive agent,
// a total deadline per request (not node-soap's idle timeout), a response size cap, gzip, and the
// checks that turn HTML, empty bodies and DOCTYPEs into protocol errors before XML parsing starts.
// TLS certificates are always verified (explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 cannot turn it off);
// extra CAs are added to Node's roots; an HTTPS proxy is reached through a CONNECT tunnel.
import http from 'node:http';
import type https from 'node:https';
import type tls from 'node:tls';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ProtocolError, TransportError, type TransportFailure } from './errors.js';
import { ProxyError } from './proxy-error.js';
import { redactUrl } from './redact.js';
import { certificateProblem } from './tls-failure.js';
import { formatBytes } from '../text/bytes.js';
import { formatDuration } from '../text/duration.js';

export interface TransportOptions {
  requestTimeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  /** Cancels every request in flight (SIGINT, SIGTERM). */
  signal?: AbortSignal;
  /** PEM certificates trusted in addition to Node's bundled roots (a corporate CA). */
  extraCa?: readonly string[];
  /** Tunnel https requests through this HTTP(S) proxy (CONNECT); undefined: connect directly. */
  proxy?: URL;
}

/** What one exchange looked like; filled in by the transport for the client's diagnostics and clock. */
export interface Exchange {
  operation: string;
  endpoint: string;
  requestXml?: string;
  /** The headers sent, as sent. */
  requestHeaders?: Record<string, string | number>;
  /** The proxy the request went through, without credentials. */
  proxy?: string;
  status?: number;
  headers?: http.IncomingHttpHeaders;
  responseXml?: string;
  /** Local clock when the response headers arrived. */
  receivedAt?: number;
  startedAt: number;
  elapsedMs?: number;
  reusedSocket?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const NODE_ERROR_FAILURES: Record<string, TransportFailure> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
};

function classifyNodeError(error: NodeJS.ErrnoException): TransportFailure {
  const code = error.code ?? '';
  if (code in NODE_ERROR_FAILURES) return NODE_ERROR_FAILURES[code]!;
  if (certificateProblem(error) !== undefined) return 'tls';
  if (/CERT|TLS|SSL|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate|TLS|SSL/i.test(error.message)) return 'tls';
  if (/socket hang up/i.test(error.message)) return 'reset';
  return 'other';
}

const FAILURE_WORDS: Record<TransportFailure, string> = {
  refused: 'connection refused',
  dns: 'host not found',
  tls: 'TLS handshake failed',
  timeout: 'request timed out',
  reset: 'connection reset by the server',
  other: 'network error',
};

const CERTIFICATE_WORDS = {
  untrusted: "the server's certificate could not be verified",
  hostname: "the server's certificate is not valid for this host",
  expired: "the server's certificate has expired or is not valid yet",
} as const;

/** Words for a failed connection, naming the proxy when the failure was there. */
function networkFailureMessage(error: NodeJS.ErrnoException, failure: TransportFailure, proxy: string | undefined): string {
  const problem = certificateProblem(error);
  if (problem) return `${CERTIFICATE_WORDS[problem]} (${error.message})`;
  // Through a proxy only the proxy's name is resolved and connected to: these failures are the proxy's.
  if (proxy && (failure === 'refused' || failure === 'dns')) return `${FAILURE_WORDS[failure]} at the proxy ${proxy} (${error.message})`;
  return `${FAILURE_WORDS[failure]} (${error.message})`;
}

/** What https requests need, made on the first one. */
interface HttpsSide {
  https: typeof https;
  agent: http.Agent;
  tlsOptions: Pick<tls.ConnectionOptions, 'rejectUnauthorized' | 'checkServerIdentity' | 'secureContext'>;
}

export class IpsTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  /**
   * Made on the first https request, with node:https and node:tls loaded only then (about 4 ms of every run to
   * a plain-http endpoint otherwise), and the proxy agent's module only when a proxy is used.
   */
  private httpsReady: Promise<HttpsSide> | undefined;
  private closed = false;
  private readonly proxyShown: string | undefined;

  constructor(private readonly options: TransportOptions) {
    this.proxyShown = options.proxy ? redactUrl(options.proxy) : undefined;
  }

  private httpsSide(): Promise<HttpsSide> {
    this.httpsReady ??= (async () => {
      const https = process.getBuiltinModule('node:https');
      const tls = process.getBuiltinModule('node:tls');
      const { proxy, extraCa } = this.options;
      // One secure context for every request: the CA bundle is parsed once.
      const secureContext = extraCa && extraCa.length > 0 ? tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] }) : undefined;
      // Per-request TLS options: verification on, and the extra CAs when there are any.
      const tlsOptions: HttpsSide['tlsOptions'] = {
        rejectUnauthorized: true,
        checkServerIdentity: tls.checkServerIdentity,
        ...(secureContext && { secureContext }),
      };
      const agent: http.Agent = proxy
        ? new (await import('https-proxy-agent')).HttpsProxyAgent(proxy, { keepAlive: true, maxSockets: 4, ...tlsOptions })
        : new https.Agent({ keepAlive: true, maxSockets: 4 });
      if (this.closed) agent.destroy();
      return { https, agent, tlsOptions };
    })();
    return this.httpsReady;
  }

  /** One POST with a total deadline; resolves with a checked body or rejects with a typed error. */
  async post(url: string, body: string, headers: Record<string, string>, exchange: Exchange): Promise<RawResponse> {
    // One controller per request, both of whose triggers are undone in `finally`: nothing outlives the
    // request (AbortSignal.any kept a reference per request alive, a slow leak over days of polling).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.requestTimeoutMs);
    const run = this.options.signal;
    const onRunAbort = () => controller.abort();
    if (run?.aborted) controller.abort();
    run?.addEventListener('abort', onRunAbort, { once: true });
    const signal = controller.signal;
    const where = { operation: exchange.operation, endpoint: url };
    try {
      const response = await this.send(url, body, headers, signal, exchange);
      exchange.status = response.status;
      exchange.headers = response.headers;
      exchange.responseXml = response.body;
      exchange.elapsedMs = Date.now() - exchange.startedAt;
      checkBody(response, where);
      return response;
    } catch (error) {
      exchange.elapsedMs = Date.now() - exchange.startedAt;
      // The deadline first: aborting a request also surfaces as a reset or a cancelled read.
      if (timedOut && !(error instanceof ProtocolError)) {
        throw new TransportError('timeout', `no complete answer within ${formatDuration(this.options.requestTimeoutMs, 'exact')}`, {
          cause: error,
          ...where,
        });
      }
      if (signal.aborted) throw new TransportError('other', 'request cancelled', { cause: error, ...where });
      if (error instanceof ProtocolError || error instanceof TransportError) {
        error.operation ??= where.operation;
        error.endpoint ??= where.endpoint;
        throw error;
      }
      const failure = classifyNodeError(error as NodeJS.ErrnoException);
      const message = networkFailureMessage(error as NodeJS.ErrnoException, failure, this.proxyShown);
      const viaProxy = this.proxyShown !== undefined && (failure === 'refused' || failure === 'dns');
      const cause = viaProxy ? new ProxyError(this.proxyShown!, message, { cause: error }) : error;
      throw new TransportError(failure, message, { cause, ...where });
    } finally {
      clearTimeout(timer);
      run?.removeEventListener('abort', onRunAbort);
    }
  }

  private async send(
    url: string,
    body: string,
    extraHeaders: Record<string, string>,
    signal: AbortSignal,
    exchange: Exchange,
  ): Promise<RawResponse> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    const headers: Record<string, string | number> = {
      ...extraHeaders,
      'Content-Type': 'text/xml; charset=utf-8',
      'Content-Length': payload.length,
      'Accept-Encoding': 'gzip, deflate',
      'User-Agent': this.options.userAgent,
    };
    exchange.requestHeaders = headers;
    if (isHttps && this.proxyShown) exchange.proxy = this.proxyShown;
    const side = isHttps ? await this.httpsSide() : undefined;
    return new Promise<RawResponse>((resolve, reject) => {
      const request = side
        ? side.https.request(target, { method: 'POST', headers, agent: side.agent, signal, ...side.tlsOptions })
        : http.request(target, { method: 'POST', headers, agent: this.httpAgent, signal });
      let tunnelRefused: { statusCode: number; statusText?: string } | undefined;
      // A proxy that will not open the tunnel answers CONNECT itself; that answer is not IPS's.
      request.on('proxyConnect', (connect: { statusCode: number; statusText?: string }) => {
        if (connect.statusCode !== 200) tunnelRefused = connect;
      });
      request.on('error', reject);
      request.on('response', (response) => {
        if (tunnelRefused) {
          const { statusCode, statusText } = tunnelRefused;
          response.resume();
          const message = `the proxy ${this.proxyShown} refused to open a tunnel to ${target.host} (HTTP ${statusCode}${statusText ? ` ${statusText}` : ''})`;
          reject(new TransportError('other', message, { cause: new ProxyError(this.proxyShown ?? '', message) }));
          return;
        }
        exchange.receivedAt = Date.now();
        exchange.reusedSocket = request.reusedSocket;
        // Known now, even if the body then fails (too large, cut off, bad gzip): --debug shows them.
        exchange.status = response.statusCode;
        exchange.headers = response.headers;
        this.readBody(response).then(
          (text) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
          (error: unknown) => {
            request.destroy();
            reject(error);
          },
        );
      });
      request.end(payload);
    });
  }

  /** Reads the body through gzip/deflate when sent so, capping both the wire and the inflated size. */
  private readBody(response: http.IncomingMessage): Promise<string> {
    const max = this.options.maxResponseBytes;
    const status = response.statusCode;
    const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
    let stream: Readable = response;
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
    else if (encoding === 'deflate') stream = response.pipe(createInflate());
    const inflating = stream !== response;
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      /** Past the cap (on the wire or inflated): the response is dropped and the call fails. */
      const overCap = (bytes: number): boolean => {
        if (bytes <= max) return false;
        response.destroy();
        reject(new ProtocolError('too-large', `response larger than the ${formatBytes(max)} limit (--max-response-size)`, status));
        return true;
      };
      response.on('data', (chunk: Buffer) => {
        wire += chunk.length;
        overCap(wire);
      });
      response.on('close', () => {
        if (!response.complete) reject(new TransportError('reset', 'the connection closed before the response was complete'));
      });
      response.on('error', (error) => reject(error));
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (!overCap(size)) chunks.push(chunk);
      });
      if (inflating) {
        stream.on('error', (error) =>
          reject(new ProtocolError('bad-gzip', `the compressed response could not be decoded (${error.message})`, status)),
        );
      }
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.closed = true;
    // A side that failed to come up (a CA the TLS layer refused) was reported by the request that asked for it.
    this.httpsReady?.then(
      (side) => side.agent.destroy(),
      () => {},
    );
  }
}

/** Rejects what is plainly not a SOAP answer before XML parsing: empty, HTML, a DOCTYPE. */
function checkBody(response: RawResponse, where: { operation: string; endpoint: string }): void {
  const { status, body } = response;
  const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
  const start = body.trimStart().slice(0, 512).toLowerCase();
  if (start.length === 0) {
    throw new ProtocolError('empty', `empty response (HTTP ${status})`, status, where);
  }
  if (contentType.includes('text/html') || start.startsWith('<!doctype html') || start.startsWith('<html')) {
    throw new ProtocolError('html', `an HTML page instead of a SOAP response (HTTP ${status})`, status, where);
  }
  if (/<!doctype/i.test(body.slice(0, body.search(/<[A-Za-z]/) === -1 ? body.length : body.search(/<[A-Za-z]/)))) {
    throw new ProtocolError('doctype', `response carries a DOCTYPE, which IPS never sends (HTTP ${status})`, status, where);
  }
}
