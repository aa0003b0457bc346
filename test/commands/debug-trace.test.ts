// --debug's trace of one exchange: a summary line, the request and the response, each line marked and
// terminal-safe; a large response cut with a note.
import { describe, expect, it } from 'vitest';
import { MAX_TRACED_RESPONSE_CHARS, traceLines } from '../../src/commands/shared/debug-trace.js';
import { TransportError } from '../../src/ips/errors.js';
import type { Exchange } from '../../src/ips/transport.js';

const ENDPOINT = 'https://s7sps1apissl.scene7.com/scene7/services/IpsApiService';

function exchange(extra: Partial<Exchange> = {}): Exchange {
  return {
    operation: 'getActiveJobs',
    endpoint: ENDPOINT,
    startedAt: 0,
    elapsedMs: 42,
    requestHeaders: { SOAPAction: '"getActiveJobs"', Authorization: '********' },
    requestXml: '<soap:Envelope><password>********</password></soap:Envelope>',
    status: 200,
    headers: { 'content-type': 'text/xml' },
    responseXml: '<soap:Envelope>\n<ok/>\n</soap:Envelope>',
    ...extra,
  };
}

describe('traceLines', () => {
  it('shows operation, endpoint, status and time, then the request and the response', () => {
    expect(traceLines(exchange({ reusedSocket: true, proxy: 'http://proxy.corp:3128/' }))).toEqual([
      `debug: getActiveJobs ${ENDPOINT} HTTP 200 42ms (reused connection) via proxy http://proxy.corp:3128/`,
      `debug: > POST ${ENDPOINT}`,
      'debug: > SOAPAction: "getActiveJobs"',
      'debug: > Authorization: ********',
      'debug: > <soap:Envelope><password>********</password></soap:Envelope>',
      'debug: < HTTP 200',
      'debug: < content-type: text/xml',
      'debug: < <soap:Envelope>',
      'debug: < <ok/>',
      'debug: < </soap:Envelope>',
    ]);
  });

  it('says when there was no response, and names the error', () => {
    const error = new TransportError('timeout', 'no complete answer within 1s');
    const lines = traceLines(exchange({ status: undefined, headers: undefined, responseXml: undefined }), error);
    expect(lines[0]).toBe(`debug: getActiveJobs ${ENDPOINT} no response 42ms → TransportError: no complete answer within 1s`);
    expect(lines.at(-1)).toBe('debug: < (no response)');
  });

  it('shows the status and headers of a response whose body never arrived whole', () => {
    const lines = traceLines(exchange({ responseXml: undefined }));
    expect(lines.slice(-3)).toEqual(['debug: < HTTP 200', 'debug: < content-type: text/xml', 'debug: < (no complete body)']);
  });

  it('cuts a large response with a note saying how much was left out', () => {
    const body = 'x'.repeat(MAX_TRACED_RESPONSE_CHARS + 1000);
    const lines = traceLines(exchange({ responseXml: body }));
    expect(lines.at(-2)).toBe(`debug: < ${'x'.repeat(MAX_TRACED_RESPONSE_CHARS)}`);
    expect(lines.at(-1)).toBe(`debug: < … 1000 more characters not shown (${body.length} in all)`);
  });

  it('shows control characters from the server escaped', () => {
    const lines = traceLines(exchange({ responseXml: '<m>\u001b[2J\u009b31m\u202e</m>' }));
    expect(lines.at(-1)).toBe('debug: < <m>\\x1b[2J\\x9b31m\\u202e</m>');
  });
});
