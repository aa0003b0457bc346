// The element tree the fault kinds edit answers with: it writes back exactly what it read.
import { describe, expect, it } from 'vitest';
import { childElements, localName, parseXmlTree, serializeXmlTree } from '../../src/emulator/xml-tree.js';

describe('xml-tree', () => {
  it('round-trips markup byte for byte: declaration, prefixes, attributes, empty and self-closed elements, escapes, comments', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="urn:s"  xmlns:t="urn:t"><soap:Body><t:r a=\'1\' b="x &amp; y" >' +
      '<t:items><t:name>Spring &amp; Summer &lt;3</t:name><t:empty></t:empty><t:closed/><t:spaced /></t:items><!-- note --><![CDATA[<raw>]]>' +
      '</t:r></soap:Body></soap:Envelope>\n';
    expect(serializeXmlTree(parseXmlTree(xml))).toBe(xml);
  });

  it('gives the tree by qualified and local names', () => {
    const doc = parseXmlTree('<a:root><a:child x="1">text</a:child><b/></a:root>');
    expect(doc.root.name).toBe('a:root');
    expect(childElements(doc.root).map(localName)).toEqual(['child', 'b']);
    expect(childElements(doc.root)[0]?.attributes).toBe(' x="1"');
  });

  it.each([
    ['<a><b></a>', 'closes'],
    ['<a></a><b/>', 'second root'],
    ['<a>', 'no complete root'],
    ['<a><</a>', 'unexpected markup'],
  ])('refuses %s', (xml, problem) => {
    expect(() => parseXmlTree(xml)).toThrow(problem);
  });
});
