// What the emulator shares with the client: the operations of our WSDL, the service path, the namespaces.
export { IPS_OPERATIONS, isIpsOperation, type IpsOperation } from '../ips/operations.js';
export { SERVICE_PATH as SOAP_PATH } from '../ips/endpoints.js';
export { TYPES_NS, FAULT_NS } from '../ips/namespaces.js';
