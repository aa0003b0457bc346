// The two keys our reader of answers (response-reader.ts) adds beside an element's children, and that the normaliser
// (normalise.ts) knows are not elements: defined once, here, for both.

/** An element's attributes: `{ attributes: { name: value }, ...children }`. */
export const ATTRIBUTES_KEY = 'attributes';
/** The text of an element that has attributes, beside them: `{ attributes, $value: text }` (node-soap's name for it). */
export const TEXT_KEY = '$value';
