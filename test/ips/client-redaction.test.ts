// The client hands out exchanges (for --debug) and errors with the credentials masked: the authHeader password,
// checkLogin's own password, a server echoing the password back. It refuses plain http across a network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { AuthenticationError, IpsError } from '../../src/ips/errors.js';
import type { Exchange } from '../../src/ips/transport.js';
import { envelope, startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';

const PASSWORD = 's3cret&<x>';
const OTHER_PASSWORD = 'checked-Pw-77';
const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

let server: CaptureServer;
let client: IpsClient;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  server = await startCaptureServer((request) => {
    const operation = String(request.headers.soapaction).replaceAll('"', '');
    if (operation === 'getCompanyMembership') {
      // A hostile (or careless) server echoing the credentials it was sent.
      return {
        status: 500,
        body: envelope(
          `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>login s3cret&amp;&lt;x&gt;</faultstring><detail>` +
            `<ns1:authenticationFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code>10001</code>` +
            `<reason>bad password s3cret&amp;&lt;x&gt;</reason></ns1:authenticationFault></detail></soapenv:Fault>`,
        ),
      };
    }
    return { headers: { 'Set-Cookie': 'JSESSIONID=abc' }, body: envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}"><ns1:status>ValidLogin</ns1:status></ns1:${operation}Return>`) };
  });
  client = await createIpsClient({
    endpoint: server.url,
    username: 'ops@example.com',
    password: PASSWORD,
    appVersion: '9.9.9',
    onExchange: (exchange) => exchanges.push(exchange),
  });
});

afterAll(async () => {
  client.close();
  await server.close();
});

describe('exchanges handed to onExchange', () => {
  it('carry the request with the authHeader password masked, while IPS got the real one', async () => {
    await client.getActiveJobs({ companyHandle: 'c|1' });
    const exchange = exchanges.at(-1)!;
    expect(server.requests.at(-1)!.body).toContain('<password>s3cret&amp;&lt;x&gt;</password>');
    expect(exchange.requestXml).toContain('<password>********</password>');
    expect(exchange.requestXml).not.toContain('s3cret');
    expect(exchange.requestHeaders).toMatchObject({ SOAPAction: '"getActiveJobs"' });
    expect(exchange.headers?.['set-cookie']).toBe('********');
    expect(exchange.responseXml).toContain('getActiveJobsReturn');
  });

  it('mask checkLogin\'s own password, in the body and wherever else it appears', async () => {
    await client.checkLogin({ email: 'ops@example.com', password: OTHER_PASSWORD });
    const exchange = exchanges.at(-1)!;
    expect(server.requests.at(-1)!.body).toContain(OTHER_PASSWORD);
    expect(exchange.requestXml).toMatch(/<types:password>\*{8}<\/types:password>/);
    expect(JSON.stringify(exchange)).not.toContain(OTHER_PASSWORD);
  });

  it('mask a password the server echoes back, in the trace and in the error', async () => {
    const error = await client.getCompanyMembership().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('bad password ********');
    const exchange = exchanges.at(-1)!;
    expect(exchange.responseXml).toContain('<faultstring>login ********</faultstring>');
    expect(JSON.stringify(exchange)).not.toMatch(/s3cret/);
  });
});

describe('plain http', () => {
  it('to a host that is not loopback is refused unless allowed', async () => {
    const options = { endpoint: 'http://ips.example.test/scene7/services/IpsApiService', username: 'u', password: 'p', appVersion: '1' };
    await expect(createIpsClient(options)).rejects.toThrow(IpsError);
    await expect(createIpsClient(options)).rejects.toThrow(/refusing plain http to ips\.example\.test/);
    const allowed = await createIpsClient({ ...options, allowInsecureHttp: true });
    allowed.close();
  });

  it('a proxy that is not a URL is refused', async () => {
    await expect(
      createIpsClient({ endpoint: 'https://ips.example.test/', username: 'u', password: 'p', appVersion: '1', proxy: 'socks5://x:1' }),
    ).rejects.toThrow('the proxy is not an http:// or https:// URL');
  });
});
