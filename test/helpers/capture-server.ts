// A loopback HTTP peer that records each request exactly and answers with what the test scripts.
// For byte-level assertions on what the client sends, and on how it reads odd answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  answer: (request: CapturedRequest) => ScriptedAnswer;
  close(): Promise<void>;
}

export async function startCaptureServer(answer: CaptureServer['answer']): Promise<CaptureServer> {
  const server = http.createServer();
  const capture: CaptureServer = {
    url: '',
    requests: [],
    answer,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      capture.requests.push(request);
      const reply = capture.answer(request);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'text/xml; charset=utf-8', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scene7/services/IpsApiService`;
  return capture;
}

/** A SOAP 1.1 response envelope around a body element, as Axis2 writes them. */
export function envelope(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}
