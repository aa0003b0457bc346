// Our reader of SOAP answers: one pass of our XML scanner that builds the same objects node-soap's xmlToObject
// builds (the normaliser's input), guided by a schema map compiled once instead of schema lookups per element.
// node-soap's reader took 1.6 s of the 1.8 s a 5,000-job answer cost (14.7 MB); this one reads it several
// times faster (most of the gain is the scanner: sax reads a character at a time).
// test/ips/response-reader.test.ts and test/fuzz/reader-vs-node-soap.test.ts check it against node-soap's.
//
// The shape it builds, the normaliser's input (node-soap's xmlToObject builds the same, so it stays the oracle):
// - an element with text → the text, trimmed; an xsd int/double/boolean as XSD_DESERIALIZERS read it;
// - an element with attributes → `{ attributes: {...}, $value: text }` or `{ attributes, ...children }`;
// - an empty element → '' when the schema says xsd:string, else null; `xsi:nil="true"` → left out;
// - a child the schema lets repeat → always an array; any other repeated child → an array of its repeats.
// One difference, on purpose: text mixed with child elements is ignored (node-soap throws or drops the children);
// the answer lists where, so the client can report it as a schema problem.
import { XSI_NS } from './namespaces.js';
import { XSD_DESERIALIZERS } from './normalise.js';
import { setOwn } from './own-field.js';
import { ATTRIBUTES_KEY, TEXT_KEY } from './reader-shape.js';
import type { ComplexType, ResponseSchema } from './response-schema.js';
import { scanXml, XmlReadError, type XmlHandler } from './xml-scan.js';

export { XmlReadError };

type Raw = Record<string, unknown>;

/**
 * What an answer held: the operation's return element, a SOAP Fault, neither, or — when the root is not a SOAP
 * Envelope — that root element (some IPS servlets answer with a bare fault element).
 */
export type SoapAnswer =
  | { kind: 'return'; value: Raw; mixedContent: string[] }
  | { kind: 'fault'; fault: Raw }
  | { kind: 'none' }
  | { kind: 'bare'; root: Raw };

/**
 * What the reader knows of an element from its parent: how to read it and where it goes, made once per name
 * and place. Elements the schema does not type (anyType, unknown, the envelope) have one too, untyped.
 */
class Entry {
  /**
   * The name is neither one of Object.prototype's nor `attributes` (the field a parent's attributes take): the
   * field is set by plain assignment, and tracked by `bit` while its parent is open.
   */
  readonly plainKey: boolean;
  /** Its place in its parent's `list`. */
  index = -1;
  /**
   * `1 << index` for the first 30 children of a type: the parent's `seen` bit of a plain-keyed field; else 0.
   * Why: a field's first value is set without reading the record to see whether it is there (without: 1.05× the
   * reader's CPU time, docs/dependencies.md).
   */
  bit = 0;
  /**
   * The last two texts kept for this element, the latest first. Why: a field often repeats its value, and a
   * comparison with these costs less than the cache's hash (without them: 1.12× the reader's CPU time).
   */
  recent: string | undefined;
  older: string | undefined;
  /** How many of its texts in a row were new to the reading (copied); from UNIQUE_AFTER on, see keepFor. */
  newInARow = 0;
  /** The entries of its children: its complex type's, else its own untyped ones (made on its first child). */
  private childEntries: Children | undefined;

  constructor(
    /** The local name, as a property key V8 has interned (see interned). */
    readonly name: string,
    /** The schema lets it repeat: always an array. */
    readonly array: boolean,
    /** Its complex type, if it has one. */
    readonly complex: ComplexType | undefined,
    /** How its text is read (an XSD simple type's deserializer), if at all. */
    readonly read: ((text: string) => unknown) | undefined,
    /** An empty element stands for '' (xsd:string) rather than null. */
    readonly emptyString: boolean,
  ) {
    this.plainKey = !(name in Object.prototype) && name !== ATTRIBUTES_KEY;
  }


  children(types: Types): Children {
    return (this.childEntries ??= types.children(this.complex));
  }
}

