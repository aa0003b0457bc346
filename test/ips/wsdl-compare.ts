/**
 * Test-only helper: compares our hand-written WSDL subset with the reference
 * IPS WSDL, declaration by declaration, and returns every difference as a
 * readable line. Used by wsdl-conformance.test.ts; not part of src/.
 *
 * Parsing is namespace-aware (sax, strict, xmlns): every QName-valued
 * attribute (type, ref, element, message, binding, …) is resolved to
 * namespace URI + local name, so prefixes never matter.
 */
import { createRequire } from 'node:module';

// `sax` ships no type declarations (and @types/sax is not installed), so load
// it through require() and describe the small part of its API we use.
interface SaxAttribute {
  name: string;
  value: string;
  prefix: string;
  local: string;
  uri: string;
}
interface SaxTag {
  name: string;
  prefix: string;
  local: string;
  uri: string;
  attributes: Record<string, SaxAttribute>;
  /** In-scope namespace bindings; inherited ones are on the prototype chain. */
  ns: Record<string, string>;
}
interface SaxParser {
  line: number;
  onopentag: (tag: SaxTag) => void;
  onclosetag: (name: string) => void;
  onerror: (err: Error) => void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}
interface SaxModule {
  parser(strict: boolean, opt: { xmlns: boolean; position?: boolean }): SaxParser;
}
const sax = createRequire(import.meta.url)('sax') as SaxModule;

// ---------------------------------------------------------------------------
// Namespaces and QNames
// ---------------------------------------------------------------------------

export const NS = {
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  soap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  tns: 'http://www.scene7.com/IpsApi',
  types: 'http://www.scene7.com/IpsApi/xsd/2014-04-03',
  flt: 'http://www.scene7.com/IpsApi/xsd',
} as const;

/** Display prefixes, used only to make messages readable (never for matching). */
const DISPLAY_PREFIX = new Map<string, string>(
  Object.entries(NS).map(([prefix, uri]) => [uri, prefix] as [string, string]),
);

interface QName {
  uri: string;
  local: string;
}

/** Canonical, prefix-free key of a QName. */
function qkey(q: QName): string {
  return `{${q.uri}}${q.local}`;
}

/** Readable form of a QName: known namespaces get a fixed display prefix. */
function qshow(q: QName): string {
  const prefix = DISPLAY_PREFIX.get(q.uri);
  if (prefix !== undefined) return `${prefix}:${q.local}`;
  return q.uri === '' ? q.local : `{${q.uri}}${q.local}`;
}

/** Attributes whose value is a QName, resolved against the in-scope namespaces. */
const QNAME_ATTRIBUTES = new Set([
  'type',
  'ref',
  'base',
  'itemType',
  'substitutionGroup',
  'element',
  'message',
  'binding',
]);

// ---------------------------------------------------------------------------
// XML tree
// ---------------------------------------------------------------------------

interface XNode {
  uri: string;
  local: string;
  /** Unqualified attributes by name; namespaced ones by `{uri}local`. No xmlns declarations. */
  attrs: Record<string, string>;
  ns: Record<string, string>;
  children: XNode[];
  line: number;
}

