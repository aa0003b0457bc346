// A strict XML parse for tests (sax in strict mode: any well-formedness error throws) into a small tree.
import { createRequire } from 'node:module';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  onerror: (error: Error) => void;
  write(text: string): SaxParser;
  close(): void;
}

// sax ships no type declarations; this is the part of its API used here.
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

export function parseXml(text: string): XmlElement {
  const parser = sax.parser(true);
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.onopentag = (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (chunk) => {
    stack.at(-1)!.text += chunk;
  };
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(text).close();
  return root.children[0]!;
}

export function findAll(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => findAll(child, name))];
}
