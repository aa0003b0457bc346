import { describe, expect, it } from 'vitest';
import { parseSortSpec } from '../../src/jobs/sort.js';
import { COLUMN_IDS, COLUMNS, DEFAULT_COLUMNS, parseColumns, WIDE_COLUMNS } from '../../src/render/columns.js';
import { ColumnsError } from '../../src/render/records.js';
import { DELIMITED_FIELDS } from '../../src/render/delimited.js';
import { renderJobsTable } from '../../src/render/jobs-table.js';
import { createPalette } from '../../src/render/palette.js';
import { makeJob, makeTask, NOW } from '../jobs/job-fixtures.js';

const ctx = { now: NOW, staleAfterMs: 5 * 60_000, barStyle: 'unicode' as const };
const palette = createPalette(false);

describe('parseColumns', () => {
  it('--columns name,state,updated gives those columns in that order', () => {
    expect(parseColumns('name,state,updated')).toEqual(['name', 'state', 'updated']);
  });

  it('forgives spaces, case, empty items and repeats', () => {
    expect(parseColumns(' Name , STATE,,name ')).toEqual(['name', 'state']);
  });

  it('rejects unknown ids, naming them and listing the valid ones', () => {
    expect(() => parseColumns('name,colour,owner')).toThrow(ColumnsError);
    expect(() => parseColumns('name,colour,owner')).toThrow(/"colour", "owner".*valid columns: name, type, state, progress, tasks/);
  });

  it('rejects an empty list', () => {
    expect(() => parseColumns(' , ')).toThrow(/no columns given/);
  });
});

describe('column sets', () => {
  it('shows name, type, state, progress, tasks, message, started, updated and user by default', () => {
    expect(DEFAULT_COLUMNS.map((id) => COLUMNS[id].header)).toEqual([
      'NAME',
      'TYPE',
      'STATE',
      'PROGRESS',
      'TASKS',
      'MESSAGE',
      'STARTED',
      'UPDATED',
      'USER',
    ]);
  });

  it('-o wide adds handle, server, company, trigger, size and description', () => {
    expect(WIDE_COLUMNS.slice(DEFAULT_COLUMNS.length)).toEqual(['handle', 'server', 'company', 'trigger', 'size', 'description']);
  });

  it('every column can also be a --sort key and maps to a csv/tsv field', () => {
    for (const id of COLUMN_IDS) {
      expect(() => parseSortSpec(id)).not.toThrow();
      expect(DELIMITED_FIELDS).toContain(COLUMNS[id].field);
    }
  });
});

describe('column cells', () => {
  it('PROGRESS shows the bar and the percentage', () => {
    expect(COLUMNS.progress.text(makeJob({ progress: 50 }), ctx)).toBe('█████░░░░░  50%');
    expect(COLUMNS.progress.text(makeJob({ progress: 100 }), { ...ctx, barStyle: 'ascii' })).toBe('########## 100%');
    expect(COLUMNS.progress.text(makeJob({ progress: undefined }), ctx)).toBe('');
  });

  it('TASKS shows processed/total when the job has tasks, else nothing', () => {
    const job = makeJob({ taskProgressArray: [makeTask({ numProcessed: 12, numProcessing: 3, numPending: 25 })] });
    expect(COLUMNS.tasks.text(job, ctx)).toBe('12/40');
    expect(COLUMNS.tasks.text(makeJob(), ctx)).toBe('');
  });

  it('UPDATED is relative and marked with ! once a running job is stale', () => {
    expect(COLUMNS.updated.text(makeJob({ lastProgressUpdate: '2026-11-28T09:29:48-08:00' }), ctx)).toBe('12s ago');
    const stuck = makeJob({ lastProgressUpdate: '2026-11-28T09:10:00-08:00' });
    expect(COLUMNS.updated.text(stuck, ctx)).toBe('20m ago !');
    expect(COLUMNS.updated.style?.(stuck, palette, ctx)).toBe(palette.stale);
  });

  it('NAME falls back to originalName and is sanitised by the table; the csv value is raw', () => {
    expect(COLUMNS.name.text(makeJob({ name: undefined, originalName: 'orig' }), ctx)).toBe('orig');
    const job = makeJob({ name: 'a\x1b[2Jb' });
    expect(renderJobsTable([job], { ...ctx, columns: ['name'], headers: false, palette })).toBe('a\\x1b[2Jb\n');
    expect(COLUMNS.name.value(job)).toBe('a\x1b[2Jb');
  });

  it('STARTED is relative on screen and the server timestamp in csv', () => {
    const job = makeJob({ startDate: '2026-11-28T09:14:00-08:00' });
    expect(COLUMNS.started.text(job, ctx)).toBe('16m ago');
    expect(COLUMNS.started.value(job)).toBe('2026-11-28T09:14:00-08:00');
  });

  it('TRIGGER shows the server wall-clock time', () => {
    expect(COLUMNS.trigger.text(makeJob({ triggerTime: '2026-11-28T22:00:00-08:00' }), ctx)).toBe('2026-11-28 22:00');
  });
});
