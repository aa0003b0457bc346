// A minimal element tree over the emulator's own SOAP output, so fault kinds can edit a real answer and write it back
// byte for byte (raw tags and escaped text are kept as they were). Not a general XML parser: no DTD inside the tree.

export interface XmlElement {
  kind: 'element';
  /** Qualified name as written, e.g. `types:items`. */
  name: string;
  /** Attribute text as written, with its leading whitespace ('' when none). */
  attributes: string;
  children: XmlChild[];
  /** Written as `<a/>`; children added later turn it into `<a>…</a>`. */
  selfClosing: boolean;
}

/** Text, comments, CDATA and processing instructions inside an element, kept raw (already escaped). */
interface XmlRaw {
  kind: 'raw';
  raw: string;
}

type XmlChild = XmlElement | XmlRaw;

export interface XmlDocument {
  /** Everything before the root element (XML declaration, whitespace). */
  prolog: string;
  root: XmlElement;
  /** Everything after the root element. */
  epilog: string;
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\/([^\s>]+)\s*>|<([^\s>/!?<]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*)(\/?)>|[^<]+/y;

export function parseXmlTree(xml: string): XmlDocument {
  const top: XmlElement = { kind: 'element', name: '#document', attributes: '', children: [], selfClosing: false };
  const stack: XmlElement[] = [top];
  let prolog = '';
  let epilog = '';
  let root: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m) throw new Error(`xml-tree: unexpected markup at offset ${at}`);
    const current = stack[stack.length - 1] as XmlElement;
    const [token, closing, opening, attributes = '', selfClose] = m;
    if (closing !== undefined) {
      if (current.name !== closing) throw new Error(`xml-tree: </${closing}> closes <${current.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      if (stack.length === 1 && root) throw new Error('xml-tree: a second root element');
      const element: XmlElement = { kind: 'element', name: opening, attributes, children: [], selfClosing: selfClose === '/' };
      if (stack.length === 1) root = element;
      else current.children.push(element);
      if (!element.selfClosing) stack.push(element);
    } else if (stack.length > 1) {
      current.children.push({ kind: 'raw', raw: token });
    } else if (root) {
      epilog += token;
    } else {
      prolog += token;
    }
  }
  if (!root || stack.length !== 1) throw new Error('xml-tree: no complete root element');
  return { prolog, root, epilog };
}

function serializeElement(element: XmlElement): string {
  if (element.children.length === 0 && element.selfClosing) return `<${element.name}${element.attributes}/>`;
  const inner = element.children.map((child) => (child.kind === 'raw' ? child.raw : serializeElement(child))).join('');
  return `<${element.name}${element.attributes}>${inner}</${element.name}>`;
}

export function serializeXmlTree(doc: XmlDocument): string {
  return doc.prolog + serializeElement(doc.root) + doc.epilog;
}

export function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(':') + 1);
}

/** `types` of `types:items`, '' for an unprefixed name. */
export function prefixOf(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  return colon === -1 ? '' : element.name.slice(0, colon);
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element');
}

/** A leaf holds only text (or nothing): `<types:state>Running</types:state>`. */
export function isLeaf(element: XmlElement): boolean {
  return element.children.every((child) => child.kind === 'raw');
}

/** Every element under `element` (not itself), depth first in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return childElements(element).flatMap((child) => [child, ...descendants(child)]);
}
