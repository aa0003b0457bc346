import { describe, expect, it } from 'vitest';
import type { ActiveJob } from '../../src/ips/types.js';
import { DEFAULT_COLUMNS, WIDE_COLUMNS } from '../../src/render/columns.js';
import { type JobsTableOptions, renderJobsTable } from '../../src/render/jobs-table.js';
import { createPalette } from '../../src/render/palette.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { makeJob, makeTask, NOW } from '../jobs/job-fixtures.js';

const plain: JobsTableOptions = {
  columns: DEFAULT_COLUMNS,
  headers: true,
  palette: createPalette(false),
  now: NOW,
  staleAfterMs: 5 * 60_000,
  barStyle: 'unicode',
};
const coloured: JobsTableOptions = { ...plain, palette: createPalette(true) };

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

const publishing = makeJob({ taskProgressArray: [makeTask({ numProcessed: 12, numPending: 28 })] });
const waiting = makeJob({
  jobHandle: 'j|1002',
  name: 'summer-upload',
  type: 'UploadDirectoryJob',
  state: 'WaitingClient',
  progress: undefined,
  progressMessage: undefined,
  startDate: undefined,
  lastProgressUpdate: undefined,
  submitUserEmail: 'bo@example.com',
});
const stuck = makeJob({ jobHandle: 'j|1003', name: 'stuck', lastProgressUpdate: '2026-11-28T09:10:00-08:00', progress: 100 });

