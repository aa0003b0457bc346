// The Node floor of figure 2b: a process that only sends one SOAP request with node:http, inflates the gzipped
// answer and prints its body, with no XML reading at all. What `ips-jobs list` cannot beat, from the same Node.
// The request (path, headers, body) is the one the CLI sent, captured by bench/serve.mjs: BENCH_FLOOR_REQUEST.
'use strict';
const http = require('node:http');
const { gunzipSync } = require('node:zlib');

const { url, headers, body } = JSON.parse(process.env.BENCH_FLOOR_REQUEST);
const payload = Buffer.from(body, 'utf8');
const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': payload.length } }, (response) => {
  const chunks = [];
  response.on('data', (chunk) => chunks.push(chunk));
  response.on('end', () => {
    const bytes = Buffer.concat(chunks);
    process.stdout.write(response.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes);
    if (response.statusCode !== 200) process.exitCode = 1;
  });
});
request.on('error', (error) => {
  process.stderr.write(`floor: ${error.message}\n`);
  process.exitCode = 1;
});
request.end(payload);
