// --debug: each SOAP exchange on stderr — a summary line (operation, endpoint, status, timing), then the request
// (`debug: > `) and the response (`debug: < `): headers and XML. The client hands exchanges over with the password,
// accessToken and credential headers already masked (src/ips/redact.ts); server text is made terminal-safe here.
import type { IpsError } from '../../ips/errors.js';
import type { Exchange } from '../../ips/transport.js';
import { sanitizeForTerminal } from '../../render/sanitize.js';
import type { IO } from './io.js';

/** How much of a response body is shown: enough for any fault or page of jobs, not a 200 MB job log. */
export const MAX_TRACED_RESPONSE_CHARS = 64 * 1024;

function prefixed(marker: '>' | '<', text: string): string[] {
  return text.split(/\r?\n/).map((line) => `debug: ${marker} ${sanitizeForTerminal(line)}`);
}

function headerLines(marker: '>' | '<', headers: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!headers) return [];
  return Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `debug: ${marker} ${sanitizeForTerminal(`${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)}`);
}

function bodyLines(marker: '>' | '<', body: string, limit: number): string[] {
  if (body.length <= limit) return prefixed(marker, body);
  return [
    ...prefixed(marker, body.slice(0, limit)),
    `debug: ${marker} … ${body.length - limit} more characters not shown (${body.length} in all)`,
  ];
}

/** The trace of one exchange as lines (without newlines). */
export function traceLines(exchange: Exchange, error?: IpsError): string[] {
  const status = exchange.status === undefined ? 'no response' : `HTTP ${exchange.status}`;
  const reused = exchange.reusedSocket ? ' (reused connection)' : '';
  const proxy = exchange.proxy ? ` via proxy ${exchange.proxy}` : '';
  const outcome = error ? ` → ${error.name}: ${error.message}` : '';
  const lines = [
    `debug: ${sanitizeForTerminal(`${exchange.operation} ${exchange.endpoint} ${status} ${exchange.elapsedMs ?? '?'}ms${reused}${proxy}${outcome}`)}`,
    `debug: > POST ${sanitizeForTerminal(exchange.endpoint)}`,
    ...headerLines('>', exchange.requestHeaders),
  ];
  if (exchange.requestXml !== undefined) lines.push(...prefixed('>', exchange.requestXml));
  if (exchange.status === undefined) {
    lines.push('debug: < (no response)');
    return lines;
  }
  lines.push(`debug: < HTTP ${exchange.status}`, ...headerLines('<', exchange.headers));
  if (exchange.responseXml !== undefined) lines.push(...bodyLines('<', exchange.responseXml, MAX_TRACED_RESPONSE_CHARS));
  else lines.push('debug: < (no complete body)');
  return lines;
}

export function debugTracer(io: IO): (exchange: Exchange, error?: IpsError) => void {
  return (exchange, error) => {
    io.stderr.write(`${traceLines(exchange, error).join('\n')}\n`);
  };
}