describe('renderJobsTable', () => {
  it('ips-jobs (piped, no colour) prints an aligned, borderless table', () => {
    expect(renderJobsTable([publishing, waiting, stuck], plain)).toBe(
      [
        'NAME              TYPE                    STATE          PROGRESS         TASKS  MESSAGE            STARTED  UPDATED    USER',
        'spring-catalogue  ImageServingPublishJob  Running        █████░░░░░  50%  12/40  Publishing images  16m ago  12s ago    ana@example.com',
        'summer-upload     UploadDirectoryJob      WaitingClient                                             -        -          bo@example.com',
        'stuck             ImageServingPublishJob  Running        ██████████ 100%         Publishing images  16m ago  20m ago !  ana@example.com',
        '',
      ].join('\n'),
    );
  });

  it('--no-headers drops the header row', () => {
    const output = renderJobsTable([publishing], { ...plain, headers: false });
    expect(lines(output)).toHaveLength(1);
    expect(output).not.toContain('NAME');
  });

  it('with no jobs prints only the header, or nothing without headers', () => {
    expect(lines(renderJobsTable([], plain))).toHaveLength(1);
    expect(renderJobsTable([], { ...plain, headers: false })).toBe('');
  });

  it('marks a running job silent past --stale-after with a trailing !, in red when colour is on', () => {
    expect(renderJobsTable([stuck], plain)).toContain('20m ago !');
    expect(renderJobsTable([stuck], coloured)).toContain('\x1b[31m20m ago !\x1b[39m');
    expect(renderJobsTable([stuck], { ...plain, staleAfterMs: 0 })).not.toContain('!');
  });

  it('colours rows by state class when colour is on', () => {
    const jobs = [
      makeJob({ name: 'r', state: 'Running' }),
      makeJob({ name: 'w', state: 'New' }),
      makeJob({ name: 's', state: 'Stopping' }),
      makeJob({ name: 'd', state: 'Done' }),
      makeJob({ name: 'u', state: 'Unknown' }),
    ];
    const [header, running, waitingRow, stopping, done, unknown] = lines(renderJobsTable(jobs, coloured));
    expect(header).toContain('\x1b[1mNAME\x1b[22m');
    expect(running).toContain('\x1b[36mRunning\x1b[39m');
    expect(waitingRow).toContain('\x1b[33mNew\x1b[39m');
    expect(stopping).toContain('\x1b[35mStopping\x1b[39m');
    expect(done).toContain('\x1b[32mDone\x1b[39m');
    expect(unknown).toContain('\x1b[90mUnknown\x1b[39m');
  });

  it('writes no escape codes at all when colour is off', () => {
    const output = renderJobsTable([publishing, waiting, stuck], { ...plain, columns: WIDE_COLUMNS, width: 60 });
    expect(output).not.toContain('\x1b');
  });

  it('on an 80-column terminal leaves out the least telling columns and keeps every line within 80, colour codes included', () => {
    const chatty = makeJob({ progressMessage: 'Publishing image 1,234 of 9,876 to the image server cache in region us-west', name: 'spring-catalogue-2026-final' });
    const narrow = renderJobsTable([chatty, waiting, stuck], { ...coloured, width: 80 });
    expect(narrow).toContain('\x1b[36m');
    for (const line of lines(narrow)) expect(visibleWidth(line)).toBeLessThanOrEqual(80);
    const header = stripAnsi(lines(narrow)[0]!);
    expect(header).toMatch(/^NAME\s+STATE\s+PROGRESS\s+UPDATED$/);
    expect(stripAnsi(narrow)).toContain('spring-catalogue-2026-final');
  });

  it('drops wide columns in order, description first, once shrinking is not enough', () => {
    const wide = stripAnsi(renderJobsTable([publishing], { ...plain, columns: WIDE_COLUMNS }));
    const fullWidth = visibleWidth(lines(wide)[0]!);
    // MESSAGE can give one column; the other four cost DESCRIPTION its place.
    const oneLess = stripAnsi(renderJobsTable([publishing], { ...plain, columns: WIDE_COLUMNS, width: fullWidth - 5 }));
    expect(lines(oneLess)[0]).not.toContain('DESCRIPTION');
    expect(lines(oneLess)[0]).toContain('TRIGGER');
    expect(oneLess).toContain(publishing.name);
  });

  it('shrinks MESSAGE before NAME', () => {
    const job = makeJob({ name: 'spring-catalogue-2026', progressMessage: 'Publishing image 1,234 of 9,876 to the cache' });
    const full = stripAnsi(renderJobsTable([job], { ...plain, headers: false }));
    const cutBy = 10;
    const narrow = renderJobsTable([job], { ...plain, headers: false, width: visibleWidth(full.trimEnd()) - cutBy });
    expect(narrow).toContain('spring-catalogue-2026');
    expect(narrow).toContain('Publishing image 1,234 of 9,876 t…');
  });

  it('keeps every line within even a tiny terminal width', () => {
    for (const width of [1, 10, 25, 40, 100]) {
      const output = renderJobsTable([publishing, waiting, stuck], { ...coloured, columns: WIDE_COLUMNS, width });
      for (const line of lines(output)) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('never truncates when piped (no width), however long the text', () => {
    const message = 'x'.repeat(500);
    expect(renderJobsTable([makeJob({ progressMessage: message })], plain)).toContain(message);
  });

  it('shows control and bidi characters in a job name as escapes, not as terminal commands', () => {
    const hostile = makeJob({ name: 'evil\x1b[2J\u009b31m\u202eTXT.exe' });
    const output = renderJobsTable([hostile], plain);
    expect(output).toContain('evil\\x1b[2J\\x9b31m\\u202eTXT.exe');
    expect(output).not.toMatch(/[\x1b\u009b\u202e]/);
    expect(stripAnsi(renderJobsTable([hostile], coloured))).not.toMatch(/[\x1b\u009b\u202e]/);
  });

  it('keeps wide characters aligned by display width', () => {
    const [, cjk, ascii] = lines(renderJobsTable([makeJob({ name: '春のカタログ' }), makeJob({ name: 'abc' })], { ...plain, columns: ['name', 'state'] }));
    expect(cjk).toBe('春のカタログ  Running');
    expect(ascii).toBe('abc           Running');
  });

  it('renders 5,000 jobs as 5,001 lines', () => {
    const jobs: ActiveJob[] = Array.from({ length: 5_000 }, (_, i) =>
      makeJob({ jobHandle: `j|${i}`, name: `job-${i}`, progress: i % 101, state: i % 7 === 0 ? 'WaitingClient' : 'Running' }),
    );
    const output = renderJobsTable(jobs, { ...coloured, columns: WIDE_COLUMNS, width: 120 });
    expect(lines(output)).toHaveLength(5_001);
  });
});
