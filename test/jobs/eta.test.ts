import { describe, expect, it } from 'vitest';
import { ProgressHistory } from '../../src/jobs/eta.js';
import { makeJob, makeTask } from './job-fixtures.js';

const at = (seconds: number) => new Date(Date.parse('2026-11-28T09:00:00-08:00') + seconds * 1000).toISOString();

describe('ETA from progress history', () => {
  it('stays silent until three samples over ten seconds show progress', () => {
    const history = new ProgressHistory();
    history.observe(makeJob({ progress: 10, lastProgressUpdate: at(0) }), new Date(at(0)));
    history.observe(makeJob({ progress: 12, lastProgressUpdate: at(2) }), new Date(at(2)));
    expect(history.estimate()).toBeUndefined();
    history.observe(makeJob({ progress: 14, lastProgressUpdate: at(4) }), new Date(at(4)));
    expect(history.estimate()).toBeUndefined(); // three samples, but only 4 s apart
    history.observe(makeJob({ progress: 20, lastProgressUpdate: at(10) }), new Date(at(10)));
    expect(history.estimate()).toEqual({ percentPerMinute: 60, remainingMs: 80_000 });
  });

  it('counts task items per minute when the job reports them', () => {
    const history = new ProgressHistory();
    [0, 10, 20].forEach((s, i) =>
      history.observe(
        makeJob({ progress: 10 + i * 10, lastProgressUpdate: at(s), taskProgressArray: [makeTask({ numProcessed: i * 50, numPending: 100 })] }),
        new Date(at(s)),
      ),
    );
    expect(history.estimate()).toMatchObject({ percentPerMinute: 60, itemsPerMinute: 300, remainingMs: 70_000 });
  });

  it('ignores repeated observations of the same report and keeps a bounded window', () => {
    const history = new ProgressHistory(5);
    const job = makeJob({ progress: 10, lastProgressUpdate: at(0) });
    history.observe(job, new Date(at(0)));
    history.observe(job, new Date(at(5)));
    expect(history.size).toBe(1);
    for (let i = 1; i <= 20; i++) history.observe(makeJob({ progress: 10 + i, lastProgressUpdate: at(i * 10) }), new Date(at(i * 10)));
    expect(history.size).toBe(5);
    // The window is the last five reports (16..20): 4 % over 40 s, and 70 % to go.
    expect(history.estimate()).toEqual({ percentPerMinute: 6, remainingMs: 700_000 });
  });

  it('a repeat of the newest report is ignored once the window has wrapped around', () => {
    const history = new ProgressHistory(3);
    for (let i = 0; i < 7; i++) history.observe(makeJob({ progress: 10 + i, lastProgressUpdate: at(i * 10) }), new Date(at(i * 10)));
    history.observe(makeJob({ progress: 16, lastProgressUpdate: at(60) }), new Date(at(65)));
    expect(history.size).toBe(3);
    expect(history.estimate()).toMatchObject({ percentPerMinute: 6 });
  });

  it('gives no ETA when progress does not move forward', () => {
    const history = new ProgressHistory();
    [0, 10, 20].forEach((s) => history.observe(makeJob({ progress: 50, lastProgressUpdate: at(s) }), new Date(at(s))));
    expect(history.estimate()).toBeUndefined();
  });
});
