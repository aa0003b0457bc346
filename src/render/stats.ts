// `stats` for people and programs: a table fitted to the terminal with a sparkline of jobs per day for each group,
// the json document, and csv/tsv rows.
import type { GroupStats, LogStats, StatsGroupBy } from '../jobs/log-stats.js';
import { formatDuration } from '../text/duration.js';
import type { Palette } from './palette.js';
import { renderTableLines, type RecordColumn } from './records.js';
import { bucketSeries, SPARK_EMPTY, SPARK_LEVELS, SPARK_MARK, sparkGlyphs, sparkStyle, type SparkCell } from './sparkline.js';
import { stripAnsi } from './text-width.js';
import { wrapWords } from './wrap.js';

/** The key column's header, and the json/csv field the key goes under. */
const KEY_HEADER: Readonly<Record<StatsGroupBy, string>> = { type: 'TYPE', user: 'USER', day: 'DAY' };

/** The sparkline never gets fewer cells than this (or the days of the window, if fewer)… */
const MIN_SPARK_CELLS = 7;
/** …nor more than this; beyond it, days are merged into cells. */
const MAX_SPARK_CELLS = 90;

interface StatsRow {
  group: GroupStats;
  spark: SparkCell[];
}

function rate(value: number | null): string {
  return value === null ? '-' : `${Number((value * 100).toFixed(1))}%`;
}

function seconds(group: GroupStats, which: 'p50' | 'p95' | 'max'): string {
  return group.durationSeconds === null ? '-' : formatDuration(group.durationSeconds[which] * 1000, 'age');
}

function countColumn(id: string, header: string, count: (g: GroupStats) => number, dropOrder: number): RecordColumn<StatsRow, Palette> {
  return { id, header, field: id, align: 'right', minWidth: header.length, dropOrder, text: ({ group }) => String(count(group)) };
}

function durationColumn(which: 'p50' | 'p95' | 'max', dropOrder: number): RecordColumn<StatsRow, Palette> {
  const header = which.toUpperCase();
  return { id: which, header, field: which, align: 'right', minWidth: header.length, dropOrder, text: ({ group }) => seconds(group, which) };
}

/**
 * The table's columns. On a narrow terminal the least telling leave first (dropOrder), the sparkline among them; the
 * key (a type, a user's email, a day) and JOBS always stay, so the key is the last thing cut.
 */
function tableColumns(by: StatsGroupBy, withSpark: boolean): RecordColumn<StatsRow, Palette>[] {
  const columns: RecordColumn<StatsRow, Palette>[] = [
    // What tells the groups apart: every other column leaves before it is cut, and then it is cut in the middle.
    { id: 'key', header: KEY_HEADER[by], field: by, shrinkOrder: 1, minWidth: 12, identifies: true, text: ({ group }) => group.key },
    { id: 'jobs', header: 'JOBS', field: 'jobs', align: 'right', minWidth: 4, text: ({ group }) => String(group.jobs) },
    countColumn('succeeded', 'OK', (g) => g.succeeded, 6),
    countColumn('succeededWithWarnings', 'WARN', (g) => g.succeededWithWarnings, 5),
    {
      ...countColumn('failed', 'FAILED', (g) => g.failed, 11),
      style: ({ group }, palette) => (group.failed > 0 ? palette.error : undefined),
    },
    { id: 'failureRate', header: 'FAIL%', field: 'failureRate', align: 'right', minWidth: 5, dropOrder: 10, text: ({ group }) => rate(group.failureRate) },
    durationColumn('p50', 9),
    durationColumn('p95', 7),
    durationColumn('max', 3),
    countColumn('files', 'FILES', (g) => g.files.total, 4),
    countColumn('fileErrors', 'FILE ERR', (g) => g.files.errors, 2),
    countColumn('fileWarnings', 'FILE WARN', (g) => g.files.warnings, 1),
  ];
  if (withSpark) {
    columns.push({
      id: 'daily',
      header: 'DAILY',
      field: 'jobsPerDay',
      dropOrder: 8,
      text: ({ spark }, palette) => sparkGlyphs(spark, palette.enabled),
      style: ({ spark }, palette) => sparkStyle(spark, palette),
    });
  }
  return columns;
}