function parseXml(text: string): XNode {
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: XNode[] = [];
  let root: XNode | undefined;
  parser.onerror = (err) => {
    throw err;
  };
  parser.onopentag = (tag) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const node: XNode = {
      uri: tag.uri,
      local: tag.local,
      attrs,
      ns: tag.ns,
      children: [],
      line: parser.line + 1,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** Resolves a QName-valued attribute of `node` (unprefixed → default namespace). */
function resolveQName(node: XNode, value: string): QName {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? '' : value.slice(0, colon);
  const local = colon < 0 ? value : value.slice(colon + 1);
  const uri = node.ns[prefix];
  if (uri === undefined) {
    // Keep it visible in diffs rather than throwing.
    return { uri: `unbound-prefix:${prefix}`, local };
  }
  return { uri, local };
}

function is(node: XNode, uri: string, local: string): boolean {
  return node.uri === uri && node.local === local;
}

function kids(node: XNode, uri: string, local?: string): XNode[] {
  return node.children.filter((c) => c.uri === uri && (local === undefined || c.local === local));
}

/** Attribute value as shown in diffs: QName attributes resolved and displayed. */
function attrValue(node: XNode, name: string): string | undefined {
  const raw = node.attrs[name];
  if (raw === undefined) return undefined;
  return QNAME_ATTRIBUTES.has(name) ? qshow(resolveQName(node, raw.trim())) : raw;
}

function showAttrName(name: string): string {
  if (!name.startsWith('{')) return name;
  const end = name.indexOf('}');
  return qshow({ uri: name.slice(1, end), local: name.slice(end + 1) });
}

// ---------------------------------------------------------------------------
// WSDL model
// ---------------------------------------------------------------------------

interface Declared {
  qn: QName;
  node: XNode;
}

export interface WsdlModel {
  targetNamespace: string;
  /** Schemas by targetNamespace. */
  schemas: Map<string, XNode>;
  /** Top-level schema components by kind (complexType, element, simpleType, …) then QName key. */
  schemaComponents: Map<string, Map<string, Declared>>;
  messages: Map<string, Declared>;
  portTypes: Map<string, Declared>;
  bindings: Map<string, Declared>;
  services: Map<string, Declared>;
  sizeBytes: number;
}

export function parseWsdl(text: string): WsdlModel {
  const root = parseXml(text);
  if (!is(root, NS.wsdl, 'definitions')) {
    throw new Error(`not a WSDL 1.1 document (root is {${root.uri}}${root.local})`);
  }
  const tns = root.attrs['targetNamespace'] ?? '';
  const model: WsdlModel = {
    targetNamespace: tns,
    schemas: new Map(),
    schemaComponents: new Map(),
    messages: new Map(),
    portTypes: new Map(),
    bindings: new Map(),
    services: new Map(),
    sizeBytes: Buffer.byteLength(text, 'utf8'),
  };
  for (const types of kids(root, NS.wsdl, 'types')) {
    for (const schema of kids(types, NS.xsd, 'schema')) {
      const schemaTns = schema.attrs['targetNamespace'] ?? '';
      if (model.schemas.has(schemaTns)) {
        throw new Error(`two schemas with targetNamespace ${schemaTns}`);
      }
      model.schemas.set(schemaTns, schema);
      for (const comp of schema.children) {
        if (comp.uri !== NS.xsd || comp.local === 'annotation') continue;
        const name = comp.attrs['name'];
        if (name === undefined) continue; // import/include: none expected
        const byKind = model.schemaComponents.get(comp.local) ?? new Map<string, Declared>();
        model.schemaComponents.set(comp.local, byKind);
        const qn = { uri: schemaTns, local: name };
        if (byKind.has(qkey(qn))) throw new Error(`duplicate ${comp.local} ${qshow(qn)}`);
        byKind.set(qkey(qn), { qn, node: comp });
      }
    }
  }
  const collect = (local: string, into: Map<string, Declared>): void => {
    for (const node of kids(root, NS.wsdl, local)) {
      const qn = { uri: tns, local: node.attrs['name'] ?? '' };
      if (into.has(qkey(qn))) throw new Error(`duplicate ${local} ${qshow(qn)}`);
      into.set(qkey(qn), { qn, node });
    }
  };
  collect('message', model.messages);
  collect('portType', model.portTypes);
  collect('binding', model.bindings);
  collect('service', model.services);
  return model;
}

/** Operation names of each portType / binding, for the "exactly these operations" checks. */
export function operationNames(model: WsdlModel, kind: 'portTypes' | 'bindings'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of model[kind].values()) {
    out.set(
      d.qn.local,
      kids(d.node, NS.wsdl, 'operation').map((op) => op.attrs['name'] ?? ''),
    );
  }
  return out;
}

/** Namespace URIs of the binding extension elements (soap:binding / soap12:binding) per binding. */
export function bindingProtocols(model: WsdlModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of model.bindings.values()) {
    out.set(
      d.qn.local,
      d.node.children.filter((c) => c.local === 'binding').map((c) => c.uri),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------

/** A documented simplification: `owner`'s child `element` is xsd:anyType in ours. */
export interface AnyTypeSimplification {
  /**
   * Local name of the complexType (in the 2014-04-03 namespace) holding the element, or of the top-level element
   * whose anonymous complexType holds it (e.g. `submitJobParam`).
   */
  owner: string;
  element: string;
  /** Local name of the reference's named type (2014-04-03 namespace). */
  referenceType: string;
}

/**
 * A documented simplification: our complexType `type` (a sequence) leaves out elements of the reference's that are
 * optional there (minOccurs="0"), and keeps the reference's order of those it keeps. What it keeps is compared as
 * usual (type, occurrences, nillable); leaving out a required element, reordering or adding one is reported.
 */
export interface OmitsOptionalSimplification {
  /** Local name of the complexType (2014-04-03 namespace), or of the top-level element whose anonymous complexType it is. */
  type: string;
  omitsOptional: true;
}

export type Simplification = AnyTypeSimplification | OmitsOptionalSimplification;

function isAnyTypeSimplification(s: Simplification): s is AnyTypeSimplification {
  return 'element' in s;
}

export interface CompareOptions {
  simplifications?: readonly Simplification[];
  /** Flattened WSDL keys (see flatten) not compared, e.g. the placeholder soap:address. */
  ignoreServiceKeys?: readonly string[];
}

const XSD_ANYTYPE = qkey({ uri: NS.xsd, local: 'anyType' });

class Ctx {
  readonly diffs: string[] = [];
  readonly usedSimplifications = new Set<Simplification>();
  readonly simplifications: readonly AnyTypeSimplification[];
  readonly omitsOptional: readonly OmitsOptionalSimplification[];
  constructor(
    readonly ours: WsdlModel,
    readonly ref: WsdlModel,
    simplifications: readonly Simplification[],
  ) {
    this.simplifications = simplifications.filter(isAnyTypeSimplification);
    this.omitsOptional = simplifications.filter((s): s is OmitsOptionalSimplification => !isAnyTypeSimplification(s));
  }
  add(line: string): void {
    this.diffs.push(line);
  }
}

/**
 * Compares every declaration of `ours` with its counterpart in `ref`.
 * Returns the list of differences (empty = conforms).
 */
export function compareWsdl(ours: WsdlModel, ref: WsdlModel, options: CompareOptions = {}): string[] {
  const ctx = new Ctx(ours, ref, options.simplifications ?? []);

  if (ours.targetNamespace !== ref.targetNamespace) {
    ctx.add(`definitions: targetNamespace ${ours.targetNamespace} ≠ reference ${ref.targetNamespace}`);
  }

  // Schemas: same targetNamespace must exist, same form defaults.
  for (const [schemaTns, schema] of ours.schemas) {
    const refSchema = ref.schemas.get(schemaTns);
    if (!refSchema) {
      ctx.add(`schema ${schemaTns}: no schema with this targetNamespace in reference`);
      continue;
    }
    for (const [attr, dflt] of [
      ['elementFormDefault', 'unqualified'],
      ['attributeFormDefault', 'unqualified'],
    ] as const) {
      const a = schema.attrs[attr] ?? dflt;
      const b = refSchema.attrs[attr] ?? dflt;
      if (a !== b) ctx.add(`schema ${schemaTns}: ${attr} ${a} ≠ reference ${b}`);
    }
  }

  // Schema components.
  for (const [kind, byKey] of ours.schemaComponents) {
    for (const [key, decl] of byKey) {
      const label = `${kind} ${decl.qn.local}`;
      const refDecl = ref.schemaComponents.get(kind)?.get(key);
      if (!refDecl) {
        reportMissing(ctx, label, kind, decl.qn, ref.schemaComponents.get(kind));
        continue;
      }
      if (kind === 'complexType') compareComplexType(ctx, label, decl.node, refDecl.node);
      else if (kind === 'element') compareElementDecl(ctx, label, undefined, decl.node, refDecl.node, true);
      else compareFlat(ctx, label, flatten(decl.node), flatten(refDecl.node));
    }
  }

  // WSDL components.
  for (const [kindName, oursMap, refMap] of [
    ['message', ours.messages, ref.messages],
    ['portType', ours.portTypes, ref.portTypes],
    ['binding', ours.bindings, ref.bindings],
    ['service', ours.services, ref.services],
  ] as const) {
    for (const [key, decl] of oursMap) {
      const label = `${kindName} ${decl.qn.local}`;
      const refDecl = refMap.get(key);
      if (!refDecl) {
        reportMissing(ctx, label, kindName, decl.qn, refMap);
        continue;
      }
      if (kindName === 'message') {
        compareFlat(ctx, label, flatten(decl.node), flatten(refDecl.node));
      } else if (kindName === 'service') {
        compareNamedChildren(ctx, label, 'port', decl.node, refDecl.node, options.ignoreServiceKeys ?? []);
      } else {
        compareNamedChildren(ctx, label, 'operation', decl.node, refDecl.node, []);
      }
    }
  }

  for (const s of ctx.simplifications) {
    if (!ctx.usedSimplifications.has(s)) {
      ctx.add(`simplification ${s.owner}/${s.element}: no such child element in our complexType ${s.owner}`);
    }
  }
  for (const s of ctx.omitsOptional) {
    if (!ctx.usedSimplifications.has(s)) ctx.add(`simplification ${s.type} omits optional elements: no such complexType in our WSDL`);
  }

  checkDanglingReferences(ctx);
  return ctx.diffs;
}

function reportMissing(
  ctx: Ctx,
  label: string,
  kind: string,
  qn: QName,
  refMap: Map<string, Declared> | undefined,
): void {
  const elsewhere = [...(refMap?.values() ?? [])].filter((d) => d.qn.local === qn.local);
  if (elsewhere.length > 0) {
    const where = elsewhere.map((d) => d.qn.uri).join(', ');
    ctx.add(`${label}: namespace ${qn.uri} ≠ reference ${where}`);
  } else {
    ctx.add(`${label}: no ${kind} named '${qn.local}' in reference`);
  }
}

// --- XSD ------------------------------------------------------------------

const PARTICLE_DEFAULTS: Record<string, string> = { minOccurs: '1', maxOccurs: '1', nillable: 'false' };

/** The element's attributes as compared: defaults filled, QNames resolved. */
function elementFacts(node: XNode, isTopLevel: boolean): Map<string, string> {
  const facts = new Map<string, string>();
  const inline = node.children.find(
    (c) => c.uri === NS.xsd && (c.local === 'complexType' || c.local === 'simpleType'),
  );
  facts.set('name', node.attrs['name'] ?? '(none)');
  if (node.attrs['ref'] !== undefined) facts.set('ref', attrValue(node, 'ref') ?? '');
  facts.set('type', inline ? `(anonymous ${inline.local})` : (attrValue(node, 'type') ?? '(none)'));
  const defaults = isTopLevel ? { nillable: 'false' } : PARTICLE_DEFAULTS;
  for (const [attr, dflt] of Object.entries(defaults)) facts.set(attr, node.attrs[attr] ?? dflt);
  for (const attr of Object.keys(node.attrs)) {
    if (!facts.has(attr)) facts.set(showAttrName(attr), attrValue(node, attr) ?? '');
  }
  return facts;
}

function compareElementDecl(
  ctx: Ctx,
  label: string,
  owner: string | undefined,
  ours: XNode,
  ref: XNode,
  isTopLevel: boolean,
): void {
  const a = elementFacts(ours, isTopLevel);
  const b = elementFacts(ref, isTopLevel);
  const simplification =
    owner === undefined
      ? undefined
      : ctx.simplifications.find((s) => s.owner === owner && s.element === ours.attrs['name']);
  if (simplification) {
    ctx.usedSimplifications.add(simplification);
    const oursType = ours.attrs['type'] === undefined ? undefined : resolveQName(ours, ours.attrs['type']);
    const refType = ref.attrs['type'] === undefined ? undefined : resolveQName(ref, ref.attrs['type']);
    const expectedRef = qshow({ uri: NS.types, local: simplification.referenceType });
    if (!oursType || qkey(oursType) !== XSD_ANYTYPE) {
      ctx.add(`${label} type ${a.get('type')}: listed as anyType simplification, expected xsd:anyType`);
    }
    if (!refType || qkey(refType) !== qkey({ uri: NS.types, local: simplification.referenceType })) {
      ctx.add(`${label} reference type ${b.get('type')} ≠ documented ${expectedRef}`);
    }
    a.delete('type');
    b.delete('type');
  }
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const va = a.get(key);
    const vb = b.get(key);
    if (va === vb) continue;
    if (va === undefined) ctx.add(`${label} ${key} missing, reference ${vb}`);
    else if (vb === undefined) ctx.add(`${label} ${key} ${va} not in reference`);
    else ctx.add(`${label} ${key} ${va} ≠ reference ${vb}`);
  }
  const inlineA = ours.children.find((c) => c.uri === NS.xsd && c.local === 'complexType');
  const inlineB = ref.children.find((c) => c.uri === NS.xsd && c.local === 'complexType');
  // An anonymous complexType is named by its element in the lists of simplifications.
  if (inlineA && inlineB) compareComplexType(ctx, `${label} (anonymous complexType)`, inlineA, inlineB, ours.attrs['name']);
  const simpleA = ours.children.find((c) => c.uri === NS.xsd && c.local === 'simpleType');
  const simpleB = ref.children.find((c) => c.uri === NS.xsd && c.local === 'simpleType');
  if (simpleA && simpleB) compareFlat(ctx, `${label} (anonymous simpleType)`, flatten(simpleA), flatten(simpleB));
}

const COMPOSITORS = new Set(['sequence', 'all', 'choice']);

function compareComplexType(ctx: Ctx, label: string, ours: XNode, ref: XNode, elementName?: string): void {
  const owner = ours.attrs['name'] ?? elementName;
  const omitting = ctx.omitsOptional.find((s) => s.type === owner);
  const oursAttrs = flattenAttrs(ours);
  const refAttrs = flattenAttrs(ref);
  compareFlat(ctx, label, oursAttrs, refAttrs);

  const parts = (n: XNode) => n.children.filter((c) => c.uri === NS.xsd && c.local !== 'annotation');
  const pa = parts(ours);
  const pb = parts(ref);
  const compA = pa.find((c) => COMPOSITORS.has(c.local));
  const compB = pb.find((c) => COMPOSITORS.has(c.local));
  const kindA = compA?.local ?? '(empty)';
  const kindB = compB?.local ?? '(empty)';
  if (kindA !== kindB) {
    ctx.add(`${label}: content model ${kindA} ≠ reference ${kindB}`);
  } else if (compA && compB) {
    compareFlat(ctx, `${label} ${kindA}`, flattenAttrs(compA), flattenAttrs(compB));
    const ca = compA.children.filter((c) => c.uri === NS.xsd && c.local !== 'annotation');
    const cb = compB.children.filter((c) => c.uri === NS.xsd && c.local !== 'annotation');
    if (!omitting) {
      compareChildrenByPosition(ctx, label, owner, ca, cb);
    } else {
      ctx.usedSimplifications.add(omitting);
      if (kindA === 'sequence') compareKeptChildren(ctx, label, owner, ca, cb);
      else ctx.add(`${label}: listed as omitting optional elements, but its content model is ${kindA}, not sequence`);
    }
  }
  // Everything else (anyAttribute, attribute, complexContent, …) compared structurally.
  const rest = (list: XNode[]) => list.filter((c) => !COMPOSITORS.has(c.local));
  compareFlat(ctx, label, flattenList(rest(pa)), flattenList(rest(pb)));
}

/** The children of a content model, ours and the reference's, compared position by position. */
function compareChildrenByPosition(ctx: Ctx, label: string, owner: string | undefined, ca: XNode[], cb: XNode[]): void {
  if (ca.length !== cb.length) ctx.add(`${label}: ${ca.length} children ≠ reference ${cb.length}`);
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    const pos = `child ${i + 1}`;
    if (!x && y) ctx.add(`${label}: ${pos} missing, reference has '${nameOf(y)}'`);
    else if (x && !y) ctx.add(`${label}: ${pos} '${nameOf(x)}' not in reference`);
    else if (x && y && nameOf(x) !== nameOf(y)) ctx.add(`${label}: ${pos} is '${nameOf(x)}', reference has '${nameOf(y)}'`);
    else if (x && y) compareParticle(ctx, `${label}: ${pos}`, owner, x, y);
  }
}

/** How a particle of a content model is named in diffs: an element by its name (or ref), anything else by its kind. */
function nameOf(n: XNode): string {
  return n.local === 'element' ? (n.attrs['name'] ?? n.attrs['ref'] ?? '?') : `<${n.local}>`;
}

/** One particle of ours against the reference's particle of the same name; `at` names its position. */
function compareParticle(ctx: Ctx, at: string, owner: string | undefined, x: XNode, y: XNode): void {
  if (x.local === 'element') compareElementDecl(ctx, `${at} '${nameOf(x)}'`, owner, x, y, false);
  else compareFlat(ctx, at, flatten(x), flatten(y));
}

/**
 * The children of a sequence listed as omitting optional elements: each of ours must be the reference's child of
 * the same name, in the reference's order, and compare equal to it; each reference child left out must be
 * optional (minOccurs="0"). A listed type that leaves nothing out is reported too, so the list stays true.
 */
function compareKeptChildren(ctx: Ctx, label: string, owner: string | undefined, ca: XNode[], cb: XNode[]): void {
  const refIndex = new Map(cb.map((n, j) => [nameOf(n), j] as const));
  const kept = new Set<number>();
  let last = -1;
  ca.forEach((x, i) => {
    const pos = `child ${i + 1}`;
    const j = refIndex.get(nameOf(x));
    if (j === undefined || kept.has(j)) {
      ctx.add(`${label}: ${pos} '${nameOf(x)}' not in reference`);
      return;
    }
    if (j < last) ctx.add(`${label}: ${pos} '${nameOf(x)}' out of the reference's order (the reference has it before '${nameOf(cb[last]!)}')`);
    last = Math.max(last, j);
    kept.add(j);
    compareParticle(ctx, `${label}: ${pos}`, owner, x, cb[j]!);
  });
  const omitted = cb.filter((_, j) => !kept.has(j));
  for (const y of omitted) {
    const minOccurs = y.attrs['minOccurs'] ?? '1';
    if (minOccurs !== '0') ctx.add(`${label}: reference child '${nameOf(y)}' (minOccurs ${minOccurs}) left out: only optional elements may be`);
  }
  if (omitted.length === 0) ctx.add(`${label}: listed as omitting optional elements, but omits none`);
}

// --- generic structural comparison (WSDL parts, anyAttribute, …) ---------

/** Attributes of one node as `@name` → displayed value. */
function flattenAttrs(node: XNode, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of Object.keys(node.attrs)) {
    out.set(`${path}@${showAttrName(name)}`, attrValue(node, name) ?? '');
  }
  return out;
}

