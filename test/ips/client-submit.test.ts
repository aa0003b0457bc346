// submitJob through the client against a loopback peer: the handle it answers, an answer without one, faults, and
// the failures after which the job may exist — each sent exactly once, never retried, not even on a reused
// keep-alive socket. submitJobRequest shows the envelope that is posted, masked as the --debug trace masks it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient, type IpsClientOptions } from '../../src/ips/client.js';
import { IpsApiFaultError, IpsError, ProtocolError, requestMayHaveArrived, TransportError } from '../../src/ips/errors.js';
import type { Exchange } from '../../src/ips/transport.js';
import type { SubmitJobInput } from '../../src/ips/types.js';
import { envelope, startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
const PASSWORD = 's3cret&<x>';

const INPUT: SubmitJobInput = {
  companyHandle: 'c|1001',
  jobName: 'Spring publish',
  description: 'Nightly & full',
  imageServingPublishJob: { publishType: 'Full', emailSetting: 'Error' },
};

let server: CaptureServer | undefined;
let client: IpsClient | undefined;
let closeRaw: (() => Promise<void>) | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  await closeRaw?.();
  client = undefined;
  server = undefined;
  closeRaw = undefined;
});

function submitReturn(content: string): string {
  return envelope(`<ns1:submitJobReturn xmlns:ns1="${TYPES}">${content}</ns1:submitJobReturn>`);
}

async function clientFor(endpoint: string, options: Partial<IpsClientOptions> = {}): Promise<IpsClient> {
  client = await createIpsClient({ endpoint, username: 'ops@example.com', password: PASSWORD, appVersion: '9.9.9', ...options });
  return client;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('submitJob', () => {
  it('resolves with the handle IPS answers, after one POST', async () => {
    server = await startCaptureServer(() => ({ body: submitReturn('<ns1:jobHandle>j|1001||Spring publish|54091</ns1:jobHandle>') }));
    const ips = await clientFor(server.url);
    await expect(ips.submitJob(INPUT)).resolves.toBe('j|1001||Spring publish|54091');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.soapaction).toBe('"submitJob"');
  });

  it.each([
    ['no jobHandle', ''],
    ['an empty jobHandle', '<ns1:jobHandle/>'],
  ])('an answer with %s is a ProtocolError, reported to the trace too', async (_what, content) => {
    server = await startCaptureServer(() => ({ body: submitReturn(content) }));
    const traced: Array<{ exchange: Exchange; error?: IpsError }> = [];
    const ips = await clientFor(server.url, { onExchange: (exchange, error) => traced.push({ exchange, error }) });
    const error = await failure(ips.submitJob(INPUT));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ failure: 'unexpected', httpStatus: 200, operation: 'submitJob', message: 'the submitJobReturn element has no jobHandle' });
    expect(requestMayHaveArrived(error)).toBe(true);
    expect(traced).toHaveLength(1);
    expect(traced[0]!.error).toBe(error);
  });

  it('an IPS fault rejects with its typed error: IPS refused, nothing was created', async () => {
    server = await startCaptureServer(() => ({
      status: 500,
      body: envelope(
        '<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Exception</faultstring><detail>' +
          '<ns1:ipsApiFault xmlns:ns1="http://www.scene7.com/IpsApi/xsd"><code>30001</code><reason>Invalid publishType</reason></ns1:ipsApiFault>' +
          '</detail></soapenv:Fault>',
      ),
    }));
    const error = await failure((await clientFor(server.url)).submitJob(INPUT));
    expect(error).toBeInstanceOf(IpsApiFaultError);
    expect(error).toMatchObject({ code: 30001, reason: 'Invalid publishType' });
    expect(requestMayHaveArrived(error)).toBe(false);
    expect(server.requests).toHaveLength(1);
  });
});

/**
 * A keep-alive HTTP peer that answers getActiveJobs and, on submitJob, reads the whole request and then either
 * drops the connection or never answers. It counts connections and submitJob requests.
 */
