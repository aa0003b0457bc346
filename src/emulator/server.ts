// HTTP layer: node:http server + soap.listen. Our request listener sits in front of node-soap to count traffic,
// stamp the virtual Date header, apply the fault plan, and frame every SOAP answer itself.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as soap from 'soap';
import type { EmulatorClock } from './clock.js';
import type { FaultDecision, FaultPlan } from './faults.js';
import { createHandlers, type RequestContext } from './handlers.js';
import type { EmulatedIps } from './model.js';
import { FAULT_NS, isIpsOperation, SOAP_PATH, TYPES_NS } from './operations.js';

export interface EmulatorStats {
  requests: number;
  connections: number;
  /** Requests per SOAP operation (from SOAPAction, else the body's `…Param` element). */
  byOperation: Record<string, number>;
  /** Bytes written to sockets (status line, headers and body) for all responses. */
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
  const server = createServer();
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
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}${SOAP_PATH}`;

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

  function send(res: ServerResponse, status: number, body: string | Buffer, contentType?: string): void {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, {
      Date: httpDate(),
      Server: 'ips-jobs-emulator',
      'Content-Length': buf.length,
      ...(contentType ? { 'Content-Type': contentType } : {}),
    });
    res.end(buf);
  }

  function meter(req: IncomingMessage, res: ServerResponse, operation?: string): void {
    const socket = req.socket;
    const before = socket.bytesWritten;
    res.on('finish', () => {
      const bytes = socket.bytesWritten - before;
      stats.bytesOut += bytes;
      if (operation) stats.bytesByOperation[operation] = (stats.bytesByOperation[operation] ?? 0) + bytes;
    });
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

  /** The real answer: node-soap runs the handler, we frame the bytes (optionally cut in half). */
  async function answer(req: IncomingMessage, res: ServerResponse, xml: string, operation: string, decision: FaultDecision): Promise<void> {
    if (!isIpsOperation(operation)) {
      send(res, 500, protocolFault(30001, `Unknown operation '${operation}'`), SOAP_CONTENT_TYPE);
      return;
    }
    const headers = { ...req.headers };
    const ctx: RequestContext = { operation, handled: false };
    if (decision.action?.kind === 'fault') ctx.inject = { fault: decision.action.fault, ...(decision.action.status ? { status: decision.action.status } : {}) };
    contexts.set(headers, ctx);
    const result = await soapServer.processRequest(xml, { url: req.url ?? SOAP_PATH, method: 'POST', headers });
    if (closed) return;
    // node-soap answers requests it cannot parse or route with a stack/odd fault; IPS would say INVALID_REQUEST_XML.
    const body = ctx.handled ? Buffer.from(result.body, 'utf8') : Buffer.from(protocolFault(30003, 'Invalid request XML'), 'utf8');
    const status = ctx.handled ? result.statusCode : 500;
    send(res, status, decision.action?.kind === 'truncated' ? body.subarray(0, Math.floor(body.length / 2)) : body, SOAP_CONTENT_TYPE);
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
        req.socket.resetAndDestroy();
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
