import { describe, expect, it } from 'vitest';
import { formatRelative, formatTimestamp } from '../../src/render/relative-time.js';
import { NOW } from '../jobs/job-fixtures.js';

describe('formatRelative', () => {
  it.each([
    ['2026-11-28T09:30:00-08:00', 'just now'],
    ['2026-11-28T09:29:48-08:00', '12s ago'],
    ['2026-11-28T09:25:00-08:00', '5m ago'],
    ['2026-11-28T07:10:00-08:00', '2h ago'],
    ['2026-11-25T09:00:00-08:00', '3d ago'],
    ['2026-11-28T09:35:00-08:00', 'in 5m'],
    ['2026-11-28T17:25:00Z', '5m ago'],
  ])('%s reads %s at 09:30 Pacific', (iso, text) => {
    expect(formatRelative(iso, NOW)).toBe(text);
  });

  it('shows - when the time is unknown or unreadable', () => {
    expect(formatRelative(undefined, NOW)).toBe('-');
    expect(formatRelative('last Tuesday', NOW)).toBe('-');
  });
});

describe('formatTimestamp', () => {
  it('keeps the server’s wall clock as written, whatever the offset', () => {
    expect(formatTimestamp('2026-11-28T09:14:37.120-08:00')).toBe('2026-11-28 09:14');
    expect(formatTimestamp('2026-11-29T02:14:00+09:00')).toBe('2026-11-29 02:14');
  });

  it('shows - for a missing or invalid time', () => {
    expect(formatTimestamp(undefined)).toBe('-');
    expect(formatTimestamp('2026-02-30T10:00:00Z')).toBe('-');
  });
});
