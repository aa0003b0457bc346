// node-soap's own writing of a request (createClient over our WSDL, its httpClient hook catching the envelope
// unsent): the oracle our request writer is compared against. Tests only: the client does not load node-soap.
import soap from 'soap';
import { WSDL_PATH } from '../../src/ips/client.js';

/** What node-soap would send: the envelope and the headers it sets itself. */
export interface NodeSoapRequest {
  url: string;
  xml: string;
  headers: Record<string, string>;
}

class Caught {
  constructor(readonly request: NodeSoapRequest) {}
}

const CATCHER = {
  request(url: string, xml: string, callback: (error: unknown) => void, headers?: Record<string, string>): void {
    callback(new Caught({ url, xml, headers: headers ?? {} }));
  },
};

const ORACLE_ENDPOINT = 'https://ips.example/scene7/services/IpsApiService';

type SoapClient = Awaited<ReturnType<typeof soap.createClientAsync>>;
let client: Promise<SoapClient> | undefined;

function oracle(): Promise<SoapClient> {
  client ??= soap.createClientAsync(WSDL_PATH, { endpoint: ORACLE_ENDPOINT, httpClient: CATCHER as never, disableCache: true });
  return client;
}

/** The operations node-soap reads from our WSDL, each with the shape of its input (`describe()`). */
export async function nodeSoapOperations(): Promise<Record<string, { input: Record<string, unknown> }>> {
  const described = (await oracle()).describe() as Record<string, Record<string, Record<string, { input: Record<string, unknown> }>>>;
  const service = Object.values(described)[0]!;
  return Object.values(service)[0]!;
}

/** node-soap's request for `operation` with `body` and the SOAP header `headerXml`. */
export async function nodeSoapRequest(operation: string, body: Record<string, unknown>, headerXml: string): Promise<NodeSoapRequest> {
  const soapClient = await oracle();
  soapClient.clearSoapHeaders();
  soapClient.addSoapHeader(headerXml);
  const method = (soapClient as unknown as Record<string, (a: unknown) => Promise<unknown>>)[`${operation}Async`];
  if (!method) throw new Error(`node-soap has no operation ${operation}`);
  try {
    await method.call(soapClient, body);
  } catch (caught) {
    if (caught instanceof Caught) return caught.request;
    throw caught;
  }
  throw new Error('node-soap answered without sending a request');
}
