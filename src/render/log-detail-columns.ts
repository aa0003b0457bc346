// The columns of `log <job>`: one job's detail rows, each followed by its aux messages as indented sub-lines.
import type { JobLogDetail, JobLogDetailAux } from '../ips/types.js';
import { parseIso } from '../jobs/dates.js';
import { detailSeverity } from '../jobs/log-detail.js';
import type { Palette, Style } from './palette.js';
import type { RecordColumn } from './records.js';

/** A table line: a detail row, or one of its aux messages under it. */
export interface DetailLine {
  detail: JobLogDetail;
  aux?: JobLogDetailAux;
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2})?)/;

/** `2026-11-28 09:14:05` as the server wrote it (its wall clock, not this machine's zone); `-` when invalid. */
export function formatDetailTime(iso: string | undefined): string {
  if (parseIso(iso) === undefined || iso === undefined) return '-';
  const match = WALL_CLOCK.exec(iso.trim());
  return match ? `${match[1]} ${match[2]}` : iso.trim();
}

/** The detail, then one line per aux message. */
export function detailLines(details: Iterable<JobLogDetail>): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const detail of details) {
    lines.push({ detail });
    for (const aux of detail.auxArray) lines.push({ detail, aux });
  }
  return lines;
}

function auxText(aux: JobLogDetailAux): string {
  const parts = [aux.logMessage, aux.logType ? `[${aux.logType}]` : undefined].filter((part) => part !== undefined && part !== '');
  return `↳ ${parts.join(' ')}`;
}

function severityStyle(detail: JobLogDetail, palette: Palette): Style | undefined {
  const severity = detailSeverity(detail);
  return severity === 'error' ? palette.error : severity === 'warning' ? palette.warn : undefined;
}

const main = (line: DetailLine) => line.aux === undefined;

/** The default columns of `log`'s table. */
export const DETAIL_TABLE_DEFAULT: readonly RecordColumn<DetailLine>[] = [
  { id: 'time', header: 'TIME', field: 'dateCreated', minWidth: 19, dropOrder: 3, text: (l) => (main(l) ? formatDetailTime(l.detail.dateCreated) : '') },
  { id: 'logtype', header: 'LOG TYPE', field: 'logType', shrinkOrder: 3, minWidth: 12, text: (l) => (main(l) ? l.detail.logType || '-' : '') },
  { id: 'asset', header: 'ASSET', field: 'assetName', shrinkOrder: 1, minWidth: 12, dropOrder: 2, text: (l) => (main(l) ? l.detail.assetName || '-' : '') },
  { id: 'assettype', header: 'ASSET TYPE', field: 'assetType', dropOrder: 1, text: (l) => (main(l) ? l.detail.assetType || '-' : '') },
  { id: 'message', header: 'MESSAGE', field: 'logMessage', shrinkOrder: 2, minWidth: 30, text: (l) => (l.aux ? auxText(l.aux) : l.detail.logMessage ?? '') },
];

/** `wide` adds the asset handle. */
export const DETAIL_TABLE_WIDE: readonly RecordColumn<DetailLine>[] = [
  ...DETAIL_TABLE_DEFAULT,
  { id: 'handle', header: 'ASSET HANDLE', field: 'assetHandle', dropOrder: 0, text: (l) => (main(l) ? l.detail.assetHandle || '-' : '') },
];

export function detailLineStyle(line: DetailLine, palette: Palette): Style | undefined {
  return line.aux ? palette.dim : severityStyle(line.detail, palette);
}

const raw = (value: string | undefined): string => value ?? '';

/** csv/tsv: IPS field names; aux messages in one column, `logType: logMessage` joined with `; `. */
export const DETAIL_DELIMITED_COLUMNS: readonly RecordColumn<JobLogDetail>[] = [
  { id: 'time', header: 'dateCreated', field: 'dateCreated', text: (d) => raw(d.dateCreated) },
  { id: 'logtype', header: 'logType', field: 'logType', text: (d) => raw(d.logType) },
  { id: 'asset', header: 'assetName', field: 'assetName', text: (d) => raw(d.assetName) },
  { id: 'assettype', header: 'assetType', field: 'assetType', text: (d) => raw(d.assetType) },
  { id: 'handle', header: 'assetHandle', field: 'assetHandle', text: (d) => raw(d.assetHandle) },
  { id: 'message', header: 'logMessage', field: 'logMessage', text: (d) => raw(d.logMessage) },
  {
    id: 'aux',
    header: 'auxMessages',
    field: 'auxMessages',
    text: (d) => d.auxArray.map((aux) => (aux.logType ? `${aux.logType}: ${aux.logMessage ?? ''}` : raw(aux.logMessage))).join('; '),
  },
];
