// The hostile-server fault kinds as a client receives them over real HTTP: the exact bytes, headers and shapes.
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, VENDOR_NS, type Emulator } from '../../src/emulator/index.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';
import { bodyText, rawPost, type RawPostOptions } from './raw-http.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ speed: 0 }); // frozen clock: the same request gets the same answer
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.faults.clear();
});

const LOG_COUNTS = [
  'fileSuccessCount', 'fileErrorCount', 'fileWarningCount', 'fileDuplicateCount', 'fileUpdateCount', 'totalFileCount',
  'transferSuccessCount', 'transferErrorCount', 'transferWarningCount',
];

const local = (name: string): string => name.slice(name.indexOf(':') + 1);
const child = (element: XmlElement | undefined, name: string): XmlElement | undefined => element?.children.find((c) => local(c.name) === name);
const childNames = (element: XmlElement): string[] => element.children.map((c) => local(c.name));

/** The Return element of an envelope (strict parse: throws when not well-formed). */
function returnOf(xml: string): XmlElement {
  const ret = child(parseXml(xml), 'Body')?.children[0];
  if (!ret) throw new Error('no Return element');
  return ret;
}

/** `items` of the Return's array. */
function itemsOf(xml: string, array: string): XmlElement[] {
  return child(returnOf(xml), array)?.children.filter((c) => local(c.name) === 'items') ?? [];
}

/** The answer with no fault (plain text, no gzip). */
async function realAnswer(operation: string, options: RawPostOptions = {}): Promise<string> {
  const saved = emu.faults.list();
  emu.faults.clear();
  const answer = await rawPost(emu.url, operation, { acceptEncoding: 'identity', ...options });
  emu.faults.set(saved);
  return answer.body.toString('utf8');
}

describe('status=200', () => {
  it('answers 200 with an empty body', async () => {
    emu.faults.set('getActiveJobs:status=200');
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe('0');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.length).toBe(0);
  });
});