/** The entries of an element's children: its complex type's (shared by all its elements), or untyped ones. */
interface Children {
  readonly type: ComplexType | undefined;
  /** Entries made so far, by local name. */
  readonly byName: Map<string, Entry>;
  /** The same in the order first met, the order the next element will likely follow. */
  readonly list: Entry[];
}

/** The schema's types as one answer uses them, resolved on first use. */
class Types {
  private readonly complexTypes = new Map<ComplexType, Children>();

  constructor(private readonly schema: ResponseSchema) {}

  children(type: ComplexType | undefined): Children {
    if (type === undefined) return { type, byName: new Map(), list: []};
    let children = this.complexTypes.get(type);
    if (children === undefined) this.complexTypes.set(type, (children = { type, byName: new Map(), list: []}));
    return children;
  }

  /** The entry of child `name`: typed when the parent's type declares it, else untyped. */
  child(parent: Children, name: string): Entry {
    const known = parent.byName.get(name);
    if (known !== undefined) return known;
    const child = parent.type?.children.get(name);
    const entry = child === undefined ? this.entry(name, false, undefined) : this.entry(name, child.array, this.schema.resolve(child.type));
    entry.index = parent.list.push(entry) - 1;
    if (entry.index < 30 && entry.plainKey) entry.bit = 1 << entry.index;
    parent.byName.set(entry.name, entry);
    return entry;
  }

  entry(name: string, array: boolean, type: ComplexType | string | undefined): Entry {
    const simple = typeof type === 'string' ? type : undefined;
    return new Entry(interned(name), array, typeof type === 'object' ? type : undefined, simple === undefined ? undefined : XSD_DESERIALIZERS[simple], simple === 'string');
  }
}

/**
 * The same name as a property key V8 has interned. Why: a name sliced from the answer is looked up in V8's string
 * table at each store by it (see docs/dependencies.md, the reader); and an interned name never holds the answer.
 */
function interned(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}

/**
 * Reads a SOAP 1.1 answer for `operation`: the `…Return` element typed by the schema, or the Fault as plain
 * elements. Throws XmlReadError when the XML is not well-formed.
 */
export function readSoapAnswer(xml: string, operation: string, schema: ResponseSchema): SoapAnswer {
  const reader = new AnswerReader(operation, schema);
  scanXml(xml, reader);
  return reader.answer;
}

/**
 * An open element. There is one per depth (0 the root, 1 the Body, 2 the return element), reused by each element
 * opened at that depth, so that an element costs no object of its own.
 */
class Frame {
  constructor(
    public entry: Entry,
    /** Its attributes, namespace declarations left out. */
    public attributes: Record<string, string> | undefined,
    /** `xsi:nil="true"`: the element is left out of its parent. */
    public nil: boolean,
  ) {}

  /** Its children so far, made on the first. */
  record: Raw | undefined = undefined;
  /** Its text so far, trimmed. */
  text: string | undefined = undefined;
  /**
   * The place in its entry's `list` of its last child. Why: the next is likely the one after it, or the same again,
   * which a comparison of names finds without a lookup in the type's map (without: 1.09× the reader's CPU time).
   */
  cursor = -1;
  /** The `bit`s of the fields its record has so far. */
  seen = 0;

  reset(entry: Entry, attributes: Record<string, string> | undefined, nil: boolean): void {
    this.entry = entry;
    this.attributes = attributes;
    this.nil = nil;
    this.record = undefined;
    this.text = undefined;
    this.cursor = -1;
    this.seen = 0;
  }
}

/** The scanner's handler: follows the open elements and puts each one's value where it goes as it closes. */
class AnswerReader implements XmlHandler {
  answer: SoapAnswer = { kind: 'none' };
  private readonly returnName: string;
  private readonly types: Types;
  private readonly returnEntry: Entry;
  /** The root element's entry is a child of these: untyped, its children too. */
  private readonly top: Children;
  /** Prefixes bound to the xsi namespace, collected document-wide as node-soap does: IPS declares each once. */
  private readonly xsiPrefixes = new Set<string>();
  /** Where text sat beside child elements in the return element (ignored; the first ten, for schema reports). */
  private readonly mixedContent: string[] = [];
  private readonly kept = new KeptTexts();
  private envelopeSeen = false;
  private depth = 0;
  private readonly frames: Frame[] = [];

