// Writes src/ips/wsdl-description.ts from our WSDL (src/ips/wsdl/ips-jobs.wsdl), read with node-soap's own
// WSDL parser: each operation's SOAPAction and body elements, and every complex type's children in schema
// order with their type, whether they may be left out and whether they repeat. The client's request writer
// and response reader are driven by that file, so no process reads or parses a WSDL at run time.
//
//   node scripts/generate-wsdl-description.mjs           write the file (npm run generate)
//   node scripts/generate-wsdl-description.mjs --check   exit 1 when the committed file is out of date
//
// test/ips/wsdl-description.test.ts runs the check, so a WSDL change without a new description fails the tests.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import soap from 'soap';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WSDL = path.join(ROOT, 'src/ips/wsdl/ips-jobs.wsdl');
const OUT = path.join(ROOT, 'src/ips/wsdl-description.ts');
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** `prefix:local` → `xsd:local` for XML Schema's own types, else the local name of one of our complex types. */
function typeName(qname, xmlns) {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = qname.slice(colon + 1);
  return xmlns[prefix] === XSD_NS ? `xsd:${local}` : local;
}

/** The children of a complexType node (a sequence of elements only: anything else is refused, not guessed). */
function sequenceOf(complexType, where, xmlns, inline) {
  const children = [];
  for (const node of complexType.children) {
    if (node.name === 'anyAttribute') continue;
    if (node.name !== 'sequence') throw new Error(`${where}: <${node.name}> is not supported by the request writer and reader`);
    for (const element of node.children) {
      if (element.name !== 'element' || !element.$name) throw new Error(`${where}: <${element.name}> in a sequence is not supported`);
      let type = 'xsd:anyType';
      if (element.$type) type = typeName(element.$type, xmlns);
      else if (element.children.length > 0) type = inline(`${where}.${element.$name}`, element.children[0]);
      const max = element.$maxOccurs;
      children.push({
        name: element.$name,
        type,
        optional: element.$minOccurs === '0',
        repeats: max === 'unbounded' || Number(max) > 1,
      });
    }
  }
  return children;
}

export async function describeWsdl(wsdlPath = WSDL) {
  const client = await soap.createClientAsync(wsdlPath, { disableCache: true });
  const { definitions } = client.wsdl;
  const complexTypes = {};
  const elements = {};
  const namespaces = {};
  for (const [namespace, schema] of Object.entries(definitions.schemas)) {
    const xmlns = { ...definitions.xmlns, ...schema.xmlns, ...schema.schemaXmlns };
    // An element's inline type is named after the element: `#getActiveJobsParam`.
    const inline = (name, node) => {
      if (node.name !== 'complexType') throw new Error(`${name}: an inline <${node.name}> is not supported`);
      const key = `#${name}`;
      complexTypes[key] = sequenceOf(node, name, xmlns, inline);
      return key;
    };
    for (const [name, type] of Object.entries(schema.complexTypes)) {
      if (complexTypes[name]) throw new Error(`complex type ${name} is declared twice`);
      complexTypes[name] = sequenceOf(type, name, xmlns, inline);
    }
    for (const [name, element] of Object.entries(schema.elements)) {
      elements[name] = element.$type ? typeName(element.$type, xmlns) : inline(name, element.children[0]);
      namespaces[name] = namespace;
    }
  }
  const binding = Object.values(definitions.bindings);
  if (binding.length !== 1) throw new Error(`expected one binding, found ${binding.length}`);
  const operations = {};
  for (const [name, method] of Object.entries(binding[0].methods)) {
    const input = definitions.messages[name]?.element?.$name;
    const output = definitions.messages[`${name}Response`]?.element?.$name;
    if (!input || !output) throw new Error(`operation ${name}: no input or output element`);
    operations[name] = { soapAction: method.soapAction, input, output, namespace: namespaces[input], prefix: method.input.targetNSAlias };
  }
  // The namespace declarations node-soap puts on the Envelope (the definitions' own, less SOAP's and XML Schema's).
  const envelope = [...client.wsdl.xmlnsInEnvelope.matchAll(/ xmlns:([^=]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]);
  return { envelope, operations, elements, complexTypes };
}

function render(description) {
  const lines = [
    '// Generated from src/ips/wsdl/ips-jobs.wsdl by scripts/generate-wsdl-description.mjs (node-soap\'s WSDL parser).',
    '// Do not edit by hand: change the WSDL, then `npm run generate`. test/ips/wsdl-description.test.ts fails when',
    '// this file and the WSDL disagree.',
    "import type { WsdlDescription } from './wsdl-description-types.js';",
    '',
    'export const WSDL_DESCRIPTION: WsdlDescription = {',
    `  envelope: ${JSON.stringify(description.envelope)},`,
    '  operations: {',
  ];
  for (const [name, op] of Object.entries(description.operations)) lines.push(`    ${name}: ${JSON.stringify(op)},`);
  lines.push('  },', '  elements: {');
  for (const [name, type] of Object.entries(description.elements)) lines.push(`    ${name}: ${JSON.stringify(type)},`);
  lines.push('  },', '  complexTypes: {');
  for (const [name, children] of Object.entries(description.complexTypes)) {
    lines.push(`    ${JSON.stringify(name)}: [`);
    for (const child of children) lines.push(`      ${JSON.stringify(child)},`);
    lines.push('    ],');
  }
  lines.push('  },', '};', '');
  return lines.join('\n');
}

export async function generatedText(wsdlPath = WSDL) {
  return render(await describeWsdl(wsdlPath));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generatedText();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      process.stderr.write(`${path.relative(ROOT, OUT)} is out of date: run \`npm run generate\`\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(OUT, text);
    process.stderr.write(`wrote ${path.relative(ROOT, OUT)}\n`);
  }
}
