import { describe, expect, it } from 'vitest';
import { eventLine } from '../../src/render/event-line.js';

const fields = (line: string) => line.replace(/\n$/, '').split('\t');

describe('eventLine', () => {
  it('ips-jobs watch | cat prints one tab-separated line per event: time, event, job name, handle, detail', () => {
    expect(
      eventLine({ ts: '2026-11-28T09:30:00.000Z', event: 'finished', jobName: 'Spring-Catalog-Publish', jobHandle: 'c|42|j|1001', detail: 'succeeded: 120 files, 0 errors' }),
    ).toBe('2026-11-28T09:30:00.000Z\tfinished\tSpring-Catalog-Publish\tc|42|j|1001\tsucceeded: 120 files, 0 errors\n');
  });

  it('keeps absent fields empty, so there are always five', () => {
    const line = eventLine({ ts: '2026-11-28T09:30:00.000Z', event: 'poll_failed', detail: 'HTTP 503' });
    expect(line).toBe('2026-11-28T09:30:00.000Z\tpoll_failed\t\t\tHTTP 503\n');
    expect(fields(eventLine({ ts: 't', event: 'e' }))).toEqual(['t', 'e', '', '', '']);
  });

  it('splits into exactly five fields even with a tab, newline, escape or bidi override in the job name', () => {
    const line = eventLine({ ts: 't', event: 'started', jobName: 'evil\tname\r\nnext\x1b[2J\u202eexe', jobHandle: 'j|1', detail: 'a\tb' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r\x1b\u202e]/);
    expect(fields(line)).toEqual(['t', 'started', 'evil\\tname\\r\\nnext\\x1b[2J\\u202eexe', 'j|1', 'a\\tb']);
  });

  it('doubles backslashes, so an escaped tab cannot be mistaken for a name that contains "\\t"', () => {
    expect(fields(eventLine({ ts: 't', event: 'e', jobName: 'folder\\tab' }))[2]).toBe('folder\\\\tab');
    expect(fields(eventLine({ ts: 't', event: 'e', jobName: 'folder\tab' }))[2]).toBe('folder\\tab');
  });
});