  constructor(operation: string, schema: ResponseSchema) {
    this.returnName = `${operation}Return`;
    this.types = new Types(schema);
    this.returnEntry = this.types.entry(this.returnName, false, schema.element(this.returnName));
    this.top = this.types.children(undefined);
  }

  open(qname: string, tagAttributes: Record<string, string> | undefined): void {
    const d = this.depth++;
    let attributes: Record<string, string> | undefined;
    let nil = false;
    if (tagAttributes !== undefined) {
      attributes = attributesOf(tagAttributes, this.xsiPrefixes, this.kept);
      nil = attributes !== undefined && isNil(attributes, this.xsiPrefixes);
    }
    const entry = this.entryOf(d, qname);
    const frame = this.frames[d];
    if (frame === undefined) this.frames.push(new Frame(entry, attributes, nil));
    else frame.reset(entry, attributes, nil);
  }

  text(piece: string): void {
    const trimmed = piece.trim();
    if (trimmed.length === 0) return;
    const frame = this.frames[this.depth - 1]!;
    frame.text = frame.text === undefined ? trimmed : frame.text + trimmed;
  }

  close(): void {
    const d = --this.depth;
    const frame = this.frames[d]!;
    if (!frame.nil) this.place(d, frame.entry, this.valueOf(frame, d));
  }

  /** An element with no attributes and no children: open, text and close at once. */
  leaf(qname: string, piece: string | undefined): void {
    const d = this.depth;
    const entry = this.entryOf(d, qname);
    const text = piece?.trim();
    this.place(d, entry, text ? this.textValue(entry, text) : emptyValue(entry));
  }

  /** The entry of an element at depth `d` named `qname`, its parent open at `d - 1`. */
  private entryOf(d: number, qname: string): Entry {
    if (d > 2) {
      // Why: below the return element most elements are the child after the last one, unprefixed, and entry names
      // are local names, so an equal name needs no search for a prefix (see docs/dependencies.md, the reader).
      const parent = this.frames[d - 1]!;
      const next = parent.entry.children(this.types).list[parent.cursor + 1];
      if (next !== undefined && next.name === qname) {
        parent.cursor++;
        return next;
      }
      return this.childEntry(parent, localName(qname));
    }
    const local = localName(qname);
    if (d === 0) {
      this.envelopeSeen = local === 'Envelope';
      return this.types.child(this.top, local);
    }
    if (d === 2 && local === this.returnName && this.frames[1]!.entry.name === 'Body') return this.returnEntry;
    return this.childEntry(this.frames[d - 1]!, local);
  }

  /** The entry of `parent`'s child `local`: the one after its last child, its last child again, else looked up. */
  private childEntry(parent: Frame, local: string): Entry {
    const children = parent.entry.children(this.types);
    const last = parent.cursor;
    let entry = children.list[last + 1];
    if (entry === undefined || entry.name !== local) {
      entry = last >= 0 ? children.list[last] : undefined;
      if (entry === undefined || entry.name !== local) entry = this.types.child(children, local);
    }
    parent.cursor = entry.index;
    return entry;
  }

  /** The value of the element closing at depth `d`: its children, its text read by its type, or what empty stands for. */
  private valueOf(frame: Frame, d: number): unknown {
    const { attributes, record, text } = frame;
    if (record !== undefined) {
      if (text !== undefined && d >= 3) this.noteMixedContent(d);
      return record;
    }
    if (text !== undefined) {
      const read = this.textValue(frame.entry, text);
      return attributes === undefined ? read : { [ATTRIBUTES_KEY]: attributes, [TEXT_KEY]: read };
    }
    return attributes === undefined ? emptyValue(frame.entry) : { [ATTRIBUTES_KEY]: attributes };
  }

  /** Notes where text sat beside children (the path below the return element), for the client's schema report. */
  private noteMixedContent(d: number): void {
    if (this.mixedContent.length < 10) this.mixedContent.push(this.frames.slice(3, d + 1).map((frame) => frame.entry.name).join('.'));
  }

