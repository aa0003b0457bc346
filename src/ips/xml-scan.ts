// A strict, non-validating XML scanner for SOAP answers: open tags with their attributes, close tags, text
// and CDATA, with entity references decoded. It refuses what is not well-formed — mismatched or unclosed tags,
// undeclared entities, a DOCTYPE, text outside the root — and says when the document ends too soon.
// It scans with indexOf rather than a character at a time: sax, which node-soap uses, took 1.5 s of the 3 s a
// 5,000-job answer cost; this takes a fraction of that (npm run bench, figure 3).
//
// Not supported, because IPS never sends them and a SOAP answer may not carry them: DTDs and the entities
// they declare. Namespace prefixes are left in the names; the caller maps them.

import { setOwn } from './own-field.js';

/** The XML is not well-formed; `truncated` when it ended before the document did. */
export class XmlReadError extends Error {
  override name = 'XmlReadError';
  constructor(
    readonly detail: string,
    readonly truncated: boolean,
  ) {
    super(detail);
  }
}

export interface XmlHandler {
  /**
   * A start tag; `attributes` is undefined when it has none. A self-closing tag is followed by its close.
   * An element without attributes whose start tag is followed by text, if any, and its end tag is a `leaf`.
   */
  open(name: string, attributes: Record<string, string> | undefined): void;
  close(name: string): void;
  /**
   * An element without attributes that holds text alone: `<name/>`, `<name></name>` or `<name>text</name>`,
   * the text as `text` would have it (undefined when there is none, or only XML whitespace); what open, text and
   * close would have said in one call. CDATA or a comment inside make it an ordinary element.
   */
  leaf(name: string, text: string | undefined): void;
  /**
   * Character data (text or CDATA), entities decoded. Runs of XML whitespace alone between tags (indentation)
   * are not passed; CDATA always is.
   */
  text(text: string): void;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function fail(detail: string, at: number): never {
  throw new XmlReadError(`${detail} (at character ${at})`, false);
}

function truncated(detail: string): never {
  throw new XmlReadError(detail, true);
}

/** Replaces entity and character references; an unknown or unterminated one is an error. */
export function decodeEntities(text: string, offset = 0): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) fail('an & that starts no entity reference', offset + amp);
    const name = text.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120; /* x */
      const digits = name.slice(hex ? 2 : 1);
      const code = (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits) ? Number.parseInt(digits, hex ? 16 : 10) : Number.NaN;
      if (Number.isInteger(code) && code <= 0x10ffff) decoded = String.fromCodePoint(code);
    } else {
      decoded = ENTITIES[name];
    }
    if (decoded === undefined) fail(`an unknown entity &${name};`, offset + amp);
    out += text.slice(from, amp) + decoded;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

const isSpace = (code: number) => code === 32 || code === 10 || code === 9 || code === 13;

/** Drops trailing XML whitespace (space, tab, CR, LF) only: String#trimEnd would also drop U+00A0 and the like. */
function trimXmlSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Characters below 128 a name may not hold: whitespace and markup (`\s<>&"'=/!?`). */
const NOT_IN_NAME = new Uint8Array(128);
for (const c of '\t\n\v\f\r <>&"\'=/!?') NOT_IN_NAME[c.charCodeAt(0)] = 1;

/** A name may start with a letter, `_`, `:` or a character from U+00C0 on. */
function startsName(first: number): boolean {
  return (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95 || first === 58 || first >= 0xc0;
}

/** A name may not start with these, nor hold whitespace or markup characters. */
function checkName(name: string, at: number): void {
  if (name.length === 0) fail('a tag without a name', at);
  if (!startsName(name.charCodeAt(0)) || /[\s<>&"'=/!?]/.test(name)) fail(`an invalid name "${name.slice(0, 40)}"`, at);
}

/** Attributes of a start tag, between its name and its end; undefined when there are none. */
function readAttributes(xml: string, from: number, to: number): Record<string, string> | undefined {
  let attributes: Record<string, string> | undefined;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(xml.charCodeAt(i))) i++;
    if (i >= to) break;
    const eq = xml.indexOf('=', i);
    if (eq === -1 || eq >= to) fail('an attribute without a value', i);
    const name = trimXmlSpace(xml.slice(i, eq));
    checkName(name, i);
    let q = eq + 1;
    while (q < to && isSpace(xml.charCodeAt(q))) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== 34 && quote !== 39) fail(`the value of attribute ${name} is not quoted`, q);
    const end = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
    if (end === -1 || end >= to) fail(`the value of attribute ${name} is not closed`, q);
    const raw = xml.slice(q + 1, end);
    if (raw.includes('<')) fail(`a < in the value of attribute ${name}`, q);
    attributes ??= {};
    if (Object.hasOwn(attributes, name)) fail(`attribute ${name} given twice`, i);
    setOwn(attributes, name, decodeEntities(raw, q + 1));
    i = end + 1;
    if (i < to && !isSpace(xml.charCodeAt(i))) fail('attributes not separated by whitespace', i);
  }
  return attributes;
}

