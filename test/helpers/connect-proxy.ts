// A tiny CONNECT proxy on loopback for tests: it records every CONNECT (target and Proxy-Authorization) and leads
// every tunnel to one port on loopback, whatever host was asked for, or refuses the tunnel with a status of the test's
// choosing (so a run aimed at a real IPS host never leaves this machine).
import http from 'node:http';
import net from 'node:net';

export interface ConnectProxy {
  url: string;
  /** The target of every CONNECT, as asked (`host:port`). */
  connects: string[];
  proxyAuthorization: Array<string | undefined>;
  /** Answer CONNECT with this status instead of opening the tunnel. */
  refuseWith?: number;
  close(): Promise<void>;
}

/** A tiny CONNECT proxy: every tunnel leads to `targetPort` on loopback, whatever host was asked for. */
export async function startConnectProxy(targetPort: () => number): Promise<ConnectProxy> {
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  const sockets = new Set<net.Socket>();
  const proxy: ConnectProxy = {
    url: '',
    connects: [],
    proxyAuthorization: [],
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    proxy.connects.push(req.url ?? '');
    proxy.proxyAuthorization.push(req.headers['proxy-authorization']);
    if (proxy.refuseWith) {
      client.end(`HTTP/1.1 ${proxy.refuseWith} Forbidden\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const upstream = net.connect(targetPort(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return proxy;
}
