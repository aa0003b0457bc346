// close() while a scrape is in flight: the scrape gets its whole answer, then the server closes and polling stops.
import { connect } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { metricValue as value } from '../helpers/metrics.js';
import { emulator, exporter, polls, target } from './helpers.js';

describe('exporter close()', () => {
  it('lets a scrape in flight finish, then closes', async () => {
    const emu = await emulator();
    const running = await exporter([await target(emu, 'prod')]);
    await polls(emu);
    const { hostname, port } = new URL(running.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Two pipelined requests in one write: /healthz whole, and the start of a scrape. Once /healthz is answered, the
    // server has read both, and the scrape is a request in flight (begun, not yet complete).
    socket.write('GET /healthz HTTP/1.1\r\nHost: exporter\r\n\r\nGET /metrics HTTP/1.1\r\nHost: exporter\r\n');
    const healthAnswered = new Promise<void>((resolve) => {
      const check = () => (received.includes('\r\n\r\nok\n') ? resolve() : socket.once('data', check));
      check();
    });
    await healthAnswered;

    let closed = false;
    const closing = running.close().then(() => (closed = true));
    // The scrape in flight is served after close() was called, and close() waits for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    socket.write('Accept: text/plain\r\n\r\n');
    await ended;
    await closing;
    expect(closed).toBe(true);
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    const [head, body] = [answers[1]!.slice(0, answers[1]!.indexOf('\r\n\r\n')), answers[1]!.slice(answers[1]!.indexOf('\r\n\r\n') + 4)];
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1])).toBe(Buffer.byteLength(body));
    expect(value(parsePrometheusTextFormat(body), 'ips_exporter_build_info', { version: '9.8.7-test' })).toBe(1);
    // Closed: nothing listens any more.
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
