// HTTP layer: node:http (or node:https) server + soap.listen. Our request listener sits in front of node-soap to count
// traffic, stamp the virtual Date header, apply the fault plan, gzip, and frame every SOAP answer itself.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as soap from 'soap';
import { escapeXml } from '../text/xml-escape.js';
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
  /** Told each SOAP call's operation once it is counted, before the fault plan and the answer. */
  onCall?: (operation: string) => void;
  /** PEM key and certificate: serve HTTPS instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface HttpFront {
  port: number;
  url: string;
  close(): Promise<void>;
}

const SOAP_CONTENT_TYPE = 'text/xml;charset=UTF-8';
const TEXT_CONTENT_TYPE = 'text/plain; charset=UTF-8';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const ENVELOPE_START = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body>`;

// ---- fixed bodies ----

/** A SOAP 1.1 ipsApiFault for requests node-soap cannot route (unknown operation, unreadable XML). */
function protocolFault(code: number, reason: string): string {
  return (
    `${ENVELOPE_START}<soap:Fault>` +
    `<faultcode>soap:Client</faultcode><faultstring>IpsApiException</faultstring><detail>` +
    `<ipsApiFault xmlns="${FAULT_NS}"><code>${code}</code><reason>${escapeXml(reason)}</reason></ipsApiFault>` +
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
  return `${ENVELOPE_START}<${operation}Return xmlns="${TYPES_NS}"><jobArray><items><name>Spring & Summer</jobArray></soap:Body>`;
}

/** Operation named by SOAPAction (quotes and any URI prefix stripped), else by the body's first `…Param` element. */
function operationOf(soapAction: string | string[] | undefined, body: string): string {
  const action = (Array.isArray(soapAction) ? soapAction[0] : soapAction)?.trim().replace(/^"|"$/g, '').split(/[/#]/).pop();
  if (action) return action;
  const m = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body);
  return m?.[1]?.replace(/Param$/, '') ?? '(unknown)';
}

/** The WSDL served at ?wsdl points clients at this emulator instead of the placeholder/real host. */
function localizeWsdl(xml: string, url: string): string {
  return xml.replace(/(<(?:[\w-]+:)?address\b[^>]*\blocation=")[^"]*(")/g, `$1${url}$2`);
}

// ---- what one front shares between its requests ----

/** What close() ends: the timers of delayed and trickled answers, and (once it has begun) all further writing. */
class Lifetime {
  closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` after `ms`, unless close() comes first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  end(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** node-soap behind our listener: its server, the per-request contexts its handlers read, and its own listeners. */
interface SoapBackend {
  server: soap.Server;
  /** Keyed by the headers object of the request handed to processRequest. */
  contexts: WeakMap<object, RequestContext>;
  /** The 'request' listeners soap.listen installed: they answer GET (the WSDL for ?wsdl). */
  getListeners: Array<(req: IncomingMessage, res: ServerResponse) => void>;
}

interface Front {
  clock: EmulatorClock;
  ips: EmulatedIps;
  faults: FaultPlan;
  stats: EmulatorStats;
  soap: SoapBackend;
  life: Lifetime;
  onCall: (operation: string) => void;
}

// ---- listen / close ----

export async function startHttpFront(options: HttpFrontOptions): Promise<HttpFront> {
  const server = createServer(options);
  const sockets = trackConnections(server, options.stats);
  const life = new Lifetime();
  await listen(server, options.port, options.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `${options.tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${SOAP_PATH}`;
  const soapBackend = await attachSoap(server, options, url);
  const front: Front = { clock: options.clock, ips: options.ips, faults: options.faults, stats: options.stats, soap: soapBackend, life, onCall: options.onCall ?? (() => {}) };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => onRequest(front, req, res));
  return { port, url, close: () => closeFront(server, sockets, life) };
}

function createServer(options: HttpFrontOptions): Server {
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : createHttpServer();
  // Clients keep connections for a long poll interval; Node's 5 s default would close them between polls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** Counts connections; the set holds the open ones, for close() to destroy. */
function trackConnections(server: Server, stats: EmulatorStats): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** Ends the timers, stops listening and destroys every open socket. */
function closeFront(server: Server, sockets: Set<Socket>, life: Lifetime): Promise<void> {
  return new Promise<void>((resolve) => {
    life.end();
    server.close(() => resolve());
    // Includes hung requests and idle keep-alive sockets, so tests never wait on them.
    for (const socket of sockets) socket.destroy();
  });
}

/** soap.listen on our server with the handler table; then takes its 'request' listeners off for ours to call. */
async function attachSoap(server: Server, options: HttpFrontOptions, url: string): Promise<SoapBackend> {
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
  const getListeners = server.listeners('request') as SoapBackend['getListeners'];
  server.removeAllListeners('request');
  return { server: soapServer, contexts, getListeners };
}

// ---- routing ----

/** Every request: counted, the clock ticked, then 404 off the service path, GET to node-soap, POST to us, else 405. */
function onRequest(front: Front, req: IncomingMessage, res: ServerResponse): void {
  front.stats.requests++;
  front.clock.tick();
  const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/\/$/, '');
  if (path !== SOAP_PATH) {
    meter(front.stats, req, res);
    send(front, res, 404, 'Not found\n', TEXT_CONTENT_TYPE);
  } else if (req.method === 'GET') {
    // node-soap serves the WSDL for ?wsdl (and an empty 200 otherwise).
    meter(front.stats, req, res);
    res.setHeader('Date', httpDate(front));
    for (const listener of front.soap.getListeners) listener(req, res);
  } else if (req.method === 'POST') {
    onPost(front, req, res).catch((err: unknown) => {
      if (res.headersSent || front.life.closed) return;
      send(front, res, 500, `Emulator error: ${err instanceof Error ? err.message : String(err)}\n`, TEXT_CONTENT_TYPE);
    });
  } else {
    meter(front.stats, req, res);
    res.setHeader('Allow', 'GET, POST');
    send(front, res, 405, '');
  }
}

/** A SOAP call: read, counted per operation, then as the fault plan decides (after its latency). */
async function onPost(front: Front, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const xml = await readBody(req);
  front.ips.sync();
  const operation = operationOf(req.headers.soapaction, xml);
  front.stats.byOperation[operation] = (front.stats.byOperation[operation] ?? 0) + 1;
  meter(front.stats, req, res, operation);
  front.onCall(operation);
  const decision = front.faults.next(operation);
  if (decision.latencyMs > 0) await front.life.delay(decision.latencyMs);
  if (front.life.closed) return;
  await applyFaultPlan(front, req, res, xml, operation, decision);
}

/** The whole body, gunzipped when the request says it is gzip. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

// ---- the fault plan ----

/** The kinds that answer without asking the service (reset, hang, status, html, malformed); the others frame its answer. */
async function applyFaultPlan(front: Front, req: IncomingMessage, res: ServerResponse, xml: string, operation: string, decision: FaultDecision): Promise<void> {
  const action = decision.action;
  switch (action?.kind) {
    case 'reset':
      reset(req.socket);
      return;
    case 'hang':
      return; // never answered; close() destroys the socket
    case 'status':
      send(front, res, action.status, '');
      return;
    case 'html':
      send(front, res, action.status, htmlPage(action.status), 'text/html; charset=UTF-8');
      return;
    case 'malformed':
      send(front, res, 200, malformedBody(operation), SOAP_CONTENT_TYPE);
      return;
    default:
      await answer(front, req, res, xml, operation, decision);
  }
}

/** The real answer, framed as the fault plan says: as is, cut, corrupt gzip, padded, edited or trickled. */
async function answer(front: Front, req: IncomingMessage, res: ServerResponse, xml: string, operation: string, decision: FaultDecision): Promise<void> {
  const real = await realAnswer(front.soap, req, xml, operation, decision);
  if (front.life.closed) return;
  const action = decision.action;
  switch (action?.kind) {
    case 'truncated': {
      // Cut the uncompressed text and send it uncompressed, whatever the client accepts.
      const body = Buffer.from(real.xml, 'utf8');
      send(front, res, real.status, body.subarray(0, Math.floor(body.length / 2)), SOAP_CONTENT_TYPE);
      return;
    }
    case 'badgzip':
      send(front, res, real.status, corruptGzip(Buffer.from(real.xml, 'utf8')), SOAP_CONTENT_TYPE, true);
      return;
    case 'oversize':
      sendSoap(front, res, real.status, paddedTo(real.xml, action.bytes), action.gzip === true);
      return;
    case 'trickle':
      trickle(front, res, real.status, soapBytes(real.xml, real.gzip), real.gzip, action.ms);
      return;
    default:
      sendSoap(front, res, real.status, editedXml(real.xml, operation, decision), real.gzip);
  }
}

/** The answer's XML as a hostile server edits it (doctype, missing, wrongtypes, extra), else as it is. */
function editedXml(xml: string, operation: string, decision: FaultDecision): string {
  switch (decision.action?.kind) {
    case 'doctype':
      return withDoctype(xml);
    case 'missing':
      return withoutRequiredElements(xml, operation);
    case 'wrongtypes':
      return withWrongTypes(xml);
    case 'extra':
      return withExtraElements(xml);
    default:
      return xml;
  }
}

/** The real answer node-soap gives for this request, and whether IPS would gzip it for this client. */
async function realAnswer(
  backend: SoapBackend,
  req: IncomingMessage,
  xml: string,
  operation: string,
  decision: FaultDecision,
): Promise<{ status: number; xml: string; gzip: boolean }> {
  if (!isIpsOperation(operation)) {
    return { status: 500, xml: protocolFault(30001, `Unknown operation '${operation}'`), gzip: shouldGzip(req.headers['accept-encoding'], undefined) };
  }
  const headers = { ...req.headers };
  const ctx: RequestContext = { operation, handled: false };
  if (decision.action?.kind === 'fault') ctx.inject = { fault: decision.action.fault, ...(decision.action.status ? { status: decision.action.status } : {}) };
  backend.contexts.set(headers, ctx);
  const result = await backend.server.processRequest(xml, { url: req.url ?? SOAP_PATH, method: 'POST', headers });
  const gzip = shouldGzip(req.headers['accept-encoding'], ctx.gzipResponse);
  // node-soap answers requests it cannot parse or route with a stack/odd fault; IPS would say INVALID_REQUEST_XML.
  if (!ctx.handled) return { status: 500, xml: protocolFault(30003, 'Invalid request XML'), gzip };
  return { status: result.statusCode, xml: result.body, gzip };
}

// ---- writing the response ----

function httpDate(front: Front): string {
  return front.clock.now().toUTCString();
}

function headersFor(front: Front, length: number, contentType?: string, gzip = false): Record<string, string | number> {
  return {
    Date: httpDate(front),
    Server: 'ips-jobs-emulator',
    'Content-Length': length,
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  };
}

function send(front: Front, res: ServerResponse, status: number, body: string | Buffer, contentType?: string, gzip = false): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, headersFor(front, buf.length, contentType, gzip));
  res.end(buf);
}

/** The bytes of a SOAP answer: its UTF-8, gzipped when `gzip`. */
function soapBytes(xml: string, gzip: boolean): Buffer {
  const plain = Buffer.from(xml, 'utf8');
  return gzip ? gzipSync(plain) : plain;
}

/** A SOAP answer, gzipped when `gzip` (Content-Length is the compressed size). */
function sendSoap(front: Front, res: ServerResponse, status: number, xml: string, gzip: boolean): void {
  send(front, res, status, soapBytes(xml, gzip), SOAP_CONTENT_TYPE, gzip);
}

/** Writes `body` one byte every `ms` (Content-Length announces all of it); stops when the connection goes away. */
function trickle(front: Front, res: ServerResponse, status: number, body: Buffer, gzip: boolean, ms: number): void {
  res.writeHead(status, headersFor(front, body.length, SOAP_CONTENT_TYPE, gzip));
  res.flushHeaders();
  let sent = 0;
  const step = (): void =>
    front.life.later(ms, () => {
      if (front.life.closed || res.destroyed || !res.socket || res.socket.destroyed) return;
      sent++;
      if (sent >= body.length) res.end(body.subarray(sent - 1, sent));
      else {
        res.write(body.subarray(sent - 1, sent));
        step();
      }
    });
  step();
}

/** The TCP socket under a TLS one (Node keeps it as `_parent`): its counters are the bytes on the wire. */
function tcpSocket(socket: Socket): Socket {
  return socket instanceof TLSSocket ? ((socket as TLSSocket & { _parent?: Socket })._parent ?? socket) : socket;
}

/** An abrupt RST; over TLS the TCP socket underneath is the one to reset. */
function reset(socket: Socket): void {
  const tcp = tcpSocket(socket);
  if (tcp instanceof TLSSocket) tcp.destroy();
  else tcp.resetAndDestroy();
}

/** Counts the bytes written for this response once: at its end, or when its connection closes first (trickle). */
function meter(stats: EmulatorStats, req: IncomingMessage, res: ServerResponse, operation?: string): void {
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
