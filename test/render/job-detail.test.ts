import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../src/ips/types.js';
import { flattenDetail, presentJobDetails, renderActiveJob, renderJobLogSummary, type ActiveJobDetailOptions } from '../../src/render/job-detail.js';
import { createPalette } from '../../src/render/palette.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { makeJob, makeTask, NOW } from '../jobs/job-fixtures.js';

const plain: ActiveJobDetailOptions = {
  palette: createPalette(false),
  now: NOW,
  wide: false,
  staleAfterMs: 30 * 60_000,
  barStyle: 'ascii',
  items: false,
};

const lines = (text: string) => text.replace(/\n$/, '').split('\n');

const publishing = makeJob({
  locale: 'en-US',
  triggerTime: '2026-11-28T09:13:30-08:00',
  totalSize: 123456,
  imageServingPublishJob: { publishType: 'Full', emailSetting: 'All' },
  taskProgressArray: [
    makeTask({
      taskType: 'CatalogExport',
      taskState: 'Done',
      numProcessed: 40,
      progress: 1,
      progressMessage: '40 of 40 processed',
      lastProgressUpdate: '2026-11-28T09:20:00-08:00',
    }),
    makeTask({
      taskType: 'ImageServingPublish',
      numProcessed: 12,
      numProcessing: 2,
      numPending: 26,
      progress: 0.3,
      progressMessage: '12 of 40 processed',
      lastProgressUpdate: '2026-11-28T09:29:48-08:00',
      taskItemProgressArray: [
        { itemName: 'Kestrel/spring/boot-1.tif', progress: 0.57, progressMessage: 'Processing', lastProgressUpdate: '2026-11-28T09:29:48-08:00' },
        { itemName: 'Kestrel/spring/boot-2.tif', progress: 0, progressMessage: 'Queued', lastProgressUpdate: '2026-11-28T09:29:48-08:00' },
      ],
    }),
  ],
});

