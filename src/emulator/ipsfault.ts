// IPS faults raised by the emulated service; handlers.ts turns them into SOAP 1.1 faults.
import type { IpsFaultElement } from '../ips/errors.js';

export class IpsFault extends Error {
  override name = 'IpsFault';
  constructor(
    readonly element: IpsFaultElement,
    readonly code: number,
    readonly reason: string,
  ) {
    super(`${element} ${code}: ${reason}`);
  }
}

export const authenticationFault = (code: 10000 | 10001 | 10002, reason: string): IpsFault => new IpsFault('authenticationFault', code, reason);
export const authorizationFault = (code: number, reason: string): IpsFault => new IpsFault('authorizationFault', code, reason);
export const ipsApiFault = (code: 30000 | 30001 | 30002 | 30003, reason: string): IpsFault => new IpsFault('ipsApiFault', code, reason);
