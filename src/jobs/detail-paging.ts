// Paging through getJobLogDetails: pages of at most 1000 rows, numbered from 1, until detailTotalRows is reached.
// Every stop condition is here so that a server answering oddly can never keep the loop going, and so is what a log
// that grows while its pages are fetched does to them.
import type { JobLogDetail } from '../ips/types.js';

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

/** A detail row's identity: every field IPS gave it (a row carries no id). */
function detailKey(row: JobLogDetail): string {
  const aux = row.auxArray.map((a) => [a.dateCreated, a.logType, a.logMessage]);
  return JSON.stringify([row.dateCreated, row.logType, row.logMessage, row.assetName, row.assetType, row.assetHandle, aux]);
}

/**
 * How many rows at the head of `page` the previous pages brought already. A running job's log grows while its pages
 * are fetched, and rows written in between that sort before the next page (newest first, or by log type) push as
 * many rows of the previous page onto it. They are the longest head of the page that repeats the tail of the rows
 * received so far (`tail`, in order), and never more than the log grew by since the previous page (`grewBy`, from
 * detailTotalRows): in a log that did not grow, rows that are alike are all kept. Without detailTotalRows the growth
 * is unknown and nothing is dropped: a row printed twice is better than a row lost.
 */
export function repeatedHead(tail: readonly JobLogDetail[], page: readonly JobLogDetail[], grewBy: number | undefined): number {
  const most = Math.min(tail.length, page.length, grewBy ?? 0);
  if (!(most > 0)) return 0;
  const tailKeys = tail.slice(tail.length - most).map(detailKey);
  const headKeys = page.slice(0, most).map(detailKey);
  for (let k = most; k > 0; k--) {
    const from = tailKeys.length - k;
    if (headKeys.slice(0, k).every((key, i) => key === tailKeys[from + i])) return k;
  }
  return 0;
}
