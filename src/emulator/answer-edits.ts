// A hostile server's versions of a real answer (fault kinds doctype, missing, wrongtypes, extra, oversize): the
// serialised SOAP envelope is edited in place, so tests see the bodies a misbehaving IPS would really send.
import type { IpsOperation } from './operations.js';
import {
  childElements,
  descendants,
  isLeaf,
  localName,
  parseXmlTree,
  prefixOf,
  serializeXmlTree,
  type XmlDocument,
  type XmlElement,
} from './xml-tree.js';

const LOG_COUNTS = [
  'fileSuccessCount', 'fileErrorCount', 'fileWarningCount', 'fileDuplicateCount', 'fileUpdateCount', 'totalFileCount',
  'transferSuccessCount', 'transferErrorCount', 'transferWarningCount',
] as const;

/** Elements the schema requires that `missing` strips from each item of the answer. */
export const REQUIRED_ELEMENTS_REMOVED: Partial<Record<IpsOperation, readonly string[]>> = {
  getActiveJobs: ['jobHandle', 'name', 'state'],
  getScheduledJobs: ['jobHandle', 'name', 'type'],
  getJobLogs: LOG_COUNTS,
  getJobLogDetails: LOG_COUNTS,
  getCompanyInfo: ['companyHandle', 'name'],
  getCompanyMembership: ['company', 'role'],
  checkLogin: ['status'],
};

/** What `wrongtypes` writes into every element of that name, at any depth of the answer. */
export const WRONG_TYPE_VALUES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['progress', 'totalSize', 'numProcessed', 'numProcessing', 'numPending', 'detailTotalRows', ...LOG_COUNTS].map((name) => [name, 'lots']),
  ),
  ...Object.fromEntries(
    ['startDate', 'endDate', 'lastProgressUpdate', 'triggerTime', 'nextFireTime', 'dateCreated', 'expires'].map((name) => [name, 'yesterday']),
  ),
  fatalError: 'maybe',
  isActive: 'maybe',
};

export const VENDOR_NS = 'urn:example:vendor-extension';

/** The entity references `doctype` puts into the body: one billion "lol"s and the server's /etc/passwd. */
export const DOCTYPE_REFERENCES = '&lol9;&xxe;';

/** The `<…Return>` element of a SOAP answer (undefined for a SOAP fault). */
function returnElement(doc: XmlDocument): XmlElement | undefined {
  const body = childElements(doc.root).find((e) => localName(e) === 'Body');
  return body && childElements(body).find((e) => localName(e).endsWith('Return'));
}

/** The objects of an answer: each `items` of its arrays, a single struct (companyInfo), or the Return itself for leaves. */
function answerItems(ret: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const children = childElements(ret);
  if (children.some((c) => isLeaf(c) && !localName(c).endsWith('Array'))) out.push(ret);
  for (const child of children) {
    if (isLeaf(child)) continue;
    const items = childElements(child).filter((c) => localName(c) === 'items');
    out.push(...(localName(child).endsWith('Array') ? items : [child]));
  }
  return out;
}

function edit(xml: string, change: (doc: XmlDocument, ret: XmlElement | undefined) => void): string {
  const doc = parseXmlTree(xml);
  change(doc, returnElement(doc));
  return serializeXmlTree(doc);
}

const raw = (text: string) => ({ kind: 'raw' as const, raw: text });

function setText(element: XmlElement, text: string): void {
  element.children = text === '' ? [] : [raw(text)];
  element.selfClosing = text === '';
}

/** `missing`: each item loses the elements REQUIRED_ELEMENTS_REMOVED names for the operation. */
export function withoutRequiredElements(xml: string, operation: string): string {
  const names = REQUIRED_ELEMENTS_REMOVED[operation as IpsOperation];
  if (!names) return xml;
  return edit(xml, (_doc, ret) => {
    for (const item of ret ? answerItems(ret) : []) {
      item.children = item.children.filter((c) => c.kind === 'raw' || !names.includes(localName(c)));
    }
  });
}

/** `wrongtypes`: ints become `lots`, dates `yesterday`, booleans `maybe`, wherever they occur in the answer. */
export function withWrongTypes(xml: string): string {
  return edit(xml, (_doc, ret) => {
    for (const element of ret ? descendants(ret) : []) {
      const value = WRONG_TYPE_VALUES[localName(element)];
      if (value !== undefined && isLeaf(element)) setText(element, value);
    }
  });
}

