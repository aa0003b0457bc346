import { describe, expect, it } from 'vitest';
import type { JobLogDetail } from '../../src/ips/types.js';
import { DETAIL_PAGE_SIZE, repeatedHead, wantsNextPage } from '../../src/jobs/detail-paging.js';

describe('paging through log details', () => {
  it('asks for the next page while full pages have not reached detailTotalRows', () => {
    expect(wantsNextPage({ rows: 1000, received: 1000, totalRows: 3006, repeated: false })).toBe(true);
    expect(wantsNextPage({ rows: 1000, received: 3000, totalRows: 3006, repeated: false })).toBe(true);
  });

  it('stops once detailTotalRows is reached, even on a full page', () => {
    expect(wantsNextPage({ rows: 1000, received: 2000, totalRows: 2000, repeated: false })).toBe(false);
    expect(wantsNextPage({ rows: 6, received: 3006, totalRows: 3006, repeated: false })).toBe(false);
  });

  it('stops on a short or empty page whatever the total says', () => {
    expect(wantsNextPage({ rows: 999, received: 1999, totalRows: 5000, repeated: false })).toBe(false);
    expect(wantsNextPage({ rows: 0, received: 1000, totalRows: 5000, repeated: false })).toBe(false);
  });

  it('without a total, keeps going only on full pages', () => {
    expect(wantsNextPage({ rows: 1000, received: 1000, repeated: false })).toBe(true);
    expect(wantsNextPage({ rows: 10, received: 1010, repeated: false })).toBe(false);
  });

  it('stops when a page repeats the previous one (a server ignoring resultsPage)', () => {
    expect(wantsNextPage({ rows: 1000, received: 2000, repeated: true })).toBe(false);
  });

  it('honours a smaller page size', () => {
    expect(DETAIL_PAGE_SIZE).toBe(1000);
    expect(wantsNextPage({ rows: 50, received: 50, totalRows: 120, repeated: false }, 50)).toBe(true);
  });
});

describe('a log that grows while its pages are fetched', () => {
  const row = (n: number, logType = 'UploadSuccess'): JobLogDetail => ({ logMessage: `file ${n}`, logType, dateCreated: `2026-11-28T09:${String(n % 60).padStart(2, '0')}:00Z`, auxArray: [] });
  const rows = (...ns: number[]) => ns.map((n) => row(n));

  it('the rows pushed onto the next page are the head that repeats the tail received, as many as the log grew by', () => {
    // Newest first, 5 a page: [9 8 7 6 5] then two rows written: the next page is [6 5 4 3 2].
    expect(repeatedHead(rows(9, 8, 7, 6, 5), rows(6, 5, 4, 3, 2), 2)).toBe(2);
    expect(repeatedHead(rows(9, 8, 7, 6, 5), rows(4, 3, 2, 1, 0), 0)).toBe(0);
  });

  it('never more than the log grew by: alike rows in a log that did not grow are all kept', () => {
    const alike = [row(1), row(1)];
    expect(repeatedHead([row(2), ...alike], [...alike, row(0)], 0)).toBe(0);
    expect(repeatedHead([row(2), ...alike], [...alike, row(0)], 1)).toBe(1);
  });

  it('a page of only new rows, or rows written after the cursor (oldest first), repeats nothing', () => {
    expect(repeatedHead(rows(1, 2, 3), rows(4, 5, 6), 3)).toBe(0);
    expect(repeatedHead([], rows(1, 2), 2)).toBe(0);
  });

  it('without detailTotalRows nothing is dropped: how much the log grew is unknown, and alike rows may be new ones', () => {
    // A log that did not grow, whose second page starts with rows alike the first page's last ones: all kept.
    const alike = [row(1), row(1)];
    expect(repeatedHead([row(2), ...alike], [...alike, row(0)], undefined)).toBe(0);
    expect(repeatedHead(rows(9, 8, 7, 6, 5), rows(7, 6, 5, 4, 3), undefined)).toBe(0);
  });

  it('a row is the same row only with every field alike, its aux messages too', () => {
    const withAux = { ...row(5), auxArray: [{ logType: 'IPSJobLog.gcUploadWarning', logMessage: 'resized' }] };
    expect(repeatedHead(rows(6, 5), [withAux, row(4)], 1)).toBe(0);
    expect(repeatedHead([row(6), withAux], [{ ...withAux, auxArray: [...withAux.auxArray] }, row(4)], 1)).toBe(1);
  });
});
