// The shape of src/ips/wsdl-description.ts, the description of our WSDL that the build does not have to parse:
// the request writer and the response reader are driven by it.

/** `xsd:string`, `xsd:int`, … for XML Schema's own types; else the name of a complex type in `complexTypes`. */
export type TypeName = string;

/** One child element of a complex type, in schema order. */
export interface ChildDescription {
  readonly name: string;
  readonly type: TypeName;
  /** minOccurs="0": the element may be left out. */
  readonly optional: boolean;
  /** maxOccurs > 1: the element may repeat (an array in the objects). */
  readonly repeats: boolean;
}

export interface OperationDescription {
  readonly soapAction: string;
  /** The body element of the request, e.g. `getActiveJobsParam`. */
  readonly input: string;
  /** The body element of the answer, e.g. `getActiveJobsReturn`. */
  readonly output: string;
  /** The namespace of both. */
  readonly namespace: string;
  /** The prefix the request gives that namespace (the WSDL's own). */
  readonly prefix: string;
}

export interface WsdlDescription {
  /** Namespace declarations of the request's Envelope, `[prefix, uri]`, in the WSDL's order. */
  readonly envelope: ReadonlyArray<readonly [string, string]>;
  readonly operations: Readonly<Record<string, OperationDescription>>;
  /** Global elements → their type. An inline type is named after its element: `#getActiveJobsParam`. */
  readonly elements: Readonly<Record<string, TypeName>>;
  readonly complexTypes: Readonly<Record<string, readonly ChildDescription[]>>;
}