describe('renderActiveJob', () => {
  it('shows the job as a key/value block, its job detail on one line, then the task table', () => {
    expect(renderActiveJob(publishing, plain)).toBe(
      [
        'name           spring-catalogue',
        'original name  spring-catalogue',
        'handle         j|1001',
        'type           ImageServingPublishJob',
        'state          Running',
        'progress       ##########----------  50%',
        'message        Publishing images',
        'submitted by   ana@example.com',
        'company        c|42',
        'server         ips-worker-3',
        'started        16m ago (2026-11-28 09:14)',
        'last update    12s ago (2026-11-28 09:29)',
        'job detail     imageServingPublishJob: publishType Full, emailSetting All',
        '',
        'TASK                 STATE       PROCESSED  PROCESSING  PENDING  PROGRESS  MESSAGE             UPDATED',
        'CatalogExport        Done               40           0        0      100%  40 of 40 processed  10m ago',
        'ImageServingPublish  Processing         12           2       26       30%  12 of 40 processed  12s ago',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds locale, trigger time and total size, shows absent fields as -, and lists the items', () => {
    const output = renderActiveJob({ ...publishing, description: undefined }, { ...plain, wide: true });
    expect(output).toContain('locale         en-US\n');
    expect(output).toContain('trigger time   16m ago (2026-11-28 09:13)\n');
    expect(output).toContain('total size     123456\n');
    expect(output).toContain('description    -\n');
    expect(output).toMatch(/^ {2}Kestrel\/spring\/boot-1\.tif\s+57%  Processing\s+12s ago$/m);
    expect(output).toMatch(/^ {2}Kestrel\/spring\/boot-2\.tif\s+0%  Queued\s+12s ago$/m);
  });

  it('--items puts each task\'s items right under it', () => {
    const rows = lines(renderActiveJob(publishing, { ...plain, items: true }));
    const task = rows.findIndex((row) => row.startsWith('ImageServingPublish '));
    expect(rows[task + 1]).toMatch(/^ {2}Kestrel\/spring\/boot-1\.tif/);
    expect(rows[task + 2]).toMatch(/^ {2}Kestrel\/spring\/boot-2\.tif/);
    expect(renderActiveJob(publishing, plain)).not.toContain('boot-1');
  });

  it('leaves out fields the server did not send, except the name and state', () => {
    const bare = renderActiveJob({ taskProgressArray: [] }, plain);
    expect(bare).toBe(['name           -', 'state          -', 'tasks          none reported', ''].join('\n'));
  });

  it('flags a running job silent for the stall timeout, in red with colour on', () => {
    const stuck = makeJob({ lastProgressUpdate: '2026-11-28T08:50:00-08:00' });
    const output = renderActiveJob(stuck, plain);
    expect(output).toContain('last update    40m ago (2026-11-28 08:50)  ! stalled: no progress for 40m\n');
    expect(renderActiveJob(stuck, { ...plain, staleAfterMs: 0 })).not.toContain('stalled');
    expect(renderActiveJob(makeJob({ state: 'WaitingCoordinator', lastProgressUpdate: '2026-11-28T08:50:00-08:00' }), plain)).not.toContain('stalled');
    const coloured = renderActiveJob(stuck, { ...plain, palette: createPalette(true) });
    expect(coloured).toContain('\u001b[31m40m ago (2026-11-28 08:50)');
    expect(stripAnsi(coloured)).toBe(output);
  });

  it('colours the state by its class', () => {
    const output = renderActiveJob(makeJob(), { ...plain, palette: createPalette(true) });
    expect(output).toContain('\u001b[36mRunning\u001b[39m');
  });

  it('flattens a large job-detail block into key: value lines, nested as a.b', () => {
    const upload = makeJob({
      uploadDirectoryJob: {
        destFolder: 'Kestrel/incoming/',
        overwrite: true,
        createMask: false,
        emailSetting: 'Error',
        postImageServingPublishJob: { publishType: 'Incremental', emailSetting: 'Error' },
      },
    });
    const output = renderActiveJob(upload, plain);
    expect(output).toContain(
      [
        'job detail     uploadDirectoryJob',
        '               destFolder: Kestrel/incoming/',
        '               overwrite: true',
        '               createMask: false',
        '               emailSetting: Error',
        '               postImageServingPublishJob.publishType: Incremental',
        '               postImageServingPublishJob.emailSetting: Error',
      ].join('\n'),
    );
  });

  it('makes server text safe for the terminal', () => {
    const output = renderActiveJob(
      makeJob({ progressMessage: 'evil\u001b[2J\nnext', metadataPublishJob: { forcePublish: true }, exportJob: { macro: 'a\u001b]0;x\u0007', fmt: 'orig', emailSetting: 'All', clientId: 'c', is_modifier: 'x' } }),
      plain,
    );
    expect(output).toContain('message        evil\\x1b[2J\\nnext\n');
    expect(output).toContain('job detail     metadataPublishJob: forcePublish true\n');
    expect(output).toContain('macro: a\\x1b]0;x\\x07');
    expect(output).not.toContain('\u001b');
  });

  it('fits a narrow terminal: values and the task table are cut with …, no line wider than the window', () => {
    const long = makeJob({ ...publishing, progressMessage: 'Publishing '.repeat(20), description: 'A very long description '.repeat(5) });
    const output = renderActiveJob(long, { ...plain, width: 60, items: true });
    for (const line of lines(output)) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
    expect(output).toMatch(/^message {8}Publishing Publishing .*…$/m);
    expect(output).toMatch(/^TASK\s+STATE/m);
    // In a pipe nothing is cut.
    expect(renderActiveJob(long, plain)).toContain(`message        ${'Publishing '.repeat(20).trimEnd()}`);
  });
});

describe('flattenDetail and presentJobDetails', () => {
  it('flattens nested objects, unwraps IPS item arrays and joins plain arrays', () => {
    expect(
      flattenDetail({ fmt: 'orig', assetHandleArray: { items: ['a|1', 'a|2'] }, crop: { mode: 'trim', box: [{ x: 1 }, { x: 2 }] } }),
    ).toEqual([
      ['fmt', 'orig'],
      ['assetHandleArray', 'a|1, a|2'],
      ['crop.mode', 'trim'],
      ['crop.box[0].x', '1'],
      ['crop.box[1].x', '2'],
    ]);
  });

  it('finds the job-detail elements present, in schema order', () => {
    expect(presentJobDetails(makeJob({ exportJob: {}, imageServingPublishJob: {} })).map((d) => d.element)).toEqual(['imageServingPublishJob', 'exportJob']);
    expect(presentJobDetails(makeJob())).toEqual([]);
  });
});

const finishedLog: JobLog = {
  companyHandle: 'c|42',
  jobHandle: 'j|1001',
  jobName: 'spring-catalogue',
  originalJobName: 'spring-catalogue',
  submitUserEmail: 'ana@example.com',
  logType: 'ImageServingPublishWarning',
  startDate: '2026-11-28T07:00:00-08:00',
  endDate: '2026-11-28T07:12:30-08:00',
  totalFileCount: 120,
  fileSuccessCount: 118,
  fileErrorCount: 0,
  fileWarningCount: 2,
  fileDuplicateCount: 0,
  fileUpdateCount: 0,
  transferSuccessCount: 120,
  transferErrorCount: 0,
  transferWarningCount: 0,
  fatalError: false,
  detailTotalRows: 130,
  detailArray: [],
};

describe('renderJobLogSummary', () => {
  it('shows status, counts, start, end and duration of a finished job', () => {
    expect(renderJobLogSummary(finishedLog, plain)).toBe(
      [
        'name           spring-catalogue',
        'original name  spring-catalogue',
        'handle         j|1001',
        'status         succeeded with warnings: 2 warnings in 120 files',
        'log type       ImageServingPublishWarning',
        'submitted by   ana@example.com',
        'company        c|42',
        'started        2h ago (2026-11-28 07:00)',
        'ended          2h ago (2026-11-28 07:12)',
        'duration       12m',
        'files          120 files, 118 succeeded, 0 errors, 2 warnings, 0 duplicates, 0 updated',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds transfers, the fatal-error flag and the number of log rows', () => {
    const output = renderJobLogSummary(finishedLog, { ...plain, wide: true });
    expect(output).toContain('transfers      120 succeeded, 0 errors, 0 warnings\n');
    expect(output).toContain('fatal error    no\n');
    expect(output).toContain('log rows       130\n');
    expect(output).toContain('sub type       -\n');
  });

  it('says failed for a fatal error, in red', () => {
    const failed = { ...finishedLog, logType: 'ImageServingPublishFailure', fatalError: true, fileErrorCount: 3 };
    expect(renderJobLogSummary(failed, plain)).toContain('status         failed: fatal error, 3 file errors\n');
    expect(renderJobLogSummary(failed, { ...plain, palette: createPalette(true) })).toContain('\u001b[31mfailed\u001b[39m');
  });

  it('says so when the log has no end date yet', () => {
    expect(renderJobLogSummary({ ...finishedLog, endDate: undefined }, plain)).toContain('status         not finished (the log has no end date yet)\n');
  });
});
