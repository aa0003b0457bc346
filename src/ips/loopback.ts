// Loopback hosts (the emulator, a local tunnel): reached without TLS and never through a proxy.
import net from 'node:net';
import { bareHost, ipFamily } from './host-name.js';

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `localhost`, 127.0.0.0/8 or ::1 (IPv4-mapped forms too), as a URL's hostname writes them (`[::1]`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost') return true;
  const family = ipFamily(host);
  return family !== undefined && LOOPBACK.check(host, family);
}
