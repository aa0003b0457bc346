// HTTP layer: node:http (or node:https) server + soap.listen. Our request listener sits in front of node-soap to count
// traffic, stamp the virtual Date header, apply the fault plan, gzip, and frame every SOAP answer itself.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as soap from 'soap';
import { paddedTo, withDoctype, withExtraElements, withoutRequiredElements, withWrongTypes } from './answer-edits.js';
import type { EmulatorClock } from './clock.js';
import { corruptGzip, shouldGzip } from './compression.js';
import type { FaultDecision, FaultPlan } from './faults.js';
import { createHandlers, type RequestContext } from './handlers.js';
import type { EmulatedIps } from './model.js';
import { FAULT_NS, isIpsOperation, SOAP_PATH, TYPES_NS } from './operations.js';

export interface EmulatorStats {
  requests: number;
  connections: number;
  /** Requests per SOAP operation (from SOAPAction, else the body's `…Param` element). */
  byOperation: Record<string, number>;
  /** Bytes written to sockets (status line, headers and body, compressed as sent) for all responses. */
  bytesOut: number;
  /** bytesOut split per SOAP operation. */
  bytesByOperation: Record<string, number>;
}

export interface HttpFrontOptions {
  host: string;
  port: number;
  wsdlXml: string;
  clock: EmulatorClock;
  ips: EmulatedIps;
  faults: FaultPlan;
  stats: EmulatorStats;
  /** PEM key and certificate: serve HTTPS instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface HttpFront {
  port: number;
  url: string;
  close(): Promise<void>;
}

const SOAP_CONTENT_TYPE = 'text/xml;charset=UTF-8';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

const xmlEscape = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A SOAP 1.1 ipsApiFault for requests node-soap cannot route (unknown operation, unreadable XML). */
function protocolFault(code: number, reason: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:Client</faultcode><faultstring>IpsApiException</faultstring><detail>` +
    `<ipsApiFault xmlns="${FAULT_NS}"><code>${code}</code><reason>${xmlEscape(reason)}</reason></ipsApiFault>` +
    `</detail></soap:Fault></soap:Body></soap:Envelope>`
  );
}

function htmlPage(status: 200 | 502): string {
  return status === 502
    ? '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
    : '<!DOCTYPE html><html><head><title>Dynamic Media Classic - Scheduled Maintenance</title></head><body><h1>We&rsquo;ll be back soon</h1>' +
        '<p>Dynamic Media Classic is undergoing scheduled maintenance. Please try again later.</p></body></html>';
}

function malformedBody(operation: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body>` +
    `<${operation}Return xmlns="${TYPES_NS}"><jobArray><items><name>Spring & Summer</jobArray></soap:Body>`
  );
}

