// How the client reads what comes back: normalisation, the server clock, faults by element whatever the
// HTTP status, and every way a response can fail to be SOAP. A real loopback HTTP peer answers.
import { gzipSync } from 'node:zlib';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient, type IpsClientOptions } from '../../src/ips/client.js';
import {
  AuthenticationError,
  AuthorizationError,
  IpsApiFaultError,
  ProtocolError,
  TransportError,
} from '../../src/ips/errors.js';
import { envelope, startCaptureServer, type CaptureServer, type ScriptedAnswer } from '../helpers/capture-server.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
let server: CaptureServer | undefined;
let client: IpsClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function clientAnswering(answer: ScriptedAnswer | (() => ScriptedAnswer), options: Partial<IpsClientOptions> = {}) {
  server = await startCaptureServer(typeof answer === 'function' ? answer : () => answer);
  client = await createIpsClient({ endpoint: server.url, username: 'u@example.com', password: 'pw', appVersion: '1.0.0', ...options });
  return client;
}

function activeJobs(itemsXml: string): string {
  return envelope(`<ns1:getActiveJobsReturn xmlns:ns1="${TYPES}"><ns1:jobArray>${itemsXml}</ns1:jobArray></ns1:getActiveJobsReturn>`);
}

function fault(element: string, code: number, reason: string): string {
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Exception</faultstring><detail>` +
      `<ns1:${element} xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code xmlns="http://www.scene7.com/IpsApi/xsd">${code}</code>` +
      `<reason xmlns="http://www.scene7.com/IpsApi/xsd">${reason}</reason></ns1:${element}></detail></soapenv:Fault>`,
  );
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('normalisation of getActiveJobs', () => {
  it('keeps dates as the server wrote them, numbers as numbers, and one item as an array of one', async () => {
    const ips = await clientAnswering({
      body: activeJobs(
        '<ns1:items><ns1:jobHandle>j|1</ns1:jobHandle><ns1:name>Spring &amp; Summer</ns1:name><ns1:state>Paused-ish</ns1:state>' +
          '<ns1:startDate>2026-11-28T09:00:00.123-08:00</ns1:startDate><ns1:totalSize>2048</ns1:totalSize><ns1:progress>42</ns1:progress>' +
          '<ns1:taskProgressArray><ns1:items><ns1:taskType>Video</ns1:taskType><ns1:numProcessed>3</ns1:numProcessed>' +
          '<ns1:progress>0.25</ns1:progress><ns1:taskItemProgressArray/></ns1:items></ns1:taskProgressArray>' +
          '<ns1:imageServingPublishJob><ns1:publishType>Full</ns1:publishType><ns1:emailSetting>None</ns1:emailSetting></ns1:imageServingPublishJob>' +
          '</ns1:items>',
      ),
    });
    const jobs = await ips.getActiveJobs();
    expect(jobs).toEqual([
      {
        jobHandle: 'j|1',
        name: 'Spring & Summer',
        state: 'Paused-ish',
        startDate: '2026-11-28T09:00:00.123-08:00',
        totalSize: 2048,
        progress: 42,
        taskProgressArray: [{ taskType: 'Video', numProcessed: 3, progress: 0.25, taskItemProgressArray: [] }],
        imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' },
      },
    ]);
  });

  it('answers an empty jobArray, and a missing one, with an empty list', async () => {
    const ips = await clientAnswering({ body: activeJobs('') });
    expect(await ips.getActiveJobs()).toEqual([]);
    server!.answer = () => ({ body: envelope(`<ns1:getActiveJobsReturn xmlns:ns1="${TYPES}"/>`) });
    expect(await ips.getActiveJobs()).toEqual([]);
  });

  it('reads a default-namespace response as well as a prefixed one', async () => {
    const ips = await clientAnswering({
      body: envelope(`<getActiveJobsReturn xmlns="${TYPES}"><jobArray><items><name>A</name></items><items><name>B</name></items></jobArray></getActiveJobsReturn>`),
    });
    expect((await ips.getActiveJobs()).map((j) => j.name)).toEqual(['A', 'B']);
  });

  it('decodes a gzip body', async () => {
    const ips = await clientAnswering({
      headers: { 'Content-Encoding': 'gzip' },
      body: gzipSync(activeJobs('<ns1:items><ns1:name>zipped</ns1:name></ns1:items>')),
    });
    expect((await ips.getActiveJobs())[0]?.name).toBe('zipped');
  });
});

describe('the server clock', () => {
  it('takes "now" from the latest Date header, and the local clock before any response', async () => {
    const ips = await clientAnswering({ headers: { Date: 'Sat, 01 Jan 2033 10:00:00 GMT' }, body: activeJobs('') });
    expect(ips.hasServerClock()).toBe(false);
    await ips.getActiveJobs();
    expect(ips.hasServerClock()).toBe(true);
    expect(Math.abs(ips.now().getTime() - Date.parse('2033-01-01T10:00:00Z'))).toBeLessThan(5_000);
  });
});

describe('faults are recognised by their IPS element, whatever the HTTP status', () => {
  it.each([
    { status: 500, element: 'authenticationFault', code: 10001, type: AuthenticationError },
    { status: 200, element: 'authenticationFault', code: 10001, type: AuthenticationError },
    { status: 500, element: 'authorizationFault', code: 20003, type: AuthorizationError },
    { status: 200, element: 'ipsApiFault', code: 30001, type: IpsApiFaultError },
  ])('$element with HTTP $status', async ({ status, element, code, type }) => {
    const ips = await clientAnswering({ status, body: fault(element, code, 'Nope') });
    const error = await failure(ips.getActiveJobs());
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ fault: element, code, reason: 'Nope', httpStatus: status, operation: 'getActiveJobs' });
  });

  it('reads a bare fault element without an envelope (as the upload servlet sends)', async () => {
    const ips = await clientAnswering({
      body: '<tns:authenticationFault xmlns:tns="http://www.scene7.com/IpsApi/xsd"><tns:code>10001</tns:code><tns:reason>Invalid username/password</tns:reason></tns:authenticationFault>',
    });
    const error = await failure(ips.getActiveJobs());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 10001, reason: 'Invalid username/password' });
  });

  it('reads a fault element inside the return element (a gateway answering 200)', async () => {
    const ips = await clientAnswering({
      body: envelope(`<ns1:getActiveJobsReturn xmlns:ns1="${TYPES}"><ns2:ipsApiFault xmlns:ns2="http://www.scene7.com/IpsApi/xsd"><ns2:code>30000</ns2:code><ns2:reason>busy</ns2:reason></ns2:ipsApiFault></ns1:getActiveJobsReturn>`),
    });
    expect(await failure(ips.getActiveJobs())).toBeInstanceOf(IpsApiFaultError);
  });

  it('a field named like a fault deep inside a job is data, not a fault', async () => {
    const ips = await clientAnswering({ body: activeJobs('<ns1:items><ns1:name>a</ns1:name><ns1:uploadDirectoryJob><ns1:ipsApiFault>x</ns1:ipsApiFault></ns1:uploadDirectoryJob></ns1:items>') });
    expect((await ips.getActiveJobs())[0]?.name).toBe('a');
  });

  it('an element named constructor in a fault detail is not taken for a fault class', async () => {
    const ips = await clientAnswering({
      status: 500,
      body: envelope('<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>odd</faultstring><detail><constructor>1</constructor></detail></soapenv:Fault>'),
    });
    const error = await failure(ips.getActiveJobs());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toBe('a SOAP fault without an IPS fault element: odd');
  });

  it('does not mistake a SOAP fault without an IPS element for an IPS fault', async () => {
    const ips = await clientAnswering({
      status: 500,
      body: envelope('<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>NullPointerException</faultstring></soapenv:Fault>'),
    });
    const error = await failure(ips.getActiveJobs());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toContain('NullPointerException');
  });
});

describe('responses that are not SOAP become protocol errors', () => {
  it.each([
    { name: 'an empty body with 503', answer: { status: 503, body: '' }, failure: 'empty' },
    { name: 'an HTML error page', answer: { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' }, failure: 'html' },
    { name: 'HTML sent as text/xml', answer: { status: 200, body: '<!DOCTYPE html><html><body>Login</body></html>' }, failure: 'html' },
    {
      name: 'a DOCTYPE with an entity',
      answer: { body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${activeJobs('')}` },
      failure: 'doctype',
    },
    { name: 'malformed XML', answer: { body: '<soapenv:Envelope><unclosed></soapenv:Envelope>' }, failure: 'malformed' },
    { name: 'a truncated envelope', answer: { body: activeJobs('<ns1:items><ns1:name>cut').slice(0, 200) }, failure: 'truncated' },
    { name: 'a corrupt gzip body', answer: { headers: { 'Content-Encoding': 'gzip' }, body: Buffer.from('not gzip at all') }, failure: 'bad-gzip' },
    { name: 'a well-formed answer to another question', answer: { body: envelope(`<ns1:somethingElse xmlns:ns1="${TYPES}"/>`) }, failure: 'unexpected' },
  ])('$name', async ({ answer, failure: kind }) => {
    const ips = await clientAnswering(answer as ScriptedAnswer);
    const error = await failure(ips.getActiveJobs());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).failure).toBe(kind);
  });

  it('refuses a response larger than the cap', async () => {
    const big = activeJobs(`<ns1:items><ns1:description>${'x'.repeat(50_000)}</ns1:description></ns1:items>`);
    const ips = await clientAnswering({ body: big }, { maxResponseBytes: 10_000 });
    const error = await failure(ips.getActiveJobs());
    expect(error).toMatchObject({ failure: 'too-large' });
  });

  it('caps the inflated size of a gzip body too', async () => {
    const big = gzipSync(activeJobs(`<ns1:items><ns1:description>${'x'.repeat(200_000)}</ns1:description></ns1:items>`));
    const ips = await clientAnswering({ headers: { 'Content-Encoding': 'gzip' }, body: big }, { maxResponseBytes: 20_000 });
    expect(big.length).toBeLessThan(20_000);
    expect(await failure(ips.getActiveJobs())).toMatchObject({ failure: 'too-large' });
  });
});