describe('badgzip', () => {
  it.each([undefined, 'identity', 'gzip, deflate'])('claims gzip (Accept-Encoding %s) on bytes that start like gzip and do not decode', async (acceptEncoding) => {
    emu.faults.set('getActiveJobs:badgzip');
    const answer = await rawPost(emu.url, 'getActiveJobs', { ...(acceptEncoding === undefined ? {} : { acceptEncoding }) });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toMatch(/^text\/xml/);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect([...answer.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(() => gunzipSync(answer.body)).toThrow();
  });
});

describe('oversize', () => {
  it('pads the real answer to at least BYTES inside a description, uncompressed even when gzip is accepted', async () => {
    const real = await realAnswer('getJobLogs');
    emu.faults.set('getJobLogs:oversize=300000');
    const answer = await rawPost(emu.url, 'getJobLogs', { acceptEncoding: 'gzip, deflate' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeGreaterThanOrEqual(300000);
    const xml = answer.body.toString('utf8');
    expect(xml).not.toMatch(/\s{2,}Padding/);
    const padded = itemsOf(xml, 'jobLogArray');
    const original = itemsOf(real, 'jobLogArray');
    expect(padded.length).toBe(original.length);
    expect(child(padded[0], 'description')?.text.startsWith(child(original[0], 'description')?.text ?? '?')).toBe(true);
    expect(child(padded[0], 'description')?.text.length).toBeGreaterThan(290000);
    expect(padded.slice(1)).toEqual(original.slice(1));
  });

  it('adds a padding element when the answer has no description', async () => {
    emu.faults.set('checkLogin:oversize=50000');
    const answer = await rawPost(emu.url, 'checkLogin', { params: { email: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password } });
    expect(answer.body.length).toBeGreaterThanOrEqual(50000);
    const ret = returnOf(answer.body.toString('utf8'));
    expect(child(ret, 'status')?.text).toBe('ValidLogin');
    expect(child(ret, 'padding')?.text.length).toBeGreaterThan(49000);
  });

  it('with /gzip sends a small gzip body that inflates to at least BYTES', async () => {
    emu.faults.set('getActiveJobs:oversize=2000000/gzip');
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.body.length).toBeLessThan(50_000);
    const xml = bodyText(answer);
    expect(Buffer.byteLength(xml)).toBeGreaterThanOrEqual(2_000_000);
    expect(itemsOf(xml, 'jobArray').length).toBeGreaterThan(0);
  });
});

describe('trickle', () => {
  it('sends the whole real answer, announced by Content-Length, one byte per write', async () => {
    const params = { email: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };
    const real = await realAnswer('checkLogin', { params });
    emu.faults.set('checkLogin:trickle=1');
    const answer = await rawPost(emu.url, 'checkLogin', { params, acceptEncoding: 'identity' });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(real));
    expect(answer.body.toString('utf8')).toBe(real);
    // Reads may coalesce bytes that arrive close together, but never the whole answer at once.
    expect(answer.chunks.length).toBeGreaterThan(10);
  });

  it('arrives a byte at a time and stops writing when the client goes away', async () => {
    emu.faults.set('getActiveJobs:trickle=40');
    const first = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity', stopAfterChunks: 4 });
    expect(first.status).toBe(200);
    expect(Number(first.headers['content-length'])).toBeGreaterThan(1000);
    expect(first.chunks.length).toBe(4);
    expect(first.body.length).toBeLessThanOrEqual(8);
    expect(first.body.toString('latin1')).toBe('<?xml version="1.0" encoding="utf-8"?>'.slice(0, first.body.length));
    // The emulator keeps serving; the abandoned answer's timers end on their own.
    emu.faults.clear();
    expect((await rawPost(emu.url, 'getActiveJobs')).status).toBe(200);
  });

  it('trickles the gzipped answer when the client accepts gzip', async () => {
    const params = { email: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };
    const real = await realAnswer('checkLogin', { params });
    emu.faults.set('checkLogin:trickle=1');
    const answer = await rawPost(emu.url, 'checkLogin', { params, acceptEncoding: 'gzip, deflate' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(bodyText(answer)).toBe(real);
  });
});

/** A strict parse that resolves the two references doctype plants to markers, proving the envelope is well-formed. */
function parseWithMarkers(xml: string): { doctype: string; text: string[] } {
  interface Sax {
    parser(strict: boolean): {
      ENTITIES: Record<string, string>;
      ondoctype: (text: string) => void;
      ontext: (text: string) => void;
      onerror: (error: Error) => void;
      write(text: string): { close(): void };
    };
  }
  const sax = createRequire(import.meta.url)('sax') as Sax;
  const parser = sax.parser(true);
  parser.ENTITIES.lol9 = '[lol9]';
  parser.ENTITIES.xxe = '[xxe]';
  const out = { doctype: '', text: [] as string[] };
  parser.ondoctype = (text) => (out.doctype = text);
  parser.ontext = (text) => out.text.push(text);
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
  return out;
}

describe('doctype', () => {
  it('puts a DOCTYPE with billion-laughs and external SYSTEM entities before a well-formed envelope that references them', async () => {
    const real = await realAnswer('getActiveJobs');
    emu.faults.set('getActiveJobs:doctype');
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/xml/);
    const xml = answer.body.toString('utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?><!DOCTYPE soap:Envelope \[/);
    expect(xml).toContain('<!ENTITY lol "lol">');
    expect(xml).toContain(`<!ENTITY lol9 "${'&lol8;'.repeat(10)}">`);
    expect(xml).toContain('<!ENTITY xxe SYSTEM "file:///etc/passwd">');
    expect(xml).toContain('<types:companyHandle>&lol9;&xxe;</types:companyHandle>');
    const parsed = parseWithMarkers(xml);
    expect(parsed.doctype).toContain('ENTITY xxe SYSTEM');
    expect(parsed.text).toContain('[lol9][xxe]');
    // Apart from the DOCTYPE and the one field, it is the real answer.
    const withoutDoctype = xml.replace(/<!DOCTYPE[\s\S]*?\]>/, '');
    const firstCompany = /<types:companyHandle>([^<]*)</.exec(real)?.[1] ?? '?';
    expect(withoutDoctype.replace('&lol9;&xxe;', firstCompany)).toBe(real);
  });

  it('follows the gzip rule like a normal answer', async () => {
    emu.faults.set('getActiveJobs:doctype');
    const plain = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' });
    const gzipped = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(bodyText(gzipped)).toBe(plain.body.toString('utf8'));
  });

  it('plants the references in an empty control answer too', async () => {
    emu.faults.set('stopJob:doctype');
    const answer = await rawPost(emu.url, 'stopJob', { params: { companyHandle: 'c|1001', jobHandle: 'j|1001||nope|1' }, acceptEncoding: 'identity' });
    const xml = answer.body.toString('utf8');
    expect(xml).toContain('<!DOCTYPE soap:Envelope [');
    expect(parseWithMarkers(xml).text.join('')).toContain('[lol9][xxe]');
  });
});

describe('missing', () => {
  it('getActiveJobs: every job lacks jobHandle, name and state; the rest is untouched', async () => {
    const real = itemsOf(await realAnswer('getActiveJobs'), 'jobArray');
    emu.faults.set('getActiveJobs:missing');
    const answer = await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' });
    expect(answer.status).toBe(200);
    const jobs = itemsOf(answer.body.toString('utf8'), 'jobArray');
    expect(jobs.length).toBe(real.length);
    expect(jobs.length).toBeGreaterThan(0);
    jobs.forEach((job, i) => {
      expect(childNames(job)).not.toContain('jobHandle');
      expect(childNames(job)).not.toContain('name');
      expect(childNames(job)).not.toContain('state');
      expect(childNames(job)).toEqual(childNames(real[i]!).filter((n) => !['jobHandle', 'name', 'state'].includes(n)));
      expect(child(job, 'originalName')?.text).toBe(child(real[i], 'originalName')?.text);
    });
  });

  it('getJobLogs: every log lacks its counts but keeps logType and fatalError', async () => {
    emu.faults.set('getJobLogs:missing');
    const logs = itemsOf(bodyText(await rawPost(emu.url, 'getJobLogs', { acceptEncoding: 'gzip' })), 'jobLogArray');
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      expect(childNames(log).filter((n) => LOG_COUNTS.includes(n))).toEqual([]);
      expect(childNames(log)).toContain('logType');
      expect(childNames(log)).toContain('fatalError');
    }
  });

  it('getJobLogDetails: logs lack counts, their detail rows stay', async () => {
    emu.faults.set('getJobLogDetails:missing');
    const params = { companyHandle: 'c|1001', recordsPerPage: 5 };
    const logs = itemsOf(bodyText(await rawPost(emu.url, 'getJobLogDetails', { params })), 'jobLogArray');
    expect(logs.length).toBeGreaterThan(0);
    expect(childNames(logs[0]!).filter((n) => LOG_COUNTS.includes(n))).toEqual([]);
    expect(child(logs[0], 'detailArray')?.children.length).toBeGreaterThan(0);
  });
});

describe('wrongtypes', () => {
  it('getActiveJobs: progress is "lots" and dates are "yesterday", at every depth', async () => {
    emu.faults.set('getActiveJobs:wrongtypes');
    const xml = bodyText(await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'gzip, deflate' }));
    const jobs = itemsOf(xml, 'jobArray');
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(child(job, 'progress')?.text).toBe('lots');
      expect(child(job, 'startDate')?.text).toBe('yesterday');
      expect(child(job, 'totalSize')?.text).toBe('lots');
      expect(child(job, 'state')?.text).toMatch(/^[A-Z]\w+$/); // strings stay as they were
    }
    expect(xml).not.toMatch(/<types:(progress|numProcessed|lastProgressUpdate)>[\d-]/);
  });

  it('getJobLogs: counts are "lots", fatalError "maybe", dates "yesterday"', async () => {
    emu.faults.set('getJobLogs:wrongtypes');
    const logs = itemsOf(bodyText(await rawPost(emu.url, 'getJobLogs')), 'jobLogArray');
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      expect(child(log, 'fatalError')?.text).toBe('maybe');
      expect(child(log, 'totalFileCount')?.text).toBe('lots');
      expect(child(log, 'startDate')?.text).toBe('yesterday');
    }
  });
});

