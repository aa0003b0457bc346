// What the response reader needs of our WSDL's schema: for each element, the type of each child and
// whether it repeats. Built once from the generated description (wsdl-description.ts), so the reader and the
// WSDL cannot drift and no process parses the WSDL.
import { WSDL_DESCRIPTION } from './wsdl-description.js';
import type { TypeName, WsdlDescription } from './wsdl-description-types.js';

/** A complex type: its child elements by local name. */
export interface ComplexType {
  readonly children: ReadonlyMap<string, Child>;
}

/** A child element: its type, and whether the schema lets it repeat (maxOccurs > 1: always an array). */
interface Child {
  readonly array: boolean;
  readonly type: TypeRef;
}

/** `string`, `int`, … for XML Schema's simple types; `any` for xsd:anyType; else a complex type. */
type TypeRef = { readonly simple: string } | { readonly any: true } | { readonly complex: ComplexType } | { readonly named: string };

export interface ResponseSchema {
  /** The type of a global element, e.g. `getActiveJobsReturn`. */
  element(name: string): ComplexType | undefined;
  /** A child's type resolved: a complex type, a simple type's local name, or undefined for anyType. */
  resolve(type: TypeRef): ComplexType | string | undefined;
}

function typeRef(name: TypeName): TypeRef {
  if (!name.startsWith('xsd:')) return { named: name };
  return name === 'xsd:anyType' ? { any: true } : { simple: name.slice(4) };
}

/** The schema map of a description; our own WSDL's when none is given. */
export function responseSchema(description: WsdlDescription = WSDL_DESCRIPTION): ResponseSchema {
  const complexTypes = new Map<string, ComplexType>();
  for (const [name, children] of Object.entries(description.complexTypes)) {
    complexTypes.set(name, { children: new Map(children.map((child) => [child.name, { array: child.repeats, type: typeRef(child.type) }])) });
  }
  const resolve = (type: TypeRef): ComplexType | string | undefined => {
    if ('simple' in type) return type.simple;
    if ('complex' in type) return type.complex;
    if ('named' in type) return complexTypes.get(type.named);
    return undefined;
  };
  return {
    element(name) {
      const type = Object.hasOwn(description.elements, name) ? description.elements[name] : undefined;
      return type === undefined ? undefined : complexTypes.get(type);
    },
    resolve,
  };
}
