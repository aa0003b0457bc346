// The client connects as planned: the plan it is given (the CLI's), else one it makes from its options; a plan for
// another endpoint is refused; the plan's proxy is the one the requests go through.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClientOptions } from '../../src/ips/client.js';
import { planConnection } from '../../src/ips/connection-plan.js';
import { InsecureHttpRefusedError, IpsError, ProxyUrlError, TransportError } from '../../src/ips/errors.js';
import { ProxyError } from '../../src/ips/proxy-error.js';
import type { Exchange } from '../../src/ips/transport.js';

const PLAIN = 'http://ips.example.test/scene7/services/IpsApiService';
const TLS = 'https://ips.example.test/scene7/services/IpsApiService';
const base = { username: 'u', password: 'p', appVersion: '1', requestTimeoutMs: 5_000 } satisfies Partial<IpsClientOptions>;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('createIpsClient and the connection plan', () => {
  it('without a plan, plans from its options: the refusals are the typed ones', async () => {
    await expect(createIpsClient({ ...base, endpoint: PLAIN })).rejects.toThrow(InsecureHttpRefusedError);
    await expect(createIpsClient({ ...base, endpoint: TLS, proxy: 'socks5://x:1' })).rejects.toThrow(ProxyUrlError);
  });

  it('with a plan, follows it and does not read proxy, noProxy or allowInsecureHttp', async () => {
    const allowed = await createIpsClient({ ...base, endpoint: PLAIN, connection: planConnection({ endpoint: PLAIN, allowInsecureHttp: true }) });
    allowed.close();
    const direct = await createIpsClient({ ...base, endpoint: TLS, proxy: 'socks5://x:1', connection: planConnection({ endpoint: TLS }) });
    direct.close();
  });

  it('refuses a plan made for another endpoint', async () => {
    const planned = planConnection({ endpoint: 'http://127.0.0.1:8080/', allowInsecureHttp: true });
    const error = await createIpsClient({ ...base, endpoint: PLAIN, connection: planned }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpsError);
    expect((error as Error).message).toBe('the connection plan is for another endpoint');
  });

  it.each([
    { how: 'the plan given', options: (proxy: string) => ({ connection: planConnection({ endpoint: TLS, proxy: { httpsProxy: proxy } }) }) },
    { how: 'the proxy option', options: (proxy: string) => ({ proxy }) },
  ])('requests go through the proxy of $how', async ({ options }) => {
    const proxy = `http://127.0.0.1:${await closedPort()}`;
    const exchanges: Exchange[] = [];
    const client = await createIpsClient({ ...base, endpoint: TLS, ...options(proxy), onExchange: (exchange) => exchanges.push(exchange) });
    try {
      const error = await client.getActiveJobs().catch((e: unknown) => e);
      // Refused: only the proxy's closed port refuses (ips.example.test itself would not be found).
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ failure: 'refused' });
      expect((error as TransportError).cause).toBeInstanceOf(ProxyError);
      expect(exchanges.at(-1)?.proxy).toBe(`${proxy}/`);
    } finally {
      client.close();
    }
  });
});
