// The IPS client's public surface.
export { createIpsClient, WSDL_PATH, type IpsClient, type IpsClientOptions } from './client.js';
export { planConnection, type ConnectionPlan, type ConnectionSettings, type EndpointSecurity } from './connection-plan.js';
export * from './errors.js';
export * from './types.js';
export { regionEndpoint, serviceUrl, REGIONS, type Region } from './endpoints.js';
export type { Exchange } from './transport.js';
export { IPS_OPERATIONS, type IpsOperation } from './operations.js';