  /** An element's text, read by its type; the text kept is a copy. */
  private textValue(entry: Entry, text: string): unknown {
    const deserializer = entry.read;
    const typed = deserializer === undefined ? text : deserializer(text);
    return typeof typed === 'string' ? this.kept.keepFor(entry, typed) : typed;
  }

  /** Puts the value of the element closed at depth `d` where it goes: the answer, or its parent's record. */
  private place(d: number, entry: Entry, value: unknown): void {
    if (d === 0) {
      if (!this.envelopeSeen) this.answer = { kind: 'bare', root: { [entry.name]: value } };
    } else if (d === 2 && this.envelopeSeen && this.frames[1]!.entry.name === 'Body') {
      this.answerWith(entry.name, value);
    } else {
      addField(this.frames[d - 1]!, entry, value);
    }
  }

  /** The Body's child: the answer when it is the first return element or Fault; anything else is passed over. */
  private answerWith(name: string, value: unknown): void {
    if (this.answer.kind !== 'none') return;
    if (name === this.returnName) this.answer = { kind: 'return', value: (value as Raw | null) ?? {}, mixedContent: this.mixedContent };
    else if (name === 'Fault') this.answer = { kind: 'fault', fault: (value as Raw | null) ?? {} };
  }
}

/** The local part of a qualified name. */
function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

/** What an empty element stands for: '' when the schema says xsd:string, else null. */
function emptyValue(entry: Entry): string | null {
  return entry.emptyString ? '' : null;
}

/** Adds `value` to `parent`'s record as field `entry.name`: the first of its name, or one more of an array. */
function addField(parent: Frame, entry: Entry, value: unknown): void {
  const name = entry.name;
  const record = (parent.record ??= parent.attributes === undefined ? {} : { [ATTRIBUTES_KEY]: parent.attributes });
  // A field met for the first time (the common case): set, with no look at the record (see Entry.bit).
  const bit = entry.bit;
  if (bit !== 0 && (parent.seen & bit) === 0) {
    parent.seen |= bit;
    // Why: null first makes the field's representation tagged, never a double that a later record would have to
    // migrate (see docs/dependencies.md, the reader).
    if (typeof value === 'number') record[name] = null;
    record[name] = entry.array ? [value] : value;
    return;
  }
  // Own properties only: an element named like an Object.prototype member (`__proto__`, `constructor`) is data.
  // Values are never undefined, so for other names a plain read says whether the field is there.
  let existing: unknown;
  let present: boolean;
  if (entry.plainKey) {
    existing = record[name];
    present = existing !== undefined;
  } else {
    present = Object.hasOwn(record, name);
    existing = present ? record[name] : undefined;
  }
  if (entry.array) {
    setOwn(record, name, Array.isArray(existing) ? appended(existing, value) : [value]);
  } else if (present) {
    setOwn(record, name, Array.isArray(existing) ? appended(existing, value) : [existing, value]);
  } else {
    setOwn(record, name, value);
  }
}

/** A start tag's attributes (copies kept), namespace declarations left out: an xsi one is noted in `xsiPrefixes`. */
function attributesOf(
  tagAttributes: Record<string, string>,
  xsiPrefixes: Set<string>,
  kept: KeptTexts,
): Record<string, string> | undefined {
  let attributes: Record<string, string> | undefined;
  for (const key in tagAttributes) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (tagAttributes[key] === XSI_NS) xsiPrefixes.add(key.slice(6));
    } else {
      setOwn((attributes ??= {}), key, kept.keep(tagAttributes[key]!));
    }
  }
  return attributes;
}

/** xsi:nil="true" among the attributes (read after the declarations: `<name xsi:nil="true" xmlns:xsi="…"/>`). */
function isNil(attributes: Record<string, string>, xsiPrefixes: ReadonlySet<string>): boolean {
  let nil = false;
  for (const key in attributes) {
    const colon = key.indexOf(':');
    const value = attributes[key]!;
    if (colon !== -1 && key.slice(colon + 1) === 'nil' && xsiPrefixes.has(key.slice(0, colon)) && (value.toLowerCase() === 'true' || value === '1')) {
      nil = true;
    }
  }
  return nil;
}

