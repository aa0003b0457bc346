// The XML scanner: well-formed documents give their events in order; anything else is refused with a reason,
// and marked truncated when the document simply stops.
import { describe, expect, it } from 'vitest';
import { decodeEntities, scanXml, XmlReadError } from '../../src/ips/xml-scan.js';

/** The events of a document, a leaf given as its open, text and close (what `leaf` stands for). */
function events(xml: string): string[] {
  const out: string[] = [];
  scanXml(xml, {
    open: (name, attributes) => out.push(`<${name}${attributes ? ` ${JSON.stringify(attributes)}` : ''}>`),
    close: (name) => out.push(`</${name}>`),
    text: (text) => out.push(JSON.stringify(text)),
    leaf: (name, text) => out.push(`<${name}>`, ...(text === undefined ? [] : [JSON.stringify(text)]), `</${name}>`),
  });
  return out;
}

/** The calls the scanner makes, leaves as such. */
function calls(xml: string): string[] {
  const out: string[] = [];
  scanXml(xml, {
    open: (name) => out.push(`open ${name}`),
    close: (name) => out.push(`close ${name}`),
    text: (text) => out.push(`text ${JSON.stringify(text)}`),
    leaf: (name, text) => out.push(`leaf ${name} ${JSON.stringify(text)}`),
  });
  return out;
}

function refusal(xml: string): XmlReadError {
  try {
    events(xml);
  } catch (error) {
    if (error instanceof XmlReadError) return error;
    throw error;
  }
  throw new Error(`accepted: ${xml}`);
}

describe('well-formed documents', () => {
  it('tags, attributes, text, CDATA; comments, processing instructions and the declaration are skipped', () => {
    expect(
      events(`<?xml version="1.0"?><!-- c --><a:r xmlns:a="urn:a"><b x='1' y = "a>b">t &amp; &lt;u&gt; &#65;&#x42;</b><c/><?pi x?><d><![CDATA[<raw> & ]]></d ></a:r>\n`),
    ).toEqual([
      '<a:r {"xmlns:a":"urn:a"}>',
      '<b {"x":"1","y":"a>b"}>',
      '"t & <u> AB"',
      '</b>',
      '<c>',
      '</c>',
      '<d>',
      '"<raw> & "',
      '</d>',
      '</a:r>',
    ]);
  });

  it('entities in attribute values are decoded; quotes of the other kind are plain characters', () => {
    expect(events(`<r a="&quot;x&apos;" b='say "hi"'/>`)).toEqual(['<r {"a":"\\"x\'","b":"say \\"hi\\""}>', '</r>']);
  });

  it('attributes named like Object.prototype members are ordinary attributes', () => {
    expect(events(`<r constructor="c" toString="t"/>`)).toEqual(['<r {"constructor":"c","toString":"t"}>', '</r>']);
    const seen: Array<Record<string, string> | undefined> = [];
    scanXml(`<r __proto__="p"/>`, { open: (_name, attributes) => seen.push(attributes), close: () => {}, text: () => {}, leaf: () => {} });
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(Object.keys(seen[0]!)).toEqual(['__proto__']);
  });

  it('an element without attributes that holds text alone is one leaf call; any other element is opened and closed', () => {
    expect(
      calls(`<r><a>t &amp; u</a><b/><c></c><d> \n </d><e x="1">t</e><f><![CDATA[x]]></f><g><!-- c -->t</g><h><i>t</i></h><j>\u00a0</j></r>`),
    ).toEqual([
      'open r',
      'leaf a "t & u"',
      'leaf b undefined',
      'leaf c undefined',
      'leaf d undefined',
      'open e',
      'text "t"',
      'close e',
      'open f',
      'text "x"',
      'close f',
      'open g',
      'text "t"',
      'close g',
      'open h',
      'leaf i "t"',
      'close h',
      'leaf j "\u00a0"',
      'close r',
    ]);
    expect(calls('<r>t</r>')).toEqual(['leaf r "t"']);
    expect(calls('<r/>')).toEqual(['leaf r undefined']);
  });

  it('runs of XML whitespace alone between tags are not passed; text with whitespace in or around it is, whole', () => {
    expect(events('<r>\n  <a>x</a>\n  <b> y z </b>\t\r\n</r>')).toEqual(['<r>', '<a>', '"x"', '</a>', '<b>', '" y z "', '</b>', '</r>']);
    expect(events('<r> t <a/>\u00a0</r>')).toEqual(['<r>', '" t "', '<a>', '</a>', '"\u00a0"', '</r>']);
  });

  it('decodes character references up to U+10FFFF', () => {
    expect(decodeEntities('&#x1F4E6;&#233;')).toBe('📦é');
  });
});

describe('refused, with the reason', () => {
  it.each([
    ['<r></s>', /unexpected close tag <\/s> where <\/r> belongs/],
    ['<r>&nbsp;</r>', /unknown entity &nbsp;/],
    ['<r>a & b</r>', /an & that starts no entity reference/],
    ['<r>&#xZZ;</r>', /unknown entity/],
    ['<r>&#x110000;</r>', /unknown entity/],
    ['<!DOCTYPE r><r/>', /DOCTYPE/],
    ['text<r/>', /text before the root element/],
    ['<r/>text', /text after the root element/],
    ['<r/><s/>', /second root element/],
    ['<r a=1/>', /not quoted/],
    ['<r a="1" a="2"/>', /given twice/],
    ['<r a="1"b="2"/>', /not separated by whitespace/],
    ['<r a="<"/>', /a < in the value/],
    ['<r a/>', /without a value/],
    ['<1r/>', /invalid name/],
    ['< r/>', /invalid name|without a name/],
    ['</r>', /unexpected close tag/],
    ['<r><!x></r>', /neither a comment nor CDATA/],
    ['<r></r\u00a0>', /unexpected close tag/],
  ])('%s', (xml, reason) => {
    const error = refusal(xml);
    expect(error.message).toMatch(reason);
    expect(error.truncated).toBe(false);
  });
});

describe('a document that stops is truncated', () => {
  it.each(['<r><s>text', '<r><s', '<r a="1', '<r><!-- c', '<r><![CDATA[x', '<r></s', '<?xml version="1.0"?>', '<r><?pi', ''])('%j', (xml) => {
    expect(refusal(xml).truncated).toBe(true);
  });

  it('every cut of a document is refused as truncated, never read as a shorter one', () => {
    const xml = `<?xml version="1.0"?><e:Envelope xmlns:e="urn:e"><e:Body><r a="x>y"><n>a &amp; b</n><c/><![CDATA[z]]></r></e:Body></e:Envelope>`;
    for (let cut = 0; cut < xml.length; cut++) {
      const error = refusal(xml.slice(0, cut));
      expect(error.truncated, `cut at ${cut}: ${error.message}`).toBe(true);
    }
  });
});
