// Raw SOAP over fetch for the emulator tests: build envelopes by hand, read answers with a tiny XML tree.
import { DEMO_CREDENTIALS } from '../../src/emulator/index.js';

export const TYPES_NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
export const FAULT_NS = 'http://www.scene7.com/IpsApi/xsd';

export interface Credentials {
  user?: string;
  password?: string;
  faultHttpStatusCode?: number;
  gzipResponse?: boolean;
}

export const DEMO: Credentials = { user: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password };

/** Param values: string/number/boolean → text; array → repeated element; object → nested elements. */
export type Params = Record<string, unknown>;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toXml(params: Params): string {
  return Object.entries(params)
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v] as const) : [[name, value] as const]))
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) =>
      value !== null && typeof value === 'object' ? `<t:${name}>${toXml(value as Params)}</t:${name}>` : `<t:${name}>${esc(String(value))}</t:${name}>`,
    )
    .join('');
}

/** A SOAP 1.1 envelope with authHeader and `<op>Param`, both in the 2014-04-03 namespace (null creds = no header). */
export function envelope(operation: string, params: Params = {}, creds: Credentials | null = DEMO): string {
  const header =
    creds === null
      ? ''
      : `<soapenv:Header><t:authHeader>${toXml({ ...creds, appName: 'ips-jobs-tests', appVersion: '1.0' })}</t:authHeader></soapenv:Header>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${TYPES_NS}">` +
    `${header}<soapenv:Body><t:${operation}Param>${toXml(params)}</t:${operation}Param></soapenv:Body></soapenv:Envelope>`
  );
}

export interface SoapAnswer {
  status: number;
  headers: Headers;
  text: string;
  xml: XmlNode;
}

export async function soapCall(
  url: string,
  operation: string,
  params: Params = {},
  options: { creds?: Credentials | null; soapAction?: boolean; acceptEncoding?: string } = {},
): Promise<SoapAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=UTF-8',
      ...(options.soapAction === false ? {} : { SOAPAction: operation }),
      ...(options.acceptEncoding === undefined ? {} : { 'Accept-Encoding': options.acceptEncoding }),
    },
    body: envelope(operation, params, options.creds === undefined ? DEMO : options.creds),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, xml: parseXml(text) };
}

// ---- a tiny XML tree: enough for the emulator's own output (no CDATA, comments or DOCTYPE) ----

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const decode = (s: string): string =>
  s.replace(/&(lt|gt|amp|apos|quot|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'apos' ? "'" : e === 'quot' ? '"' : String.fromCharCode(Number(e.slice(1))),
  );

/** Parses into nodes named by local name; throws on mismatched tags (used to prove a body is well-formed or not). */
export function parseXml(text: string): XmlNode {
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const tag = /<(\/?)(?:[\w.-]+:)?([\w.-]+)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(text))) {
    const top = stack[stack.length - 1] as XmlNode;
    if (m[5] !== undefined) top.text += decode(m[5]);
    else if (m[2] === undefined) continue;
    else if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`mismatched </${m[2]}> inside <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name: m[2], children: [], text: '' };
      top.children.push(node);
      if (m[4] !== '/') stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  return root;
}

/** Children named `name` (local name). */
export function all(node: XmlNode | undefined, name: string): XmlNode[] {
  return node?.children.filter((c) => c.name === name) ?? [];
}

/** First descendant reached by a path of local names, e.g. find(xml, 'Envelope', 'Body', 'Fault'). */
function find(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = current?.children.find((c) => c.name === name);
  return current;
}

/** Text of a child element (undefined when absent). */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  return find(node, name)?.text;
}

/** The `<…Return>` element of a SOAP answer. */
export function returned(answer: SoapAnswer): XmlNode | undefined {
  return find(answer.xml, 'Envelope', 'Body')?.children[0];
}

/** `items` of an array element of the Return, e.g. items(answer, 'jobArray'). */
export function items(answer: SoapAnswer, arrayName: string): XmlNode[] {
  return all(find(returned(answer), arrayName), 'items');
}

/** { element, code, reason } of a SOAP fault answer, or undefined. */
export function faultOf(answer: SoapAnswer): { element: string; code: number; reason: string } | undefined {
  const detail = find(answer.xml, 'Envelope', 'Body', 'Fault', 'detail')?.children[0];
  if (!detail) return undefined;
  return { element: detail.name, code: Number(text(detail, 'code')), reason: text(detail, 'reason') ?? '' };
}
