// Paging through getJobLogDetails: pages of at most 1000 rows, numbered from 1, until detailTotalRows is reached.
// Every stop condition is here so that a server answering oddly can never keep the loop going.

/** Adobe's maximum (and default) recordsPerPage. */
export const DETAIL_PAGE_SIZE = 1000;

export interface DetailPage {
  /** Rows this page brought. */
  rows: number;
  /** Rows received so far, this page included. */
  received: number;
  /** The server's detailTotalRows, when it sent one. */
  totalRows?: number;
  /** The page repeats the previous one (a server ignoring resultsPage). */
  repeated: boolean;
}

/** Whether to ask for the next page after this one. */
export function wantsNextPage(page: DetailPage, pageSize: number = DETAIL_PAGE_SIZE): boolean {
  if (page.repeated || page.rows === 0 || page.rows < pageSize) return false;
  return page.totalRows === undefined || page.received < page.totalRows;
}
