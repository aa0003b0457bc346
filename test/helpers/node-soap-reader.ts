// node-soap's own reading of an answer (xmlToObject over our WSDL, with the deserializers the client used
// before it had its own reader): the oracle the response reader is compared against.
import soap from 'soap';
import { WSDL_PATH } from '../../src/ips/client.js';
import { XSD_DESERIALIZERS } from '../../src/ips/normalise.js';
import { readSoapAnswer, type SoapAnswer } from '../../src/ips/response-reader.js';
import { responseSchema } from '../../src/ips/response-schema.js';

export const schema = responseSchema();

type Wsdl = { xmlToObject(xml: string): Record<string, unknown> };

let wsdl: Promise<Wsdl> | undefined;

function nodeSoapWsdl(): Promise<Wsdl> {
  wsdl ??= soap
    .createClientAsync(WSDL_PATH, { customDeserializer: XSD_DESERIALIZERS, disableCache: true })
    .then((client) => (client as unknown as { wsdl: Wsdl }).wsdl);
  return wsdl;
}

/** What each reader made of an answer: the answer, or 'error' when it refused the XML. */
export type Reading = SoapAnswer | 'error';

/** node-soap's reading, in our reader's terms. */
export async function nodeSoapReading(xml: string, operation: string): Promise<Reading> {
  const reader = await nodeSoapWsdl();
  let root: Record<string, unknown>;
  try {
    root = reader.xmlToObject(xml);
  } catch (error) {
    const faultRoot = (error as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } }).root;
    const fault = faultRoot?.Envelope?.Body?.Fault;
    return fault ? { kind: 'fault', fault } : 'error';
  }
  const body = root.Body as Record<string, unknown> | undefined;
  if (!root.Envelope && !body) return { kind: 'bare', root };
  const value = body?.[`${operation}Return`];
  if (value === undefined) return { kind: 'none' };
  return { kind: 'return', value: (value as Record<string, unknown> | null) ?? {}, mixedContent: [] };
}

/** Our reader's reading. */
export function ourReading(xml: string, operation: string): Reading {
  try {
    return readSoapAnswer(xml, operation, schema);
  } catch {
    return 'error';
  }
}
