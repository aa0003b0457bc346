// Escaping text for XML: the one helper for it (request bodies, the authHeader, redaction, JUnit reports).

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/**
 * The five markup characters as entity references, and tab, LF and CR as character references (a parser
 * would turn a raw CR into LF, and tab and LF into spaces in an attribute): the text arrives as it was sent,
 * in element content and in attributes alike. The same escaping node-soap does.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c] ?? c);
}