/** Operation named by SOAPAction (quotes and any URI prefix stripped), else by the body's first `…Param` element. */
export function operationOf(soapAction: string | string[] | undefined, body: string): string {
  const action = (Array.isArray(soapAction) ? soapAction[0] : soapAction)?.trim().replace(/^"|"$/g, '').split(/[/#]/).pop();
  if (action) return action;
  const m = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body);
  return m?.[1]?.replace(/Param$/, '') ?? '(unknown)';
}

/** The WSDL served at ?wsdl points clients at this emulator instead of the placeholder/real host. */
function localizeWsdl(xml: string, url: string): string {
  return xml.replace(/(<(?:[\w-]+:)?address\b[^>]*\blocation=")[^"]*(")/g, `$1${url}$2`);
}

export async function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const { clock, faults, stats } = options;
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : createHttpServer();
  // Clients keep connections for a long poll interval; Node's 5 s default would close them between polls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  server.on('connection', (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `${options.tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${SOAP_PATH}`;

  // node-soap hands every handler the request object we pass to processRequest; its headers object is our key.
  const contexts = new WeakMap<object, RequestContext>();
  const handlers = createHandlers(options.ips, (req) => {
    const headers = req && typeof req === 'object' ? (req as { headers?: object }).headers : undefined;
    return headers ? contexts.get(headers) : undefined;
  });
  // node-soap looks handlers up as services[service][port][operation]: answer the same table for any service/port.
  const anyPort = new Proxy({}, { get: () => handlers });
  const services = new Proxy({}, { get: () => anyPort });
  const soapServer = await new Promise<soap.Server>((resolve, reject) => {
    const srv = soap.listen(server, {
      path: SOAP_PATH,
      services,
      xml: localizeWsdl(options.wsdlXml, url),
      suppressStack: true,
      callback: (err: unknown) => (err ? reject(err) : resolve(srv)),
    });
  });
  // soap.listen installed its own 'request' listener; keep it for GET ?wsdl and put ours in front.
  const soapListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');

  const httpDate = (): string => clock.now().toUTCString();

  /** The TCP socket under a TLS one (Node keeps it as `_parent`): its counters are the bytes on the wire. */
  function tcpSocket(socket: Socket): Socket {
    return socket instanceof TLSSocket ? ((socket as TLSSocket & { _parent?: Socket })._parent ?? socket) : socket;
  }

  function headersFor(length: number, contentType?: string, gzip = false): Record<string, string | number> {
    return {
      Date: httpDate(),
      Server: 'ips-jobs-emulator',
      'Content-Length': length,
      ...(contentType ? { 'Content-Type': contentType } : {}),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    };
  }

  function send(res: ServerResponse, status: number, body: string | Buffer, contentType?: string, gzip = false): void {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, headersFor(buf.length, contentType, gzip));
    res.end(buf);
  }

  /** A SOAP answer, gzipped when `gzip` (Content-Length is the compressed size). */
  function sendSoap(res: ServerResponse, status: number, xml: string, gzip: boolean): void {
    const plain = Buffer.from(xml, 'utf8');
    send(res, status, gzip ? gzipSync(plain) : plain, SOAP_CONTENT_TYPE, gzip);
  }

  /** Writes `body` one byte every `ms` (Content-Length announces all of it); stops when the connection goes away. */
  function trickle(res: ServerResponse, status: number, body: Buffer, gzip: boolean, ms: number): void {
    res.writeHead(status, headersFor(body.length, SOAP_CONTENT_TYPE, gzip));
    res.flushHeaders();
    let sent = 0;
    const step = (): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (closed || res.destroyed || !res.socket || res.socket.destroyed) return;
        sent++;
        if (sent >= body.length) res.end(body.subarray(sent - 1, sent));
        else {
          res.write(body.subarray(sent - 1, sent));
          step();
        }
      }, ms);
      timers.add(timer);
    };
    step();
  }

  /** Counts the bytes written for this response once: at its end, or when its connection closes first (trickle). */
  function meter(req: IncomingMessage, res: ServerResponse, operation?: string): void {
    const socket = tcpSocket(req.socket);
    const before = socket.bytesWritten;
    let counted = false;
    const count = (): void => {
      if (counted) return;
      counted = true;
      const bytes = socket.bytesWritten - before;
      stats.bytesOut += bytes;
      if (operation) stats.bytesByOperation[operation] = (stats.bytesByOperation[operation] ?? 0) + bytes;
    };
    res.on('finish', count);
    res.on('close', count);
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  }

  /** The real answer node-soap gives for this request, and whether IPS would gzip it for this client. */
  async function realAnswer(req: IncomingMessage, xml: string, operation: string, decision: FaultDecision): Promise<{ status: number; xml: string; gzip: boolean }> {
    if (!isIpsOperation(operation)) {
      return { status: 500, xml: protocolFault(30001, `Unknown operation '${operation}'`), gzip: shouldGzip(req.headers['accept-encoding'], undefined) };
    }
    const headers = { ...req.headers };
    const ctx: RequestContext = { operation, handled: false };
    if (decision.action?.kind === 'fault') ctx.inject = { fault: decision.action.fault, ...(decision.action.status ? { status: decision.action.status } : {}) };
    contexts.set(headers, ctx);
    const result = await soapServer.processRequest(xml, { url: req.url ?? SOAP_PATH, method: 'POST', headers });
    const gzip = shouldGzip(req.headers['accept-encoding'], ctx.gzipResponse);
    // node-soap answers requests it cannot parse or route with a stack/odd fault; IPS would say INVALID_REQUEST_XML.
    if (!ctx.handled) return { status: 500, xml: protocolFault(30003, 'Invalid request XML'), gzip };
    return { status: result.statusCode, xml: result.body, gzip };
  }

  /** The real answer, framed as the fault plan says: as is, cut, corrupt gzip, padded, edited or trickled. */
  async function answer(req: IncomingMessage, res: ServerResponse, xml: string, operation: string, decision: FaultDecision): Promise<void> {
    const real = await realAnswer(req, xml, operation, decision);
    if (closed) return;
    const action = decision.action;
    switch (action?.kind) {
      case 'truncated': {
        // Cut the uncompressed text and send it uncompressed, whatever the client accepts.
        const body = Buffer.from(real.xml, 'utf8');
        send(res, real.status, body.subarray(0, Math.floor(body.length / 2)), SOAP_CONTENT_TYPE);
        return;
      }
      case 'badgzip':
        send(res, real.status, corruptGzip(Buffer.from(real.xml, 'utf8')), SOAP_CONTENT_TYPE, true);
        return;
      case 'oversize':
        sendSoap(res, real.status, paddedTo(real.xml, action.bytes), action.gzip === true);
        return;
      case 'trickle': {
        const plain = Buffer.from(real.xml, 'utf8');
        trickle(res, real.status, real.gzip ? gzipSync(plain) : plain, real.gzip, action.ms);
        return;
      }
      case 'doctype':
        sendSoap(res, real.status, withDoctype(real.xml), real.gzip);
        return;
      case 'missing':
        sendSoap(res, real.status, withoutRequiredElements(real.xml, operation), real.gzip);
        return;
      case 'wrongtypes':
        sendSoap(res, real.status, withWrongTypes(real.xml), real.gzip);
        return;
      case 'extra':
        sendSoap(res, real.status, withExtraElements(real.xml), real.gzip);
        return;
      default:
        sendSoap(res, real.status, real.xml, real.gzip);
    }
  }

  /** An abrupt RST; over TLS the TCP socket underneath is the one to reset. */
  function reset(socket: Socket): void {
    const tcp = tcpSocket(socket);
    if (tcp instanceof TLSSocket) tcp.destroy();
    else tcp.resetAndDestroy();
  }

  async function onPost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const xml = await readBody(req);
    options.ips.sync();
    const operation = operationOf(req.headers.soapaction, xml);
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
    meter(req, res, operation);
    const decision = faults.next(operation);
    if (decision.latencyMs > 0) await delay(decision.latencyMs);
    if (closed) return;
    const action = decision.action;
    switch (action?.kind) {
      case 'reset':
        reset(req.socket);
        return;
      case 'hang':
        return; // never answered; close() destroys the socket
      case 'status':
        send(res, action.status, '');
        return;
      case 'html':
        send(res, action.status, htmlPage(action.status), 'text/html; charset=UTF-8');
        return;
      case 'malformed':
        send(res, 200, malformedBody(operation), SOAP_CONTENT_TYPE);
        return;
      default:
        await answer(req, res, xml, operation, decision);
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    clock.tick();
    const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/\/$/, '');
    if (path !== SOAP_PATH) {
      meter(req, res);
      send(res, 404, 'Not found\n', 'text/plain; charset=UTF-8');
    } else if (req.method === 'GET') {
      // node-soap serves the WSDL for ?wsdl (and an empty 200 otherwise).
      meter(req, res);
      res.setHeader('Date', httpDate());
      for (const listener of soapListeners) listener(req, res);
    } else if (req.method === 'POST') {
      onPost(req, res).catch((err: unknown) => {
        if (!res.headersSent && !closed) send(res, 500, `Emulator error: ${err instanceof Error ? err.message : String(err)}\n`, 'text/plain; charset=UTF-8');
      });
    } else {
      meter(req, res);
      res.setHeader('Allow', 'GET, POST');
      send(res, 405, '');
    }
  });

  return {
    port,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        // Includes hung requests and idle keep-alive sockets, so tests never wait on them.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
