// The exporter's HTTP side: GET /metrics and /healthz, 404 for any other path. close() stops accepting, lets every
// request in flight (a scrape) finish, and then ends the connections that stay open for keep-alive.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Routes {
  metrics(): Promise<{ contentType: string; body: string }>;
  health(): { ok: boolean; body: string };
}

export interface HttpFront {
  url: string;
  close(): Promise<void>;
}

/** How long close() waits for requests in flight before it ends their connections all the same. */
const CLOSE_GRACE_MS = 10_000;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function handle(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://exporter').pathname;
  if (path !== '/metrics' && path !== '/healthz') return send(res, 404, 'not found: try /metrics or /healthz\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  if (path === '/healthz') {
    const { ok, body } = routes.health();
    return send(res, ok ? 200 : 503, body);
  }
  try {
    const { contentType, body } = await routes.metrics();
    send(res, 200, body, { 'Content-Type': contentType });
  } catch (error) {
    send(res, 500, `metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Listens on host:port (0 = an ephemeral port); resolves once listening, rejects if it cannot. */
export async function listen(host: string, port: number, routes: Routes): Promise<HttpFront> {
  let closing = false;
  const server = createServer((req, res) => {
    // Once closing, an answer ends its connection rather than keep it alive.
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    void handle(req, res, routes);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
