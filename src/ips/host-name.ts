// A URL's hostname as hosts are compared (loopback, NO_PROXY): brackets, a trailing dot and case taken off.
import net from 'node:net';

/** `[::1]` → `::1`, `Example.COM.` → `example.com`. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** The address family of an IP address, as net.BlockList names it; undefined for a name. */
export function ipFamily(host: string): 'ipv4' | 'ipv6' | undefined {
  const version = net.isIP(host);
  return version === 0 ? undefined : version === 6 ? 'ipv6' : 'ipv4';
}