export interface StatsTableOptions {
  by: StatsGroupBy;
  headers: boolean;
  palette: Palette;
  /** Terminal columns; absent (a pipe, a file): nothing is cut. */
  width?: number;
}

/** How many cells the sparklines get: a day each while the terminal has room (a third of its width), else merged days. */
export function sparkCells(days: number, width: number | undefined): number {
  const room = width === undefined ? MAX_SPARK_CELLS : Math.max(MIN_SPARK_CELLS, Math.floor(width / 3));
  return Math.min(days, MAX_SPARK_CELLS, room);
}

function legend(stats: LogStats, cells: number, palette: Palette): string {
  const first = stats.days[0];
  const last = stats.days[stats.days.length - 1];
  const perCell = Math.ceil(stats.days.length / Math.max(1, cells));
  const unit = perCell === 1 ? 'a day' : `${perCell} days`;
  const marked = palette.enabled ? `${palette.error(SPARK_LEVELS[3])} (red): with failures` : `${SPARK_MARK}: with failures`;
  return `DAILY: jobs started, ${unit} a cell, ${first} to ${last}, each row scaled to its busiest; ${SPARK_EMPTY} none, ${marked}.`;
}

const PERCENTILES = 'P50, P95: durations (end − start) by nearest rank.';

/** The table's lines (no line wider than `width`), then a legend for the sparkline when there is one and headers are on. */
export function renderStatsTable(stats: LogStats, options: StatsTableOptions): string[] {
  // Days grouped by day: one cell each would be a lone glyph, so no sparkline.
  const withSpark = options.by !== 'day' && stats.days.length > 0;
  const cells = sparkCells(stats.days.length, options.width);
  const rows: StatsRow[] = stats.groups.map((group) => ({ group, spark: withSpark ? bucketSeries(group.jobsPerDay, group.failedPerDay, cells) : [] }));
  const lines = renderTableLines(rows, tableColumns(options.by, withSpark), { headers: options.headers, palette: options.palette, width: options.width }, options.palette);
  if (!options.headers || rows.length === 0) return lines;
  const header = stripAnsi(lines[0] ?? '');
  const notes = [
    ...(/\bP(50|95)\b/.test(header) ? [PERCENTILES] : []),
    ...(withSpark && header.includes('DAILY') ? [legend(stats, cells, options.palette)] : []),
  ];
  return notes.length === 0 ? lines : [...lines, '', ...notes.flatMap((note) => wrapWords(note, options.width))];
}

/** `-o json`: the window, the rule, and each group with its key under the name --by gives it (`type`, `user`, `day`). */
export function statsDocument(stats: LogStats, context: { by: StatsGroupBy; company: object | null; window: { from: string; to: string }; failOn: string }): object {
  return {
    schemaVersion: 1,
    company: context.company,
    window: context.window,
    by: context.by,
    failOn: context.failOn,
    percentiles: 'nearest-rank',
    days: stats.days,
    groups: stats.groups.map(({ key, ...group }) => ({ [context.by]: key, ...group })),
  };
}

/** csv/tsv: one row per group, the key under its --by name; durations in seconds, the failure rate 0–1. */
export function statsDelimitedColumns(by: StatsGroupBy): RecordColumn<GroupStats>[] {
  const num = (field: string, value: (g: GroupStats) => number | null | undefined): RecordColumn<GroupStats> => ({
    id: field,
    header: field,
    field,
    text: (g) => {
      const v = value(g);
      return v === null || v === undefined ? '' : String(v);
    },
  });
  return [
    { id: by, header: by, field: by, text: (g) => g.key },
    num('jobs', (g) => g.jobs),
    num('succeeded', (g) => g.succeeded),
    num('succeededWithWarnings', (g) => g.succeededWithWarnings),
    num('failed', (g) => g.failed),
    num('running', (g) => g.running),
    num('failureRate', (g) => g.failureRate),
    num('durationP50Seconds', (g) => g.durationSeconds?.p50),
    num('durationP95Seconds', (g) => g.durationSeconds?.p95),
    num('durationMaxSeconds', (g) => g.durationSeconds?.max),
    num('files', (g) => g.files.total),
    num('fileErrors', (g) => g.files.errors),
    num('fileWarnings', (g) => g.files.warnings),
  ];
}
