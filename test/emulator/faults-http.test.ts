// Every fault-plan kind as a client sees it on the wire (real HTTP over loopback).
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { until } from '../helpers/cli.js';
import { envelope, FAULT_NS, faultOf, items, parseXml, soapCall } from './soap-helpers.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ speed: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.faults.clear();
});

/** A raw POST, for bodies the helper would choke on. */
async function post(operation = 'getActiveJobs'): Promise<Response> {
  return fetch(emu.url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: operation }, body: envelope(operation) });
}

describe('fault plan over HTTP', () => {
  it('status=503 answers with an empty body', async () => {
    emu.faults.set('getActiveJobs:status=503');
    const res = await post();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-length')).toBe('0');
    expect(await res.text()).toBe('');
  });

  it.each([500, 502] as const)('status=%i answers with an empty body', async (status) => {
    emu.faults.set(`getActiveJobs:status=${status}`);
    const res = await post();
    expect(res.status).toBe(status);
    expect(await res.text()).toBe('');
  });

  it.each([200, 502] as const)('html=%i answers with an HTML page', async (status) => {
    emu.faults.set(`getActiveJobs:html=${status}`);
    const res = await post();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<html/i);
  });

  it('fault=authentication answers a SOAP authenticationFault 10001 with HTTP 500 despite valid credentials', async () => {
    emu.faults.set('getActiveJobs:fault=authentication');
    const answer = await soapCall(emu.url, 'getActiveJobs');
    expect(answer.status).toBe(500);
    expect(faultOf(answer)).toEqual({ element: 'authenticationFault', code: 10001, reason: 'Invalid username/password' });
    expect(answer.text).toContain(`<authenticationFault xmlns="${FAULT_NS}"><code>10001</code>`);
  });

  it('fault=authorization/200 answers authorizationFault 20003 with HTTP 200', async () => {
    emu.faults.set('getActiveJobs:fault=authorization/200');
    const answer = await soapCall(emu.url, 'getActiveJobs');
    expect(answer.status).toBe(200);
    expect(faultOf(answer)).toMatchObject({ element: 'authorizationFault', code: 20003 });
  });

  it('fault=ipsApi answers ipsApiFault 30000 (soap:Server), and follows faultHttpStatusCode when the rule has no status', async () => {
    emu.faults.set('getActiveJobs:fault=ipsApi');
    const plain = await soapCall(emu.url, 'getActiveJobs');
    expect(plain.status).toBe(500);
    expect(faultOf(plain)).toMatchObject({ element: 'ipsApiFault', code: 30000 });
    expect(plain.text).toContain('<faultcode>soap:Server</faultcode>');
    const asked200 = await soapCall(emu.url, 'getActiveJobs', {}, { creds: { user: 'demo@ips-jobs.example', password: 'demo-password', faultHttpStatusCode: 200 } });
    expect(asked200.status).toBe(200);
    expect(faultOf(asked200)).toMatchObject({ code: 30000 });
  });

  it('fault rules apply before authentication', async () => {
    emu.faults.set('getActiveJobs:status=503,getJobLogs:fault=authorization');
    expect((await soapCall(emu.url, 'getActiveJobs', {}, { creds: { user: 'x@example.com', password: 'nope' } })).status).toBe(503);
    expect(faultOf(await soapCall(emu.url, 'getJobLogs', {}, { creds: null }))).toMatchObject({ element: 'authorizationFault', code: 20003 });
  });

  it('malformed answers 200 text/xml that is not well-formed', async () => {
    emu.faults.set('getActiveJobs:malformed');
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const body = await res.text();
    expect(body.startsWith('<?xml')).toBe(true);
    expect(() => parseXml(body)).toThrow();
  });

  it('truncated answers the first half of the real response with matching Content-Length', async () => {
    const full = await (await post()).text();
    emu.faults.set('getActiveJobs:truncated');
    const res = await post();
    const cut = await res.text();
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(cut));
    expect(cut.length).toBeGreaterThan(100);
    expect(cut.length).toBeLessThan(full.length);
    expect(full.startsWith(cut)).toBe(true);
    expect(() => parseXml(cut)).toThrow();
  });

  it('reset destroys the connection before any response', async () => {
    emu.faults.set('getActiveJobs:reset');
    const error = await post().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TypeError); // undici: "fetch failed" with the socket error as cause
    expect(((error as Error).cause as { code?: string } | undefined)?.code).toBe('ECONNRESET');
  });

  it('latency delays the answer and combines with another kind', async () => {
    emu.faults.set('*:latency=300,getActiveJobs:status=502');
    const started = performance.now();
    const res = await post();
    expect(res.status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    const ok = await soapCall(emu.url, 'checkLogin', { email: 'demo@ips-jobs.example', password: 'demo-password' });
    expect(ok.status).toBe(200);
  });

  it('#N only hits the Nth call of that operation', async () => {
    emu.faults.set('getActiveJobs#2:status=503');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post()).status);
    statuses.push((await post('getJobLogs')).status);
    statuses.push((await post('getJobLogs')).status);
    expect(statuses).toEqual([200, 503, 200, 200, 200]);
  });

  it('#N-M fails exactly calls N through M, then the service recovers', async () => {
    emu.faults.set('getActiveJobs#2-4:status=503');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post()).status);
    statuses.push((await post('getJobLogs')).status);
    expect(statuses).toEqual([200, 503, 503, 503, 200, 200, 200]);
  });

  it('#N- fails every call from N on', async () => {
    emu.faults.set('getActiveJobs#3-:html=502,getJobLogs#1-1:status=500');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post()).status);
    statuses.push((await post('getJobLogs')).status, (await post('getJobLogs')).status);
    expect(statuses).toEqual([200, 200, 502, 502, 502, 502, 500, 200]);
  });

  it('counts requests, connections, operations and bytes', async () => {
    const before = { ...emu.stats, byOperation: { ...emu.stats.byOperation } };
    // Uncompressed, so the bytes on the wire are at least the text (gzip has its own tests).
    const answer = await soapCall(emu.url, 'getScheduledJobs', {}, { acceptEncoding: 'identity' });
    expect(items(answer, 'jobArray').length).toBeGreaterThan(0);
    await soapCall(emu.url, 'getScheduledJobs', {}, { soapAction: false, acceptEncoding: 'identity' }); // operation from the body element
    expect(emu.stats.requests).toBe(before.requests + 2);
    expect(emu.stats.byOperation.getScheduledJobs).toBe((before.byOperation.getScheduledJobs ?? 0) + 2);
    expect(emu.stats.bytesOut).toBeGreaterThan(before.bytesOut + 2 * answer.text.length);
    expect(emu.stats.connections).toBeGreaterThanOrEqual(1);
    // keepAliveTimeout ≥ 65 s, so pollers keep their connection between polls.
    expect(answer.headers.get('keep-alive')).toBe('timeout=65');
  });
});

