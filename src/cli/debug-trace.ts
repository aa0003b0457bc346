// --debug: one line per SOAP exchange on stderr (operation, endpoint, status, timing).
// Request and response bodies are not printed here: they carry the password (a redacting trace is planned).
import type { IpsError } from '../ips/errors.js';
import type { Exchange } from '../ips/transport.js';
import type { IO } from './io.js';

export function debugTracer(io: IO): (exchange: Exchange, error?: IpsError) => void {
  return (exchange, error) => {
    const status = exchange.status === undefined ? 'no response' : `HTTP ${exchange.status}`;
    const outcome = error ? ` → ${error.name}: ${error.message}` : '';
    io.stderr.write(
      `debug: ${exchange.operation} ${exchange.endpoint} ${status} ${exchange.elapsedMs ?? '?'}ms${exchange.reusedSocket ? ' (reused connection)' : ''}${outcome}\n`,
    );
  };
}
