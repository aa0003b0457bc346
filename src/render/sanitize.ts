// C0 controls, DEL, C1 controls (U+009B is a one-byte CSI) and bidi embeddings/overrides/isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escape(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Server text made inert for a terminal: control and bidi-override characters become visible escapes (`\x1b`, `\u202e`). */
export function sanitizeForTerminal(text: string): string {
  return text.replace(UNSAFE, escape);
}

// JSON.stringify escapes C0 only; these can only stand inside JSON strings, so escaping them keeps the value.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify) with DEL, C1 controls, bidi controls and the line/paragraph separators written as
 * `\uXXXX`: the same values for any JSON reader, and nothing a terminal acts on when the output is not redirected.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
