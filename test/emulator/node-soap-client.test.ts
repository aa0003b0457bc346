// A stock node-soap client, built from the emulator's own ?wsdl, can call it and sees IPS faults.
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { TYPES_NS } from './soap-helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ speed: 0 });
});
afterAll(async () => {
  await emu.close();
});

async function client(password: string = DEMO_CREDENTIALS.password): Promise<soap.Client> {
  const c = await soap.createClientAsync(emu.wsdlUrl, { disableCache: true });
  c.addSoapHeader({ authHeader: { user: DEMO_CREDENTIALS.username, password, appName: 'ips-jobs-tests', appVersion: '1.0' } }, '', 'hdr', TYPES_NS);
  return c;
}

describe('node-soap client against the emulator', () => {
  it('calls getActiveJobs through the endpoint advertised in the WSDL', async () => {
    const c = await client();
    const [result] = (await c.getActiveJobsAsync({ companyHandle: DEMO_CREDENTIALS.companyHandle, includeWaitingJobs: true })) as [{ jobArray: { items: Array<{ jobHandle: string; taskProgressArray: unknown }> } }];
    expect(result.jobArray.items.length).toBeGreaterThan(0);
    expect(result.jobArray.items.every((job) => job.jobHandle.startsWith('j|1001||'))).toBe(true);
  });

  it('rejects with the authenticationFault in err.root', async () => {
    const c = await client('wrong');
    const error = (await c.getActiveJobsAsync({}).then(
      () => undefined,
      (err: unknown) => err,
    )) as { root?: { Envelope?: { Body?: { Fault?: { detail?: { authenticationFault?: { code?: string } } } } } } } | undefined;
    expect(error?.root?.Envelope?.Body?.Fault?.detail?.authenticationFault?.code).toBe('10001');
  });
});
