// Only these characters mean something inside a `u`-flag RegExp; escaping others would be a syntax error.
const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** A case-insensitive, anchored RegExp for a shell-style pattern: `*` any run, `?` one character, the rest literal. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(REGEXP_SYNTAX, '\\$&');
  }
  return new RegExp(`^${source}$`, 'isu');
}
