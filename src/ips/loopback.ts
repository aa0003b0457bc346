// Loopback hosts (the emulator, a local tunnel): reached without TLS and never through a proxy.
import net from 'node:net';

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `localhost`, 127.0.0.0/8 or ::1 (IPv4-mapped forms too), as a URL's hostname writes them (`[::1]`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost') return true;
  const family = net.isIP(host);
  if (family === 0) return false;
  return LOOPBACK.check(host, family === 6 ? 'ipv6' : 'ipv4');
}