/** Whether `xml` holds only XML whitespace from `from` to `to`. */
function isBlank(xml: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isSpace(xml.charCodeAt(i))) i++;
  return i === to;
}

/** Where a start tag ends (its `>`), skipping `>` inside quoted attribute values; -1 when it never does. */
function tagEnd(xml: string, from: number): number {
  const gt = xml.indexOf('>', from);
  if (gt === -1) return -1;
  // Fast path: no quote before the `>`, so no attribute value can hide one.
  let i = from;
  while (i < gt) {
    const c = xml.charCodeAt(i);
    if (c === 34 || c === 39) break;
    i++;
  }
  if (i === gt) return gt;
  while (i < xml.length) {
    const c = xml.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 34 || c === 39) {
      const close = xml.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
    } else {
      i++;
    }
  }
  return -1;
}

/** After a `<!` at `lt`: a comment skipped, CDATA passed on as text; anything else refused. Where scanning goes on. */
function markupDeclaration(xml: string, lt: number, inRoot: boolean, handler: XmlHandler): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    if (end === -1) truncated('the document ends inside a comment');
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    if (!inRoot) fail('CDATA outside the root element', lt);
    const end = xml.indexOf(']]>', lt + 9);
    if (end === -1) truncated('the document ends inside a CDATA section');
    handler.text(xml.slice(lt + 9, end));
    return end + 3;
  }
  if (xml.startsWith('<!DOCTYPE', lt)) fail('a DOCTYPE, which a SOAP answer may not carry', lt);
  const rest = xml.slice(lt);
  if (['<!--', '<![CDATA[', '<!DOCTYPE'].some((opener) => opener.startsWith(rest))) truncated('the document ends inside a <! construct');
  fail('a <! that starts neither a comment nor CDATA', lt);
}

/** After a `<?` at `lt`: the processing instruction skipped (an XML declaration only at the start). Where scanning goes on. */
function processingInstruction(xml: string, lt: number, start: number): number {
  const end = xml.indexOf('?>', lt + 2);
  if (end === -1) truncated('the document ends inside a processing instruction');
  const target = /^[^\s?]*/.exec(xml.slice(lt + 2, end))![0];
  checkName(target, lt);
  if (lt > start && target.toLowerCase() === 'xml') fail('an XML declaration that is not at the start', lt);
  return end + 2;
}

/**
 * Where the name of a start tag that begins at `from` ends (at whitespace, or at `to`, the end of the tag). The
 * name is checked in full only when it starts badly or holds markup, whitespace of another kind or a character
 * beyond ASCII (the regular expression decides those).
 */
function nameEnd(xml: string, from: number, to: number): number {
  let end = from;
  let plain = startsName(xml.charCodeAt(end));
  for (; end < to; end++) {
    const c = xml.charCodeAt(end);
    if (c === 32 || c === 10 || c === 9 || c === 13) break;
    if (c >= 128 || NOT_IN_NAME[c] === 1) plain = false;
  }
  if (!plain) checkName(xml.slice(from, end), from - 1);
  return end;
}

/**
 * Where the end tag of `name` that starts at `closeAt` ends (its `>`), or -1 when what is there is not that end
 * tag: the name, then XML whitespace alone (compared in place, not copied).
 */
