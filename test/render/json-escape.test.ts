// json and ndjson keep server text raw, but a terminal that shows them is never driven by it.
import { describe, expect, it } from 'vitest';
import { escapeData } from '../../src/render/github-annotations.js';
import { renderJson } from '../../src/render/jobs-json.js';
import { renderNdjson } from '../../src/render/records.js';
import { escapeJsonText } from '../../src/render/sanitize.js';

const HOSTILE = 'a\u001b[2J\u009b31m\u0085\u007f\u202eb\u2066\u2028c';

describe('escapeJsonText', () => {
  it('writes C1 controls, DEL, bidi controls and line separators as \\u escapes: the same value for a JSON reader', () => {
    const text = escapeJsonText(JSON.stringify({ name: HOSTILE }));
    expect(text).toBe('{"name":"a\\u001b[2J\\u009b31m\\u0085\\u007f\\u202eb\\u2066\\u2028c"}');
    expect(JSON.parse(text)).toEqual({ name: HOSTILE });
  });

  it('leaves ordinary text, accents, CJK and emoji alone', () => {
    const json = JSON.stringify({ name: 'Café 春のカタログ 📦 "q" \\' });
    expect(escapeJsonText(json)).toBe(json);
  });

  it('is what -o json and -o ndjson write', () => {
    for (const text of [renderJson({ name: HOSTILE }), ...renderNdjson([{ name: HOSTILE }])]) {
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(JSON.parse(text)).toEqual({ name: HOSTILE });
    }
  });
});

describe('GitHub annotations', () => {
  it('escape terminal controls in the message as well as the runner\'s own %, CR and LF', () => {
    expect(escapeData('50%\r\n\u001b[2J\u009b')).toBe('50%25%0D%0A\\x1b[2J\\x9b');
  });
});
