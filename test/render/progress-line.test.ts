import { describe, expect, it } from 'vitest';
import { createPalette } from '../../src/render/palette.js';
import { progressLine } from '../../src/render/progress-line.js';
import { stripAnsi, visibleWidth } from '../../src/render/text-width.js';
import { makeJob, makeTask } from '../jobs/job-fixtures.js';

const job = makeJob({
  name: 'Spring-Catalog-Publish',
  progress: 42,
  taskProgressArray: [makeTask({ numProcessed: 120, numProcessing: 10, numPending: 170 })],
});

describe('progressLine', () => {
  it('ips-jobs wait shows name, state, bar, percent, files and ETA on one line', () => {
    expect(progressLine(job, { etaMs: 3 * 60_000 })).toBe('Spring-Catalog-Publish  Running  ████░░░░░░  42%  120/300 files  ETA 3m');
  });

  it('adds the rate when known and leaves out what the job does not report', () => {
    expect(progressLine(job, { etaMs: 200_000, filesPerMinute: 40.4, barStyle: 'ascii' })).toBe(
      'Spring-Catalog-Publish  Running  ####------  42%  120/300 files  ETA 3m  40 files/min',
    );
    expect(progressLine(makeJob({ name: 'w', state: 'WaitingClient', progress: undefined }))).toBe('w  WaitingClient');
    expect(progressLine(job, { filesPerMinute: 2.25 })).toContain('2.3 files/min');
  });

  it('fits a narrow terminal: the name is cut, then rate, files and state give way', () => {
    const full = progressLine(job, { etaMs: 180_000, filesPerMinute: 40 });
    expect(progressLine(job, { etaMs: 180_000, filesPerMinute: 40, width: visibleWidth(full) - 1 })).toBe(
      'Spring-Catalog-Publi…  Running  ████░░░░░░  42%  120/300 files  ETA 3m  40 files/min',
    );
    expect(progressLine(job, { etaMs: 180_000, filesPerMinute: 40, width: 64 })).toBe(
      'Spring-Catalog…  Running  ████░░░░░░  42%  120/300 files  ETA 3m',
    );
    expect(progressLine(job, { etaMs: 180_000, width: 60 })).toBe('Spring-Catalog-Publish  Running  ████░░░░░░  42%  ETA 3m');
    expect(progressLine(job, { etaMs: 180_000, width: 40 })).toBe('Spring-Catalog…  ████░░░░░░  42%  ETA 3m');
    expect(progressLine(job, { etaMs: 180_000, width: 36 })).toBe('Spring-Catalog-Pub…  ████░░░░░░  42%');
    for (let width = 0; width <= 90; width++) {
      const line = progressLine(job, { etaMs: 180_000, filesPerMinute: 40, width, palette: createPalette(true) });
      expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('colours the state and shows control characters in the name as escapes', () => {
    const line = progressLine(makeJob({ name: 'evil\x1b[2J\nx', progress: 10 }), { palette: createPalette(true) });
    expect(line).toContain('\x1b[36mRunning\x1b[39m');
    expect(stripAnsi(line)).toMatch(/^evil\\x1b\[2J\\nx {2}Running/);
  });
});
