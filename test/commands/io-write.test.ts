// write(): what it is given arrives whole and in order, however large; a large text goes in slices, never cutting
// a character in two.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { write } from '../../src/commands/shared/io.js';

function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, chunks, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('write', () => {
  it('writes a 3 MB text in slices, and the bytes are the text', async () => {
    const out = collector();
    const text = 'ab\u00e9c'.repeat(800_000);
    await write(out.stream, text);
    expect(out.chunks.length).toBeGreaterThan(1);
    expect(out.text()).toBe(text);
  });

  it.each([0, 1, 2])('keeps a surrogate pair whole where a slice would end (offset %i)', async (offset) => {
    const out = collector();
    // The emoji's two halves sit on either side of the 1 MiB boundary (or just before or after it).
    const text = `${'x'.repeat((1 << 20) - 2 + offset)}\u{1F600}${'y'.repeat(1 << 20)}`;
    await write(out.stream, text);
    expect(out.text()).toBe(text);
    expect(out.text()).not.toContain('\uFFFD');
  });

  it('writes a small text in one piece', async () => {
    const out = collector();
    await write(out.stream, 'hello\n');
    expect(out.chunks).toHaveLength(1);
  });
});