async function startDroppingPeer(onSubmit: 'reset' | 'silence'): Promise<{ url: string; connections: () => number; submits: () => number }> {
  let connections = 0;
  let submits = 0;
  const peer = http.createServer({ keepAliveTimeout: 10_000 }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const operation = String(req.headers.soapaction).replaceAll('"', '');
      if (operation !== 'submitJob') {
        res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}"><ns1:jobArray/></ns1:${operation}Return>`));
        return;
      }
      submits += 1;
      if (onSubmit === 'reset') req.socket.destroy();
    });
  });
  peer.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  closeRaw = () =>
    new Promise((resolve) => {
      peer.closeAllConnections();
      peer.close(() => resolve());
    });
  const { port } = peer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/scene7/services/IpsApiService`, connections: () => connections, submits: () => submits };
}

/**
 * A retry would be sent by the time the failed call returns (it is part of the call), so a later call on the same
 * client that the peer has answered has also been preceded, at the peer, by any second submitJob.
 */
async function afterAnotherCall(ips: IpsClient): Promise<void> {
  await ips.getActiveJobs();
}

describe('submitJob is never sent twice', () => {
  it('a connection dropped on a reused keep-alive socket after IPS read the request: one POST, a reset that may have arrived', async () => {
    const peer = await startDroppingPeer('reset');
    const ips = await clientFor(peer.url);
    await ips.getActiveJobs();
    const error = await failure(ips.submitJob(INPUT));
    expect(peer.connections()).toBe(1); // the submitJob went over the getActiveJobs connection
    await afterAnotherCall(ips);
    expect(peer.connections()).toBe(2); // the later call's, after the reset: none for a second submitJob
    expect(peer.submits()).toBe(1);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ failure: 'reset', operation: 'submitJob' });
    expect(requestMayHaveArrived(error)).toBe(true);
  });

  it('no answer within the deadline: one POST, a timeout that may have arrived', async () => {
    const peer = await startDroppingPeer('silence');
    const ips = await clientFor(peer.url, { requestTimeoutMs: 150 });
    const error = await failure(ips.submitJob(INPUT));
    await afterAnotherCall(ips);
    expect(peer.submits()).toBe(1);
    expect(error).toMatchObject({ failure: 'timeout' });
    expect(requestMayHaveArrived(error)).toBe(true);
  });

  it('a refused connection: nothing was sent', async () => {
    const peer = await startDroppingPeer('reset');
    await closeRaw!();
    closeRaw = undefined;
    const error = await failure((await clientFor(peer.url)).submitJob(INPUT));
    expect(error).toMatchObject({ failure: 'refused' });
    expect(requestMayHaveArrived(error)).toBe(false);
  });
});

describe('submitJobRequest', () => {
  it('is the envelope submitJob posts, its password masked exactly as in the trace, and sends nothing', async () => {
    server = await startCaptureServer(() => ({ body: submitReturn('<ns1:jobHandle>j|1</ns1:jobHandle>') }));
    const traced: Exchange[] = [];
    const ips = await clientFor(server.url, { onExchange: (exchange) => traced.push(exchange) });

    const shown = ips.submitJobRequest(INPUT);
    expect(server.requests).toHaveLength(0);
    expect(shown).toContain('<password>********</password>');
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain(
      '<types:submitJobParam xmlns:types="http://www.scene7.com/IpsApi/xsd/2014-04-03" xmlns="http://www.scene7.com/IpsApi/xsd/2014-04-03">' +
        '<types:companyHandle>c|1001</types:companyHandle><types:jobName>Spring publish</types:jobName>' +
        '<types:description>Nightly &amp; full</types:description>' +
        '<types:imageServingPublishJob><types:publishType>Full</types:publishType><types:emailSetting>Error</types:emailSetting></types:imageServingPublishJob>' +
        '</types:submitJobParam>',
    );

    await ips.submitJob(INPUT);
    expect(server.requests).toHaveLength(1);
    expect(traced.at(-1)!.requestXml).toBe(shown);
    // What was posted differs from what is shown only by the password.
    expect(server.requests[0]!.body).toBe(shown.replace('<password>********</password>', '<password>s3cret&amp;&lt;x&gt;</password>'));
  });

  it('masks the password wherever it appears, as the trace does', async () => {
    const ips = await clientFor('https://ips.example/scene7/services/IpsApiService');
    const shown = ips.submitJobRequest({ ...INPUT, description: `pasted ${PASSWORD} by mistake` });
    expect(shown).toContain('<types:description>pasted ******** by mistake</types:description>');
    expect(shown).not.toContain('s3cret');
  });

  it('an input the WSDL cannot carry is a typed error, and nothing is sent', async () => {
    server = await startCaptureServer(() => ({ body: submitReturn('<ns1:jobHandle>j|1</ns1:jobHandle>') }));
    const ips = await clientFor(server.url);
    const odd = { ...INPUT, imageServingPublishJob: { publishType: 'Full', emailSetting: 'Error', priority: 'high' } } as SubmitJobInput;
    expect(() => ips.submitJobRequest(odd)).toThrow(IpsError);
    expect(() => ips.submitJobRequest(odd)).toThrow('the submitJob request could not be built (submitJob.imageServingPublishJob has no field priority in the WSDL)');
    await expect(ips.submitJob(odd)).rejects.toThrow(IpsError);
    expect(server.requests).toHaveLength(0);
  });
});
