// Our reader of SOAP answers: one pass of our XML scanner that builds the same objects node-soap's xmlToObject
// builds (the normaliser's input), guided by a schema map compiled once instead of schema lookups per element.
// node-soap's reader took 1.6 s of the 1.8 s a 5,000-job answer cost (14.7 MB); this one reads it several
// times faster (most of the gain is the scanner: sax reads a character at a time).
// test/ips/response-reader.test.ts and test/fuzz/reader-vs-node-soap.test.ts check it against node-soap's.
//
// The shape, as node-soap makes it:
// - an element with text → the text, trimmed; an xsd int/double/boolean as XSD_DESERIALIZERS read it;
// - an element with attributes → `{ attributes: {...}, $value: text }` or `{ attributes, ...children }`;
// - an empty element → '' when the schema says xsd:string, else null; `xsi:nil="true"` → left out;
// - a child the schema lets repeat → always an array; any other repeated child → an array of its repeats.
// One difference, on purpose: text mixed with child elements is ignored (node-soap throws or drops the children);
// the answer lists where, so the client can report it as a schema problem.
import { XSD_DESERIALIZERS } from './normalise.js';
import { setOwn } from './own-field.js';
import type { ComplexType, ResponseSchema } from './response-schema.js';
import { scanXml, XmlReadError } from './xml-scan.js';

export { XmlReadError };

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

type Raw = Record<string, unknown>;

/**
 * What an answer held: the operation's return element, a SOAP Fault, neither, or — when the root is not a SOAP
 * Envelope — that root element (some IPS servlets answer with a bare fault element).
 */
export type SoapAnswer =
  | { kind: 'return'; value: Raw; mixedContent: string[] }
  | { kind: 'fault'; fault: Raw }
  | { kind: 'none' }
  | { kind: 'bare'; root: Raw };

interface Frame {
  /** Local name. */
  name: string;
  /** The element's schema type: complex, a simple type's local name, or undefined (anyType, unknown). */
  type: ComplexType | string | undefined;
  /** Attributes other than namespace declarations, as node-soap keeps them. */
  attributes: Record<string, string> | undefined;
  children: Raw | undefined;
  text: string | undefined;
  nil: boolean;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/**
 * Reads a SOAP 1.1 answer for `operation`: the `…Return` element typed by the schema, or the Fault as plain
 * elements. Throws XmlReadError when the XML is not well-formed.
 */
export function readSoapAnswer(xml: string, operation: string, schema: ResponseSchema): SoapAnswer {
  const returnName = `${operation}Return`;
  const returnType = schema.element(returnName);
  // Prefixes are collected document-wide, as node-soap does: IPS declares each once.
  const xsiPrefixes = new Set<string>();
  const stack: Frame[] = [];
  let answer: SoapAnswer = { kind: 'none' };
  // Where text sat beside child elements in the return element (ignored; the first ten, for schema reports).
  const mixedContent: string[] = [];
  let envelopeSeen = false;

  const open = (qname: string, tagAttributes: Record<string, string> | undefined) => {
    // Depth of this element: 1 the Envelope, 2 the Body, 3 the return element.
    const depth = stack.length + 1;
    let attributes: Record<string, string> | undefined;
    let nil = false;
    for (const key in tagAttributes) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (tagAttributes[key] === XSI_NS) xsiPrefixes.add(key.slice(6));
      } else {
        setOwn((attributes ??= {}), key, detached(tagAttributes[key]!));
      }
    }
    // After the declarations: `<name xsi:nil="true" xmlns:xsi="…"/>` declares the prefix it uses.
    for (const key in attributes) {
      const colon = key.indexOf(':');
      const value = attributes[key]!;
      if (colon !== -1 && key.slice(colon + 1) === 'nil' && xsiPrefixes.has(key.slice(0, colon)) && (value.toLowerCase() === 'true' || value === '1')) {
        nil = true;
      }
    }
    const name = localName(qname);
    const parent = stack[stack.length - 1];
    let type: Frame['type'];
    if (depth === 1) envelopeSeen = name === 'Envelope';
    else if (depth === 3 && parent?.name === 'Body' && name === returnName) type = returnType;
    else if (parent && typeof parent.type === 'object') {
      const child = parent.type.children.get(name);
      type = child && schema.resolve(child.type);
    }
    stack.push({ name, type, attributes, children: undefined, text: undefined, nil });
  };
  const text = (piece: string) => {
    const trimmed = piece.trim();
    if (trimmed.length === 0) return;
    const frame = stack[stack.length - 1]!;
    frame.text = frame.text === undefined ? trimmed : frame.text + trimmed;
  };
  const close = () => {
    const frame = stack.pop()!;
    // Depth of the parent: 2 when the Body is.
    const depth = stack.length;
    const parent = stack[stack.length - 1];
    if (frame.nil) return;
    const value = valueOf(frame);
    if (frame.children && frame.text !== undefined && depth >= 3 && mixedContent.length < 10) {
      mixedContent.push([...stack.slice(3), frame].map((f) => f.name).join('.'));
    }
    if (!parent) {
      if (!envelopeSeen) answer = { kind: 'bare', root: { [frame.name]: value } };
      return;
    }
    if (depth === 2 && parent.name === 'Body' && envelopeSeen) {
      if (frame.name === returnName && answer.kind === 'none') answer = { kind: 'return', value: (value as Raw | null) ?? {}, mixedContent };
      else if (frame.name === 'Fault' && answer.kind === 'none') answer = { kind: 'fault', fault: (value as Raw | null) ?? {} };
      return;
    }
    const siblings = (parent.children ??= parent.attributes ? { attributes: parent.attributes } : {});
    const declared = typeof parent.type === 'object' ? parent.type.children.get(frame.name) : undefined;
    // Own properties only: an element named like an Object.prototype member (`__proto__`, `constructor`) is data.
    const present = Object.hasOwn(siblings, frame.name);
    const existing = present ? siblings[frame.name] : undefined;
    if (declared?.array) {
      if (Array.isArray(existing)) existing.push(value);
      else setOwn(siblings, frame.name, [value]);
    } else if (present) {
      if (Array.isArray(existing)) existing.push(value);
      else setOwn(siblings, frame.name, [existing, value]);
    } else {
      setOwn(siblings, frame.name, value);
    }
  };
  scanXml(xml, { open, close, text });
  return answer;
}

/**
 * A copy of `text` that does not keep the whole answer alive. V8 makes a substring of 13 characters or more
 * a view into its parent, so one kept job name would hold a 1.5 MB answer in memory until the name goes: a
 * `watch` keeping a few names from older polls kept their answers too (npm run bench, figure 4).
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** An element closed: its children, its text read by its type, or what an empty element stands for. */
function valueOf(frame: Frame): unknown {
  if (frame.children) return frame.children;
  const simple = typeof frame.type === 'string' ? frame.type : undefined;
  if (frame.text !== undefined) {
    const read = simple ? XSD_DESERIALIZERS[simple] : undefined;
    const text = detached(frame.text);
    const value = read ? read(text) : text;
    return frame.attributes ? { attributes: frame.attributes, $value: value } : value;
  }
  if (frame.attributes) return { attributes: frame.attributes };
  return simple === 'string' ? '' : null;
}