function childLabel(node: XNode): string {
  // WSDL's own elements (input, part, fault, …) unprefixed; extensions/XSD prefixed.
  const name = node.uri === NS.wsdl ? node.local : qshow({ uri: node.uri, local: node.local });
  return node.attrs['name'] !== undefined ? `${name} '${node.attrs['name']}'` : name;
}

function flattenList(nodes: XNode[], path = '', out = new Map<string, string>()): Map<string, string> {
  const seen = new Map<string, number>();
  for (const child of nodes) {
    if (child.local === 'documentation' || child.local === 'annotation') continue;
    const base = childLabel(child);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const p = `${path}${path ? '/' : ''}${base}${n > 1 ? `[${n}]` : ''}`;
    out.set(p, 'present');
    for (const [k, v] of flattenAttrs(child, p)) out.set(k, v);
    flattenList(child.children, p, out);
  }
  return out;
}

/**
 * Flattens a node's attributes and subtree into `path` → value pairs, e.g.
 * `input/soap:header@message` → `tns:authHeader`. Named children are keyed by
 * name (order-insensitive), unnamed repeated ones by position.
 */
function flatten(node: XNode): Map<string, string> {
  const out = flattenAttrs(node);
  for (const [k, v] of flattenList(node.children)) out.set(k, v);
  return out;
}

