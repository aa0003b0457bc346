// On a terminal (a pseudo-terminal made by `script`): colour by default, a unicode bar, the table fitted
// to the window, a friendly line when there is nothing to show, and the spinner on stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, DEMO_CREDENTIALS, type Emulator } from '../../src/emulator/index.js';
import { onTerminal, stripAnsi } from '../helpers/terminal.js';

let busy: Emulator;
let empty: Emulator;

beforeAll(async () => {
  busy = await startEmulator({ speed: 0, jobs: 16 });
  empty = await startEmulator({ speed: 0, jobs: 0 });
});

afterAll(async () => {
  await Promise.all([busy.close(), empty.close()]);
});

/** The demo user at `endpoint`, on a terminal `columns` wide. */
function onTerminalAt(args: string[], endpoint: string, columns: number, extraEnv: Record<string, string> = {}) {
  const env = {
    IPS_JOBS_ENDPOINT: endpoint,
    IPS_JOBS_USERNAME: DEMO_CREDENTIALS.username,
    IPS_JOBS_PASSWORD: DEMO_CREDENTIALS.password,
    IPS_JOBS_COMPANY: DEMO_CREDENTIALS.companyHandle,
    ...extraEnv,
  };
  return onTerminal(args, env, { columns });
}

describe('list on a terminal', () => {
  it('colours rows, draws a unicode bar and fits every line to the window', async () => {
    const { code, screen } = await onTerminalAt(['list'], busy.url, 90);
    expect(code).toBe(0);
    expect(screen).toContain('\u001b[36m');
    const text = stripAnsi(screen);
    expect(text).toMatch(/[█░]{10}/);
    expect(text).toContain('Fetching active jobs…');
    const tableLines = text.split(/\r?\n/).filter((line) => /^(NAME|\S+-\d{4}-\d\d-\d\d)/.test(line));
    expect(tableLines.length).toBeGreaterThan(5);
    for (const line of tableLines) expect([...line].length).toBeLessThanOrEqual(90);
  });

  it.each([80, 100, 130])('at %i columns tells apart names that differ only at the end (cut last, in the middle)', async (columns) => {
    const { code, screen } = await onTerminalAt(['list', '--no-color'], busy.url, columns);
    expect(code).toBe(0);
    const lines = stripAnsi(screen).split(/\r?\n/);
    const header = lines.findIndex((line) => line.includes('NAME'));
    const names = lines
      .slice(header + 1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('  ')[0]!);
    // The demo has several jobs of one name but for its time, e.g. Outlet-Incremental-Publish-2026-11-28-…
    const alike = names.filter((name) => name.startsWith('Outlet-Incr'));
    expect(alike.length).toBeGreaterThan(2);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/\d\d:\d\d:\d\d$/);
    if (columns >= 100) expect(names.filter((name) => name.includes('…'))).toEqual([]);
    else expect(alike.every((name) => /^Outlet-Incr.*….*\d\d:\d\d:\d\d$/.test(name))).toBe(true);
  });

  it('says so in a friendly line when there are no active jobs', async () => {
    const { code, screen } = await onTerminalAt(['list'], empty.url, 100);
    expect(code).toBe(0);
    expect(stripAnsi(screen)).toContain('No active jobs in c|1001.');
  });

  it('draws no spinner on a terminal that reports no width, and finishes', async () => {
    // script(1) without a size and some CI consoles report 0 columns; ora would redraw there for ever.
    const { code, screen } = await onTerminalAt(['list'], busy.url, 0);
    expect(code).toBe(0);
    expect(screen).not.toMatch(/\u001b\[\d*A/);
    expect(stripAnsi(screen)).not.toContain('Fetching active jobs…');
    expect(stripAnsi(screen)).toContain('NAME');
  });

  it.each<{ how: string; args: string[]; env: Record<string, string> }>([
    { how: 'NO_COLOR', args: [], env: { NO_COLOR: '1' } },
    { how: '--no-color', args: ['--no-color'], env: {} },
  ])(
    '$how on a terminal turns colour off, the spinner\'s too',
    async ({ args, env }) => {
      const { screen } = await onTerminalAt(['list', ...args], busy.url, 200, env);
      expect(stripAnsi(screen)).toContain('NAME');
      expect(screen).not.toMatch(/\u001b\[(3\d|9\d|1)m/);
    },
  );
});
