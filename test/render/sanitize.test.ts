import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal } from '../../src/render/sanitize.js';

describe('sanitizeForTerminal', () => {
  it('shows a clear-screen escape in a job name as text instead of running it', () => {
    expect(sanitizeForTerminal('evil\x1b[2Jname')).toBe('evil\\x1b[2Jname');
  });

  it('neutralises the one-byte C1 CSI and DEL', () => {
    expect(sanitizeForTerminal('a\u009b31mb\x7f')).toBe('a\\x9b31mb\\x7f');
  });

  it('makes bidi overrides and isolates visible so a name cannot be reordered on screen', () => {
    expect(sanitizeForTerminal('invoice\u202egpj.exe')).toBe('invoice\\u202egpj.exe');
    expect(sanitizeForTerminal('\u202a\u2066\u2069')).toBe('\\u202a\\u2066\\u2069');
  });

  it('writes tab, CR and LF as \\t \\r \\n so a row stays on one line', () => {
    expect(sanitizeForTerminal('line1\r\nline2\tend')).toBe('line1\\r\\nline2\\tend');
    expect(sanitizeForTerminal('\x00\x07')).toBe('\\x00\\x07');
  });

  it('leaves ordinary text, accents, CJK and emoji alone', () => {
    const text = 'Café 春のカタログ 📦 — "quotes" \\ back';
    expect(sanitizeForTerminal(text)).toBe(text);
  });
});