function endTagEnd(xml: string, closeAt: number, name: string): number {
  if (closeAt === -1 || xml.charCodeAt(closeAt + 1) !== 47 /* / */) return -1;
  const closeEnd = xml.indexOf('>', closeAt + 2);
  if (closeEnd === -1) return -1;
  let after = closeAt + 2 + name.length;
  if (after > closeEnd || !xml.startsWith(name, closeAt + 2)) return -1;
  while (after < closeEnd && isSpace(xml.charCodeAt(after))) after++;
  return after === closeEnd ? closeEnd : -1;
}

/** Scans a whole document, calling the handler; throws XmlReadError when it is not well-formed. */
export function scanXml(xml: string, handler: XmlHandler): void {
  const open: string[] = [];
  let rootClosed = false;
  // A byte order mark may come first (the answer's bytes were decoded without removing it).
  const start = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let i = start;
  const length = xml.length;
  // The next & at or after some point before i: text up to it holds no entity reference (one search for all).
  let amp = -1;
  /** The text from `from` to `to`, its entities decoded. */
  const textOf = (from: number, to: number): string => {
    if (amp < from && amp !== length) {
      amp = xml.indexOf('&', from);
      if (amp === -1) amp = length;
    }
    return amp < to ? decodeEntities(xml.slice(from, to), from) : xml.slice(from, to);
  };
  // Where the next < is, when a start tag looked ahead to it (-1: not known).
  let known = -1;
  while (i < length) {
    const lt = known >= i ? known : xml.indexOf('<', i);
    // Text that runs to the end inside an open element: the document stopped (perhaps mid-entity).
    if (lt === -1 && open.length > 0) truncated(`the document ends before </${open[open.length - 1]}>`);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > i && !isBlank(xml, i, textEnd)) {
      if (open.length === 0) fail(rootClosed ? 'text after the root element' : 'text before the root element', i);
      handler.text(textOf(i, textEnd));
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) truncated('the document ends inside a close tag');
      const name = trimXmlSpace(xml.slice(lt + 2, gt));
      const expected = open.pop();
      if (expected === undefined) fail(`an unexpected close tag </${name.slice(0, 40)}>`, lt);
      if (name !== expected) fail(`an unexpected close tag </${name.slice(0, 40)}> where </${expected}> belongs`, lt);
      handler.close(name);
      if (open.length === 0) rootClosed = true;
      i = gt + 1;
    } else if (next === 33 /* ! */) {
      i = markupDeclaration(xml, lt, open.length > 0, handler);
    } else if (next === 63 /* ? */) {
      i = processingInstruction(xml, lt, start);
    } else {
      if (lt + 1 >= length) truncated('the document ends inside a tag');
      if (rootClosed) fail('a second root element', lt);
      const gt = tagEnd(xml, lt + 1);
      if (gt === -1) truncated('the document ends inside a tag');
      const selfClosing = xml.charCodeAt(gt - 1) === 47; /* / */
      const inner = selfClosing ? gt - 1 : gt;
      const end = nameEnd(xml, lt + 1, inner);
      const name = xml.slice(lt + 1, end);
      const attributes = end < inner ? readAttributes(xml, end, inner) : undefined;
      i = gt + 1;
      if (attributes === undefined) {
        // A leaf: its end tag next, or text then its end tag. Anything else (a child, CDATA, a comment, a
        // mismatched or cut-off end tag) goes the ordinary way, which reads or refuses it.
        let closeAt = lt;
        let closeEnd = gt;
        if (!selfClosing) {
          closeAt = known = xml.indexOf('<', i);
          closeEnd = endTagEnd(xml, closeAt, name);
        }
        if (closeEnd !== -1) {
          handler.leaf(name, closeAt > i && !isBlank(xml, i, closeAt) ? textOf(i, closeAt) : undefined);
          if (open.length === 0) rootClosed = true;
          i = closeEnd + 1;
          continue;
        }
      }
      handler.open(name, attributes);
      if (selfClosing) {
        handler.close(name);
        if (open.length === 0) rootClosed = true;
      } else {
        open.push(name);
      }
    }
  }
  if (open.length > 0) truncated(`the document ends before </${open[open.length - 1]}>`);
  if (!rootClosed) truncated('the document has no root element');
}
