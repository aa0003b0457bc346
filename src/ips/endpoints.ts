// The documented IPS hosts per region, how a user-given endpoint becomes the SOAP service URL,
// and whether an endpoint is reached over TLS.
import { isLoopbackHost } from './loopback.js';

export type Region = 'na' | 'emea' | 'apac';

export const REGIONS: readonly Region[] = ['na', 'emea', 'apac'];

const HOSTS: Record<Region, string> = {
  na: 's7sps1apissl',
  emea: 's7sps3apissl',
  apac: 's7sps5apissl',
};

export const SERVICE_PATH = '/scene7/services/IpsApiService';

/** The SOAP service URL of a region's production or staging host. */
export function regionEndpoint(region: Region, staging: boolean): string {
  return `https://${HOSTS[region]}${staging ? '-staging' : ''}.scene7.com${SERVICE_PATH}`;
}

/** An endpoint given as a bare host or base URL gets the standard service path; a full path is kept. */
export function serviceUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.pathname === '/' || url.pathname === '') url.pathname = SERVICE_PATH;
  else if (/^\/scene7\/?$/.test(url.pathname)) url.pathname = SERVICE_PATH;
  return url.toString();
}

/** https; plain http on this machine (the emulator); or plain http across a network, which needs consent. */
export type EndpointSecurity = 'https' | 'loopback-http' | 'insecure-http';

export function endpointSecurity(endpoint: string | URL): EndpointSecurity {
  const url = new URL(String(endpoint));
  if (url.protocol === 'https:') return 'https';
  return isLoopbackHost(url.hostname) ? 'loopback-http' : 'insecure-http';
}
