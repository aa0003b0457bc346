// Generated node-soap-shaped values written back as the XML of an IPS answer.
import fc from 'fast-check';
import { envelope } from '../helpers/capture-server.js';
import { HOSTILE_PIECES, serverText } from './arbitraries.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
const XSD = 'http://www.scene7.com/IpsApi/xsd';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A node-soap-shaped value back to XML: text, empty elements, repeats, attributes and children. */
function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  const tag = name.startsWith('$') ? 'x' : name;
  if (value === null) return `<ns1:${tag}/>`;
  if (Array.isArray(value)) return value.map((item) => toXml(tag, item)).join('');
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const text = obj.$value;
    if (text !== undefined && (text === null || typeof text !== 'object')) return `<ns1:${tag} kind="text">${escapeXml(String(text))}</ns1:${tag}>`;
    const inner = Object.entries(obj)
      .filter(([key]) => key !== 'attributes')
      .map(([key, inner]) => toXml(key, inner))
      .join('');
    return `<ns1:${tag}>${inner}</ns1:${tag}>`;
  }
  return `<ns1:${tag}>${escapeXml(String(value))}</ns1:${tag}>`;
}

/** A whole SOAP answer of `operation` whose return element holds `array` under `arrayName`. */
export function returnBody(operation: string, arrayName: string, array: unknown): string {
  return envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}">${toXml(arrayName, array)}</ns1:${operation}Return>`);
}

/** Pieces spliced into bodies: markup, entities, DOCTYPEs, faults and hostile text. */
const FRAGMENTS = [
  '<',
  '>',
  '&',
  '&bogus;',
  '&#0;',
  '&#x1b;',
  '<!DOCTYPE r [<!ENTITY big "boom">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&x;',
  '</ns1:items>',
  '<ns1:items>',
  '<ns1:jobArray>',
  '<![CDATA[<ns1:name>x</ns1:name>]]>',
  '<?xml version="1.0"?>',
  '<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>x</faultstring></soapenv:Fault>',
  `<ns2:ipsApiFault xmlns:ns2="${XSD}"><code>30000</code><reason>\u001b[2J</reason></ns2:ipsApiFault>`,
  '\u0000',
  '\uffff',
  ...HOSTILE_PIECES,
];

/** Ways to break a body: cut it, splice something in, drop or repeat a slice. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...FRAGMENTS), serverText) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 60 }) }),
);

export type Mutation = { kind: 'cut' | 'insert' | 'drop' | 'repeat'; at: number; text?: string; length?: number };

export function mutate(body: string, mutations: readonly Mutation[]): string {
  let out = body;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.kind === 'cut') out = out.slice(0, at);
    else if (m.kind === 'insert') out = out.slice(0, at) + (m.text ?? '') + out.slice(at);
    else if (m.kind === 'drop') out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
    else out = out.slice(0, at) + out.slice(at, at + (m.length ?? 1)).repeat(2) + out.slice(at + (m.length ?? 1));
  }
  return out;
}
