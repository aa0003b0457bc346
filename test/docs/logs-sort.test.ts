// `logs --sort` as docs/usage.md and the help (docs/commands.md) tell it, against src/jobs/log-sort.ts: every word
// the code takes is listed, and the orders said to be cut by IPS are exactly those it has a getJobLogs sortBy for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_SORT_WORDS, parseLogSortSpec, serverLogSort } from '../../src/jobs/log-sort.js';
import { REPO_ROOT } from '../helpers/cli.js';

const usage = readFileSync(path.join(REPO_ROOT, 'docs/usage.md'), 'utf8');
const commands = readFileSync(path.join(REPO_ROOT, 'docs/commands.md'), 'utf8');
const cutByIps = LOG_SORT_WORDS.filter((word) => serverLogSort(parseLogSortSpec(word)) !== undefined);

/** The words in `(…)` after `marker`, backquoted or not, one paragraph's line breaks folded. */
function wordsAfter(text: string, marker: string): string[] {
  const at = text.replace(/\s+/g, ' ').indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const rest = text.replace(/\s+/g, ' ').slice(at + marker.length);
  const list = /^\s*\(([^)]*)\)/.exec(rest)?.[1] ?? '';
  return list.split(',').map((word) => word.replaceAll('`', '').trim());
}

describe('logs --sort', () => {
  it("docs/usage.md's --sort row names every word the code takes", () => {
    const logsSection = usage.slice(usage.indexOf('### `ips-jobs logs`'), usage.indexOf('### `ips-jobs log <job>`'));
    const row = logsSection.split('\n').find((line) => line.startsWith('| `--sort <field>` |'));
    expect(row).toBeDefined();
    const listed = row!.split('|')[2]!.split(' or an IPS field name')[0]!;
    expect([...listed.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort()).toEqual([...LOG_SORT_WORDS].sort());
  });

  it("the help's --sort (docs/commands.md) names every word the code takes", () => {
    const logsHelp = commands.slice(commands.indexOf('## ips-jobs logs'), commands.indexOf('## ips-jobs log\n'));
    const flag = /^ {2}--sort <field> +([\s\S]*?)\n {2}-/m.exec(logsHelp)?.[1]?.replace(/\s+/g, ' ') ?? '';
    const listed = flag.split(' or an IPS field')[0]!.replace(/^order by /, '');
    expect(listed.split(/, /).sort()).toEqual([...LOG_SORT_WORDS].sort());
  });

  it('the orders IPS does the cutting for are the same in docs/usage.md, the help and the code', () => {
    expect(cutByIps.sort()).toEqual(['errors', 'started', 'successes', 'warnings']);
    expect(wordsAfter(usage, 'only for an order it does as we do').sort()).toEqual(cutByIps);
    expect(wordsAfter(commands, 'only for orders it does as we do').sort()).toEqual(cutByIps);
  });
});
