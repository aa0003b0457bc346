// Our writer of SOAP requests: the envelope node-soap would write for an operation, from the generated
// description of our WSDL (wsdl-description.ts) instead of a WSDL parsed at run time. Children are written in
// schema order, each qualified with the WSDL's prefix (elementFormDefault="qualified"), text escaped.
// test/ips/request-writer.test.ts holds it to node-soap's envelope for every operation over generated inputs,
// and test/ips/request-xml.test.ts to the exact bytes.
//
// Where it differs from node-soap, on purpose: a field the schema does not know or a value of the wrong shape
// is refused (node-soap wrote them anyway); and a string that looks like a CDATA section is escaped like any
// other (node-soap sent it unescaped). Control characters pass as node-soap passed them: a job handle that a
// server sent with one must go back to it as it came.
import { SOAP_ENV_NS, XSI_NS } from './namespaces.js';
import { WSDL_DESCRIPTION } from './wsdl-description.js';
import type { ChildDescription, OperationDescription, WsdlDescription } from './wsdl-description-types.js';
import { escapeXml } from '../text/xml-escape.js';

/** A request that cannot be written: a programming error in the caller. */
class RequestWriteError extends Error {
  override name = 'RequestWriteError';
}

interface SoapRequest {
  /** The SOAPAction header's value, quoted as SOAP 1.1 wants it. */
  soapAction: string;
  xml: string;
}

export interface RequestWriter {
  /** The whole envelope of `operation` with `body` as its input element's content and `headerXml` in the Header. */
  write(operation: string, body: Readonly<Record<string, unknown>>, headerXml: string): SoapRequest;
}

/** A writer for a description; our own WSDL's when none is given. */
export function requestWriter(description: WsdlDescription = WSDL_DESCRIPTION): RequestWriter {
  const declarations = description.envelope.map(([prefix, uri]) => ` xmlns:${prefix}="${escapeXml(uri)}"`).join('');
  // Byte for byte what node-soap writes, its double space included.
  const envelopeOpen =
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:xsi="${XSI_NS}" ${declarations}>`;

  function operationOf(name: string): OperationDescription {
    const operation = Object.hasOwn(description.operations, name) ? description.operations[name] : undefined;
    if (!operation) throw new RequestWriteError(`no operation ${name} in the WSDL`);
    return operation;
  }

  function childrenOf(type: string): readonly ChildDescription[] | undefined {
    return Object.hasOwn(description.complexTypes, type) ? description.complexTypes[type] : undefined;
  }

  function simpleText(value: unknown, path: string): string {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'boolean') text = String(value);
    else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
    else throw new RequestWriteError(`${path} must be a string, a finite number or a boolean`);
    return escapeXml(text);
  }

  /** The children of a complex value, in schema order, appended to `out`. */
  function writeFields(out: string[], type: string, value: unknown, prefix: string, path: string): void {
    const children = childrenOf(type);
    if (!children) throw new RequestWriteError(`${path}: no type ${type} in the WSDL`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestWriteError(`${path} must be an object`);
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!children.some((child) => child.name === key)) throw new RequestWriteError(`${path} has no field ${key} in the WSDL`);
    }
    for (const child of children) {
      const field = fields[child.name];
      if (field === undefined || field === null) continue;
      const childPath = `${path}.${child.name}`;
      if (child.repeats) {
        if (!Array.isArray(field)) throw new RequestWriteError(`${childPath} must be an array`);
        field.forEach((item, index) => writeElement(out, child, item, prefix, `${childPath}[${index}]`));
      } else {
        writeElement(out, child, field, prefix, childPath);
      }
    }
  }

  function writeElement(out: string[], child: ChildDescription, value: unknown, prefix: string, path: string): void {
    const tag = `${prefix}:${child.name}`;
    out.push(`<${tag}>`);
    if (child.type.startsWith('xsd:')) {
      if (child.type === 'xsd:anyType') throw new RequestWriteError(`${path} is typed xsd:anyType: the writer cannot know its shape`);
      out.push(simpleText(value, path));
    } else {
      writeFields(out, child.type, value, prefix, path);
    }
    out.push(`</${tag}>`);
  }

  return {
    write(name, body, headerXml) {
      const operation = operationOf(name);
      const type = Object.hasOwn(description.elements, operation.input) ? description.elements[operation.input]! : '';
      const { prefix, namespace } = operation;
      const ns = escapeXml(namespace);
      const out: string[] = [envelopeOpen, '<soap:Header>', headerXml, '</soap:Header><soap:Body>'];
      out.push(`<${prefix}:${operation.input} xmlns:${prefix}="${ns}" xmlns="${ns}">`);
      writeFields(out, type, body, prefix, name);
      out.push(`</${prefix}:${operation.input}></soap:Body></soap:Envelope>`);
      return { soapAction: `"${operation.soapAction}"`, xml: out.join('') };
    },
  };
}
