// What the response reader needs of our WSDL's schema: for each element, the type of each child and
// whether it repeats. Read from the WSDL file itself (about 2 ms), so the reader and the WSDL cannot drift.
import { scanXml } from './xml-scan.js';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** A complex type: its child elements by local name. */
export interface ComplexType {
  readonly children: ReadonlyMap<string, Child>;
}

/** A child element: its type, and whether the schema lets it repeat (maxOccurs > 1: always an array). */
export interface Child {
  readonly array: boolean;
  readonly type: TypeRef;
}

/** `string`, `int`, … for XML Schema's simple types; `any` for xsd:anyType; else a complex type. */
export type TypeRef = { readonly simple: string } | { readonly any: true } | { readonly complex: ComplexType } | { readonly named: string };

export interface ResponseSchema {
  /** The type of a global element, e.g. `getActiveJobsReturn`. */
  element(name: string): ComplexType | undefined;
  /** A child's type resolved: a complex type, a simple type's local name, or undefined for anyType. */
  resolve(type: TypeRef): ComplexType | string | undefined;
}

interface Building {
  children: Map<string, Child>;
}

/** Reads the schemas of a WSDL document. Throws on XML that is not well-formed (our own file: a build error). */
export function readResponseSchema(wsdl: string): ResponseSchema {
  const prefixes = new Map<string, string>();
  const complexTypes = new Map<string, Building>();
  const elements = new Map<string, TypeRef>();
  // One entry per open tag: the complex type being filled, or the global element waiting for its inline type.
  const stack: Array<{ tag: string; type?: Building; element?: string }> = [];

  const typeRef = (qname: string): TypeRef => {
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (prefixes.get(prefix) === XSD_NS) return local === 'anyType' ? { any: true } : { simple: local };
    return { named: local };
  };

  const open = (name: string, attributes: Record<string, string> = {}) => {
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'xmlns') prefixes.set('', value);
      else if (key.startsWith('xmlns:')) prefixes.set(key.slice(6), value);
    }
    const tag = name.slice(name.indexOf(':') + 1);
    const parent = stack[stack.length - 1];
    const frame: (typeof stack)[number] = { tag };
    if (tag === 'complexType') {
      const type: Building = { children: new Map() };
      if (attributes.name) complexTypes.set(attributes.name, type);
      else if (parent?.element) elements.set(parent.element, { complex: type });
      frame.type = type;
    } else if (tag === 'element' && attributes.name) {
      if (parent?.tag === 'schema') {
        if (attributes.type) elements.set(attributes.name, typeRef(attributes.type));
        else frame.element = attributes.name;
      } else {
        const owner = [...stack].reverse().find((entry) => entry.type)?.type;
        const max = attributes.maxOccurs;
        owner?.children.set(attributes.name, {
          array: max === 'unbounded' || Number(max) > 1,
          type: attributes.type ? typeRef(attributes.type) : { any: true },
        });
      }
    }
    stack.push(frame);
  };
  scanXml(wsdl, {
    open,
    close: () => stack.pop(),
    text: () => {},
  });

  const resolve = (type: TypeRef): ComplexType | string | undefined => {
    if ('simple' in type) return type.simple;
    if ('complex' in type) return type.complex;
    if ('named' in type) return complexTypes.get(type.named);
    return undefined;
  };
  return {
    element(name) {
      const type = elements.get(name);
      const resolved = type && resolve(type);
      return typeof resolved === 'object' ? resolved : undefined;
    },
    resolve,
  };
}
