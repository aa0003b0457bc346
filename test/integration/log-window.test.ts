// readLogWindow, the reader `stats` and `timeline` share, through the real client against the emulator: every log of
// a window, each once, oldest first, whatever IPS caps an answer at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLogWindow } from '../../src/commands/shared/log-window.js';
import type { Session } from '../../src/commands/shared/session.js';
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';

const START = '2031-01-15T09:00:00.000-08:00';
const FROM = Date.parse('2030-03-01T00:00:00.000-08:00');
const MINUTE = 60_000;

let emulator: Emulator;
let client: IpsClient;
let session: Session;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0, startTime: START });
  client = await createIpsClient({ endpoint: emulator.url, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password, appVersion: 'test' });
  session = {
    client,
    endpoint: emulator.url,
    username: DEMO_CREDENTIALS.username,
    company: { companyHandle: DEMO_CREDENTIALS.companyHandle },
    checkLogin: () => Promise.resolve('Success'),
    close: () => Promise.resolve(),
  };
  emulator.ips.addJobLogs([
    ...Array.from({ length: 300 }, (_, i) => ({ originalName: 'Spread', type: 'ImageServingPublish', start: FROM + i * MINUTE, durationMs: 1000 })),
    // 25 more at one instant, among the others: fewer than an answer holds, across a page boundary.
    ...Array.from({ length: 25 }, () => ({ originalName: 'Burst', type: 'UrlUpload', start: FROM + 150 * MINUTE, durationMs: 1000 })),
    // 100 at one instant before the window, alone.
    ...Array.from({ length: 100 }, () => ({ originalName: 'Crowd', type: 'Upload', start: FROM - 100 * MINUTE, durationMs: 1000 })),
    // Outside the window asked below.
    { originalName: 'Later', type: 'ImageServingPublish', start: FROM + 400 * MINUTE, durationMs: 1000 },
  ]);
});

afterAll(async () => {
  client.close();
  await emulator.close();
});

describe('readLogWindow', () => {
  it('reads every log of [from, to] once, oldest first, through answers capped at 30 rows, telling each page', async () => {
    emulator.ips.jobLogsRowCap = 30;
    const counts: number[] = [];
    try {
      const logs = await readLogWindow(session, { fromMs: FROM, toMs: FROM + 300 * MINUTE }, (soFar) => counts.push(soFar));
      expect(logs).toHaveLength(325);
      expect(new Set(logs.map((log) => log.jobHandle)).size).toBe(325);
      const starts = logs.map((log) => Date.parse(log.startDate!));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(counts.length).toBeGreaterThan(325 / 30);
      expect(counts.at(-1)).toBe(325);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    } finally {
      emulator.ips.jobLogsRowCap = undefined;
    }
  });

  it('without an end: up to the newest log', async () => {
    const logs = await readLogWindow(session, { fromMs: FROM + 299 * MINUTE });
    // The seeded two, then the emulator's own history (the 3 hours before its now).
    const own = emulator.ips.jobLogs.filter((log) => log.companyHandle === DEMO_CREDENTIALS.companyHandle && Date.parse(log.startDate!) > FROM + 400 * MINUTE);
    expect(own.length).toBeGreaterThan(0);
    expect(logs.map((log) => log.originalJobName)).toEqual(['Spread', 'Later', ...own.map((log) => log.originalJobName)]);
  });

  it('says nothing of a window that was read whole, capped or not', async () => {
    const said: unknown[] = [];
    for (const cap of [undefined, 30]) {
      emulator.ips.jobLogsRowCap = cap;
      try {
        const logs = await readLogWindow(session, { fromMs: FROM, toMs: FROM + 300 * MINUTE, onGaps: (gaps) => said.push(gaps) });
        expect(logs).toHaveLength(325);
      } finally {
        emulator.ips.jobLogsRowCap = undefined;
      }
    }
    // One job alone in a window.
    expect(await readLogWindow(session, { fromMs: FROM + 400 * MINUTE, toMs: FROM + 401 * MINUTE, onGaps: (gaps) => said.push(gaps) })).toHaveLength(1);
    expect(said).toEqual([]);
  });

  it('a cap below the logs of one instant, and logs after it: says which instant', async () => {
    const said: Array<{ crowded: readonly number[] }> = [];
    emulator.ips.jobLogsRowCap = 10;
    try {
      const logs = await readLogWindow(session, { fromMs: FROM + 149 * MINUTE, toMs: FROM + 200 * MINUTE, onGaps: (gaps) => said.push(gaps) });
      // The 25 Burst logs share one instant with a Spread log: IPS gives 10 of the 26, whatever is asked.
      expect(logs.filter((log) => log.originalJobName === 'Burst')).toHaveLength(9);
      expect(logs.filter((log) => log.originalJobName === 'Spread')).toHaveLength(52);
    } finally {
      emulator.ips.jobLogsRowCap = undefined;
    }
    expect(said).toEqual([{ crowded: [FROM + 150 * MINUTE] }]);
  });

  it('more logs at one instant than it will ask for at once: says which instant, and reads on past it', async () => {
    const crowded: number[] = [];
    const logs = await readLogWindow(session, { fromMs: FROM - 110 * MINUTE, toMs: FROM + 10 * MINUTE, pageSize: 3, onGaps: (gaps) => crowded.push(...gaps.crowded) });
    expect(crowded).toEqual([FROM - 100 * MINUTE]);
    // numRows grew to 16 pages of 3 at that instant.
    expect(logs.filter((log) => log.originalJobName === 'Crowd')).toHaveLength(48);
    expect(logs.filter((log) => log.originalJobName === 'Spread')).toHaveLength(11);
  });
});