function compareFlat(
  ctx: Ctx,
  label: string,
  a: Map<string, string>,
  b: Map<string, string>,
  ignore: readonly string[] = [],
): void {
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (ignore.includes(key)) continue;
    const va = a.get(key);
    const vb = b.get(key);
    if (va === vb) continue;
    const k = key.startsWith('@') ? key.slice(1) : key;
    if (va === undefined) ctx.add(`${label}: ${k} missing (reference: ${vb})`);
    else if (vb === undefined) ctx.add(`${label}: ${k} = ${va} not in reference`);
    else ctx.add(`${label}: ${k} ${va} ≠ reference ${vb}`);
  }
}

/**
 * Compares a portType / binding / service: its own attributes and extension
 * elements, then each of OUR named children (operations / ports) against the
 * reference's child of the same name. Reference children we do not declare
 * are fine (we declare a subset).
 */
function compareNamedChildren(
  ctx: Ctx,
  label: string,
  childLocal: string,
  ours: XNode,
  ref: XNode,
  ignore: readonly string[],
): void {
  const own = (n: XNode) => n.children.filter((c) => !(c.uri === NS.wsdl && c.local === childLocal));
  const oursOwn = flattenAttrs(ours);
  for (const [k, v] of flattenList(own(ours))) oursOwn.set(k, v);
  const refOwn = flattenAttrs(ref);
  for (const [k, v] of flattenList(own(ref))) refOwn.set(k, v);
  compareFlat(ctx, label, oursOwn, refOwn);

  const refChildren = new Map(kids(ref, NS.wsdl, childLocal).map((c) => [c.attrs['name'] ?? '', c] as const));
  for (const child of kids(ours, NS.wsdl, childLocal)) {
    const name = child.attrs['name'] ?? '';
    const refChild = refChildren.get(name);
    const childLabelText = `${label} ${childLocal} ${name}`;
    if (!refChild) {
      ctx.add(`${childLabelText}: no ${childLocal} named '${name}' in reference`);
      continue;
    }
    compareFlat(ctx, childLabelText, flatten(child), flatten(refChild), ignore);
  }
}