describe('extra', () => {
  it('adds a SOAP Header entry, unknown attributes and elements on the Return and every item, and keeps every real field', async () => {
    const real = itemsOf(await realAnswer('getActiveJobs'), 'jobArray');
    emu.faults.set('getActiveJobs:extra');
    const xml = (await rawPost(emu.url, 'getActiveJobs', { acceptEncoding: 'identity' })).body.toString('utf8');
    const envelope = parseXml(xml);
    expect(envelope.children.map((c) => local(c.name))).toEqual(['Header', 'Body']);
    expect(child(envelope, 'Header')?.children[0]?.attributes['xmlns:vnd']).toBe(VENDOR_NS);
    const ret = returnOf(xml);
    expect(ret.attributes.serverBuild).toBe('6.10.2-b812');
    expect(childNames(ret)).toEqual(['unexpectedThing', 'jobArray', 'paging']);
    const jobs = itemsOf(xml, 'jobArray');
    expect(jobs.length).toBe(real.length);
    jobs.forEach((job, i) => {
      expect(job.attributes).toMatchObject({ unexpectedAttr: '1', 'vnd:revision': '3' });
      expect(job.children[0]?.attributes['vnd:origin']).toBe('replica');
      expect(childNames(job)[1]).toBe('unexpectedThing');
      expect(childNames(job).at(-1)).toBe('extension');
      expect(job.children.at(-1)?.name).toBe('vnd:extension');
      const known = job.children.filter((c) => !['unexpectedThing', 'extension'].includes(local(c.name)));
      expect(known.map((c) => [c.name, c.text])).toEqual(real[i]!.children.map((c) => [c.name, c.text]));
    });
  });

  it('edits a single struct (getCompanyInfo) and a fault answer without breaking them', async () => {
    emu.faults.set('getCompanyInfo:extra,getJobLogs:extra');
    const info = returnOf(bodyText(await rawPost(emu.url, 'getCompanyInfo', { params: { companyHandle: 'c|1001' } })));
    expect(child(info, 'companyInfo')?.attributes.unexpectedAttr).toBe('1');
    expect(child(child(info, 'companyInfo'), 'name')?.text).toBe('Demo Company');
    const fault = await rawPost(emu.url, 'getJobLogs', { creds: { user: 'x@example.com', password: 'nope' } });
    expect(fault.status).toBe(500);
    const soapFault = child(child(parseXml(bodyText(fault)), 'Body'), 'Fault');
    expect(child(soapFault, 'faultcode')?.text).toBe('soap:Client');
    expect(child(soapFault, 'faultstring')?.text).toBe('AuthenticationException');
    expect(child(child(child(soapFault, 'detail'), 'authenticationFault'), 'code')?.text).toBe('10001');
  });
});
