import { describe, expect, it } from 'vitest';
import { DETAIL_PAGE_SIZE, wantsNextPage } from '../../src/jobs/detail-paging.js';

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