// --- references inside OUR document must resolve inside OUR document -------

function checkDanglingReferences(ctx: Ctx): void {
  const ours = ctx.ours;
  const has = (kind: string, q: QName) => ours.schemaComponents.get(kind)?.has(qkey(q)) ?? false;
  const visit = (node: XNode, check: (n: XNode) => void): void => {
    check(node);
    for (const c of node.children) visit(c, check);
  };
  for (const schema of ours.schemas.values()) {
    visit(schema, (n) => {
      if (n.uri !== NS.xsd || n.local !== 'element') return;
      const t = n.attrs['type'];
      if (t !== undefined) {
        const q = resolveQName(n, t);
        if (q.uri !== NS.xsd && !has('complexType', q) && !has('simpleType', q)) {
          ctx.add(`our WSDL: element '${n.attrs['name']}' (line ${n.line}) uses undeclared type ${qshow(q)}`);
        }
      }
      const r = n.attrs['ref'];
      if (r !== undefined && !has('element', resolveQName(n, r))) {
        ctx.add(`our WSDL: element ref ${qshow(resolveQName(n, r))} (line ${n.line}) is not declared`);
      }
    });
  }
  for (const m of ours.messages.values()) {
    for (const part of kids(m.node, NS.wsdl, 'part')) {
      const e = part.attrs['element'];
      if (e !== undefined && !has('element', resolveQName(part, e))) {
        ctx.add(`our WSDL: message ${m.qn.local} part '${part.attrs['name']}' element ${qshow(resolveQName(part, e))} is not declared`);
      }
    }
  }
  const msgDeclared = (n: XNode, v: string) => ours.messages.has(qkey(resolveQName(n, v)));
  for (const decl of [...ours.portTypes.values(), ...ours.bindings.values()]) {
    visit(decl.node, (n) => {
      const m = n.attrs['message'];
      if (m !== undefined && !msgDeclared(n, m)) {
        ctx.add(`our WSDL: ${n.local} (line ${n.line}) refers to undeclared message ${qshow(resolveQName(n, m))}`);
      }
    });
  }
  for (const b of ours.bindings.values()) {
    const t = b.node.attrs['type'];
    if (t !== undefined && !ours.portTypes.has(qkey(resolveQName(b.node, t)))) {
      ctx.add(`our WSDL: binding ${b.qn.local} refers to undeclared portType ${qshow(resolveQName(b.node, t))}`);
    }
  }
  for (const s of ours.services.values()) {
    for (const port of kids(s.node, NS.wsdl, 'port')) {
      const bq = port.attrs['binding'];
      if (bq !== undefined && !ours.bindings.has(qkey(resolveQName(port, bq)))) {
        ctx.add(`our WSDL: port ${port.attrs['name']} refers to undeclared binding ${qshow(resolveQName(port, bq))}`);
      }
    }
  }
}