/** `extra`: an unknown SOAP Header entry, unknown attributes and elements on the Return and in every item. */
export function withExtraElements(xml: string): string {
  return edit(xml, (doc, ret) => {
    const env = prefixOf(doc.root);
    const q = (local: string) => (env ? `${env}:${local}` : local);
    if (!childElements(doc.root).some((e) => localName(e) === 'Header')) {
      const bodyAt = doc.root.children.findIndex((c) => c.kind === 'element' && localName(c) === 'Body');
      doc.root.children.splice(
        Math.max(bodyAt, 0),
        0,
        raw(`<${q('Header')}><vnd:requestTrace xmlns:vnd="${VENDOR_NS}" vnd:node="sj1-ips-web-02">c0ffee-42</vnd:requestTrace></${q('Header')}>`),
      );
    }
    if (!ret) return;
    const p = prefixOf(ret) ? `${prefixOf(ret)}:` : '';
    ret.attributes = ` serverBuild="6.10.2-b812"${ret.attributes}`;
    ret.selfClosing = false;
    ret.children.unshift(raw(`<${p}unexpectedThing kind="top">added in a later schema</${p}unexpectedThing>`));
    ret.children.push(raw(`<vnd:paging xmlns:vnd="${VENDOR_NS}"><vnd:cursor>opaque-7f3a</vnd:cursor><vnd:hasMore>false</vnd:hasMore></vnd:paging>`));
    for (const item of answerItems(ret)) {
      if (item === ret) continue;
      const ip = prefixOf(item) ? `${prefixOf(item)}:` : '';
      item.attributes = ` unexpectedAttr="1" xmlns:vnd="${VENDOR_NS}" vnd:revision="3"${item.attributes}`;
      const firstLeaf = childElements(item).find(isLeaf);
      if (firstLeaf) firstLeaf.attributes = ` vnd:origin="replica"${firstLeaf.attributes}`;
      item.children.splice(1, 0, raw(`<${ip}unexpectedThing>surprise</${ip}unexpectedThing>`));
      item.children.push(raw('<vnd:extension><vnd:priority>high</vnd:priority><vnd:tags><vnd:tag>a</vnd:tag><vnd:tag>b</vnd:tag></vnd:tags></vnd:extension>'));
      item.selfClosing = false;
    }
  });
}

const DOCTYPE_SUBSET = [
  '<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
];

/** `doctype`: a DOCTYPE with billion-laughs and external entities after the XML declaration, referenced in the body. */
export function withDoctype(xml: string): string {
  return edit(xml, (doc, ret) => {
    doc.prolog += `<!DOCTYPE ${doc.root.name} [\n  ${DOCTYPE_SUBSET.join('\n  ')}\n]>`;
    const body = childElements(doc.root).find((e) => localName(e) === 'Body') ?? doc.root;
    const leaf = descendants(body).find((e) => isLeaf(e) && e.children.length > 0);
    const target = leaf ?? ret ?? body;
    setText(target, DOCTYPE_REFERENCES);
  });
}

/** Filler without whitespace; highly compressible on purpose (gzipped, it makes a small body that inflates big). */
function filler(length: number): string {
  return 'Padding-'.repeat(Math.ceil(length / 8)).slice(0, length);
}

/** `oversize`: at least `bytes` of UTF-8 XML, grown inside the first description (else an extra element). */
export function paddedTo(xml: string, bytes: number): string {
  const missing = bytes - Buffer.byteLength(xml, 'utf8');
  if (missing <= 0) return xml;
  return edit(xml, (doc, ret) => {
    const description = ret && descendants(ret).find((e) => localName(e) === 'description' && isLeaf(e));
    if (description) {
      description.children.push(raw(filler(missing)));
      description.selfClosing = false;
    } else if (ret) {
      ret.children.push(raw(`<emu:padding xmlns:emu="urn:ips-jobs-emulator:padding">${filler(missing)}</emu:padding>`));
      ret.selfClosing = false;
    } else {
      doc.epilog += `<!--${filler(missing)}-->`;
    }
  });
}