/**
 * Texts kept, each copied once: an answer repeats most of its values (dates, states, messages), and what the
 * reading keeps is what the garbage collector copies while it is built (a 5,000-job answer held 220,000
 * strings, 38,000 of them different). A slot per hash of a few characters: a collision only costs a copy.
 * Without the cache (every text copied) the reader took 1.13× its CPU time, and held more.
 */
class KeptTexts {
  private readonly slots: Array<string | undefined> = new Array(KEPT_SLOTS);
  /** Whether the last text `keep` was given was new to the cache (and so copied). */
  private keptNew = false;

  keep(text: string): string {
    const slot = slotOf(text);
    const known = this.slots[slot];
    this.keptNew = known !== text;
    if (!this.keptNew) return known!;
    const copy = detached(text);
    this.slots[slot] = copy;
    return copy;
  }

  /**
   * The text of an element: first among the last two its entry kept, then in the cache. An element whose texts
   * were new UNIQUE_AFTER times in a row (a handle, a name, a file name) has the rest of its texts copied without
   * those looks: each is most likely new again, and the looks cost more than they save (such texts tend to have
   * the same length, so each comparison reads them; V8 compares a substring of the answer in the runtime, out of
   * line). What it gives up: a text it shares with another element is copied again (+2.5% kept on the bench answer).
   * Without it the reader took 1.04× its CPU time.
   */
  keepFor(entry: Entry, text: string): string {
    if (entry.newInARow >= UNIQUE_AFTER) return detached(text);
    const recent = entry.recent;
    if (recent === text) {
      entry.newInARow = 0;
      return recent;
    }
    const older = entry.older;
    let copy: string;
    if (older === text) {
      copy = older;
      entry.newInARow = 0;
    } else {
      copy = this.keep(text);
      entry.newInARow = this.keptNew ? entry.newInARow + 1 : 0;
    }
    entry.older = recent;
    entry.recent = copy;
    return copy;
  }
}

/**
 * `list` and `value` after it: up to four items a new array of just that size, then the same array pushed to.
 * Why: V8 gives an array pushed to room for 16 more items; most repeated children are a few, and the reading is kept.
 * (Pushing every time measured 1.08× the reader's CPU time, though not more wall time.)
 */
function appended(list: unknown[], value: unknown): unknown[] {
  switch (list.length) {
    case 1:
      return [list[0], value];
    case 2:
      return [list[0], list[1], value];
    case 3:
      return [list[0], list[1], list[2], value];
    default:
      list.push(value);
      return list;
  }
}

const KEPT_SLOTS = 4096;

/** Texts new in a row after which an element's texts are taken to be unique (see keepFor). */
const UNIQUE_AFTER = 8;

/** The slot of a text in the cache of kept texts: a hash of its length and of up to 24 of its characters. */
function slotOf(text: string): number {
  const length = text.length;
  let hash = length;
  if (length <= 24) {
    for (let k = 0; k < length; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
  } else {
    // The first 8 and the last 16: dates differ in their middle, names and handles at their end.
    for (let k = 0; k < 8; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
    for (let k = length - 16; k < length; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
  }
  return (hash ^ (hash >>> 12)) & (KEPT_SLOTS - 1);
}

/**
 * A copy of `text` that does not keep the whole answer alive. V8 makes a substring of 13 characters or more
 * a view into its parent, so one kept job name would hold a 1.5 MB answer in memory until the name goes: a
 * `watch` keeping a few names from older polls kept their answers too (npm run bench, figure 4).
 * A shorter substring is a copy already. A longer one is joined to its first character again, and that pair
 * read, which makes V8 write it out as one new string: the pair then refers to the copy alone (and the garbage
 * collector replaces it with the copy), never to the answer. test/ips/response-reader.test.ts checks it.
 */
function detached(text: string): string {
  if (text.length < 13) return text;
  const copy = text[0]! + text.slice(1);
  if (copy.charCodeAt(0) !== text.charCodeAt(0)) throw new Error('detached: a copy differs from its text');
  return copy;
}