/** A raw POST over node:http with the given agent/headers; resolves with the status once the body is read. */
function httpPost(url: string, agent: Agent, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'getActiveJobs', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(envelope('getActiveJobs'));
  });
}

describe('stats.connections', () => {
  it('a keep-alive client making 5 calls is 1 connection; 5 calls with Connection: close are 5', async () => {
    const own = await startEmulator({ speed: 0, jobs: 0 });
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const closing = new Agent({ keepAlive: false });
    try {
      for (let i = 0; i < 5; i++) expect(await httpPost(own.url, keepAlive)).toBe(200);
      expect(own.stats).toMatchObject({ requests: 5, connections: 1, byOperation: { getActiveJobs: 5 } });
      for (let i = 0; i < 5; i++) expect(await httpPost(own.url, closing, { Connection: 'close' })).toBe(200);
      expect(own.stats).toMatchObject({ requests: 10, connections: 6, byOperation: { getActiveJobs: 10 } });
    } finally {
      keepAlive.destroy();
      closing.destroy();
      await own.close();
    }
  });
});

describe('hang', () => {
  it('never answers, and close() ends the request', async () => {
    const own = await startEmulator({ speed: 0, faults: 'getActiveJobs#1:hang' });
    let settled = false;
    const pending = fetch(own.url, { method: 'POST', headers: { SOAPAction: 'getActiveJobs' }, body: envelope('getActiveJobs') })
      .then(
        () => 'answered',
        () => 'failed',
      )
      .finally(() => (settled = true));
    // Once the server has taken the first call, a second one (another connection) is answered while the first waits.
    await until(() => own.stats.byOperation.getActiveJobs === 1, 10_000, 'the first call');
    expect((await soapCall(own.url, 'getActiveJobs')).status).toBe(200);
    expect(own.stats.byOperation.getActiveJobs).toBe(2);
    expect(settled).toBe(false);
    await own.close();
    expect(await pending).toBe('failed');
  });
});
