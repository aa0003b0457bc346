// The documented IPS hosts per region, and how a user-given endpoint becomes the SOAP service URL.
// How an endpoint is reached (TLS, plain http, a proxy) is decided in connection-plan.ts.

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