describe('transport failures', () => {
  it('a refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    client = await createIpsClient({ endpoint: `http://127.0.0.1:${port}/x`, username: 'u', password: 'p', appVersion: '1' });
    const error = await failure(client.getActiveJobs());
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'refused' });
  });

  it('a body trickling past the total deadline times out (an idle timeout would never fire)', async () => {
    const trickle = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<');
        const timer = setInterval(() => socket.write('x'), 50);
        socket.on('close', () => clearInterval(timer));
        socket.on('error', () => clearInterval(timer));
      });
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    const { port } = trickle.address() as net.AddressInfo;
    client = await createIpsClient({ endpoint: `http://127.0.0.1:${port}/x`, username: 'u', password: 'p', appVersion: '1', requestTimeoutMs: 400 });
    const started = Date.now();
    const error = await failure(client.getActiveJobs());
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    trickle.close();
  });

  it('a connection reset mid-response', async () => {
    const resetter = net.createServer((socket) => {
      socket.once('data', () => {
        // Dropped once the head and the start of the body are on their way: the client has an answer begun.
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n<soapenv:Envelope', () => socket.destroy());
      });
    });
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    const { port } = resetter.address() as net.AddressInfo;
    client = await createIpsClient({ endpoint: `http://127.0.0.1:${port}/x`, username: 'u', password: 'p', appVersion: '1' });
    const error = await failure(client.getActiveJobs());
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'reset' });
    resetter.close();
  });
});

describe('keep-alive', () => {
  it('reuses one connection across calls', async () => {
    const ips = await clientAnswering({ body: activeJobs('') });
    const sockets = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await ips.getActiveJobs();
    }
    for (const request of server!.requests) sockets.add(String(request.headers.connection));
    expect([...sockets]).toEqual(['keep-alive']);
  });
});
