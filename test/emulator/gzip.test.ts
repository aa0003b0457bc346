// gzip of SOAP answers as IPS does it: Accept-Encoding by default, authHeader/gzipResponse overriding it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptsGzip, shouldGzip } from '../../src/emulator/compression.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { DEMO } from './soap-helpers.js';
import { bodyText, rawPost } from './raw-http.js';

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

const DETAILS = { companyHandle: 'c|1001' };

describe('gzip answers', () => {
  it('Accept-Encoding: gzip, deflate gets a gzip body that decompresses to the same XML as an uncompressed answer', async () => {
    const plain = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' });
    const gzipped = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(bodyText(gzipped)).toBe(plain.body.toString('utf8'));
  });

  it('no Accept-Encoding: plain', async () => {
    const answer = await rawPost(emu.url, 'getActiveJobs');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toMatch(/^<\?xml/);
  });

  it('authHeader gzipResponse false wins over Accept-Encoding; gzipResponse true gzips without it', async () => {
    const off = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip', creds: { ...DEMO, gzipResponse: false } });
    expect(off.headers['content-encoding']).toBeUndefined();
    const on = await rawPost(emu.url, 'getActiveJobs', { creds: { ...DEMO, gzipResponse: true } });
    expect(on.headers['content-encoding']).toBe('gzip');
    expect(bodyText(on)).toBe(off.body.toString('utf8'));
  });

  it('SOAP faults are gzipped by the same rule', async () => {
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip', creds: { user: 'x@example.com', password: 'nope' } });
    expect(answer.status).toBe(500);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(bodyText(answer)).toContain('<code>10001</code>');
  });

  it('stats.bytesOut counts the compressed bytes: a large answer costs far less gzipped', async () => {
    const before = emu.stats.bytesOut;
    const plain = await rawPost(emu.url, 'getJobLogDetails', { params: DETAILS, acceptEncoding: 'identity' });
    const plainBytes = emu.stats.bytesOut - before;
    const gzipped = await rawPost(emu.url, 'getJobLogDetails', { params: DETAILS, acceptEncoding: 'gzip, deflate' });
    const gzipBytes = emu.stats.bytesOut - before - plainBytes;
    expect(plain.body.length).toBeGreaterThan(100_000);
    expect(plainBytes).toBeGreaterThan(plain.body.length);
    expect(gzipBytes).toBeGreaterThan(gzipped.body.length);
    expect(gzipBytes).toBeLessThan(gzipped.body.length + 1000); // body plus status line and headers
    expect(gzipBytes * 5).toBeLessThan(plainBytes);
  });

  it.each([
    ['status=503', 503],
    ['status=200', 200],
    ['html=502', 502],
    ['malformed', 200],
  ])('the raw fault %s stays uncompressed', async (kind, status) => {
    emu.faults.set(`getActiveJobs:${kind}`);
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
  });

  it('truncated cuts the uncompressed text and sends it uncompressed', async () => {
    const full = (await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' })).body.toString('utf8');
    emu.faults.set('getActiveJobs:truncated');
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    const cut = answer.body.toString('utf8');
    expect(cut.length).toBeGreaterThan(100);
    expect(full.startsWith(cut)).toBe(true);
    expect(cut.length).toBeLessThan(full.length);
  });

  it('the WSDL is served plain', async () => {
    const res = await fetch(emu.wsdlUrl, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toContain('getActiveJobs');
  });
});

describe('acceptsGzip / shouldGzip', () => {
  it.each([
    ['gzip, deflate', true],
    ['gzip', true],
    ['x-gzip', true],
    ['deflate, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['deflate', false],
    ['identity', false],
    ['', false],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('gzipResponse overrides; absent follows Accept-Encoding', () => {
    expect(shouldGzip(undefined, true)).toBe(true);
    expect(shouldGzip('gzip', false)).toBe(false);
    expect(shouldGzip('gzip', undefined)).toBe(true);
    expect(shouldGzip(undefined, undefined)).toBe(false);
  });
});
