// The extractor behind the docs tests (docs-*.test.ts): which lines of a page are commands, and its markers; and
// every page with commands has a test file that runs them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { commandsOfLine, docCommands } from './doc-commands.js';
import { PAGES, pageCommands } from './doc-pages.js';

describe('the docs-test extractor', () => {
  it('takes the command from a pipeline, a cron line, a redirection and npx, and leaves quoted text alone', () => {
    expect(commandsOfLine('ips-jobs list -o ndjson | jq -r .jobHandle | ips-jobs stop - --yes')).toEqual(['ips-jobs list -o ndjson', 'ips-jobs stop - --yes']);
    expect(commandsOfLine('*/5 * * * *  IPS_JOBS_PROFILE=prod ips-jobs check --stalled 30m # every 5 minutes')).toEqual(['IPS_JOBS_PROFILE=prod ips-jobs check --stalled 30m']);
    expect(commandsOfLine("  run: npx --yes ips-jobs logs --since '7d' -o csv > week.csv && echo done")).toEqual(["ips-jobs logs --since '7d' -o csv"]);
    expect(commandsOfLine(`jq -r '"see ips-jobs log \\(.jobHandle)"' out.json`)).toEqual([]);
    expect(commandsOfLine('# /etc/systemd/system/ips-jobs-exporter.service')).toEqual([]);
  });

  it('joins continued lines and applies the markers above a block', () => {
    const page = [
      '<!-- docs-test: exit 3 check -->',
      '<!-- docs-test: skip exporter — binds a fixed port -->',
      '<!-- docs-test: interrupt `ips-jobs watch` -->',
      '```sh',
      'ips-jobs check --stalled 30m \\',
      '  --failed-since 1h',
      'ips-jobs exporter --listen :9464',
      'ips-jobs list',
      'ips-jobs watch',
      'ips-jobs watch --until all-done',
      '```',
    ].join('\n');
    expect(docCommands('page.md', page)).toEqual([
      { file: 'page.md', line: 5, command: 'ips-jobs check --stalled 30m --failed-since 1h', exit: 3, interrupt: false },
      { file: 'page.md', line: 7, command: 'ips-jobs exporter --listen :9464', exit: 0, interrupt: false, skip: 'binds a fixed port' },
      { file: 'page.md', line: 8, command: 'ips-jobs list', exit: 0, interrupt: false },
      { file: 'page.md', line: 9, command: 'ips-jobs watch', exit: 0, interrupt: true },
      { file: 'page.md', line: 10, command: 'ips-jobs watch --until all-done', exit: 0, interrupt: false },
    ]);
  });

  it('refuses a marker that matches no command, or that does not stand above a block', () => {
    expect(() => docCommands('page.md', '<!-- docs-test: exit 3 stats -->\n```sh\nips-jobs list\n```')).toThrow(/page\.md:1: .*matches no command/);
    expect(() => docCommands('page.md', '<!-- docs-test: skip — no reason -->\nSome text.\n```sh\nips-jobs list\n```')).toThrow(/page\.md:1: .*just above a code block/);
    expect(() => docCommands('page.md', '<!-- docs-test: skip it -->\n```sh\nips-jobs list\n```')).toThrow(/page\.md:1: a docs-test marker must be/);
  });
});


describe('the docs tests', () => {
  it('run every page that has commands, each from a test file of its own', () => {
    const files = readdirSync(path.join(REPO_ROOT, 'test/docs')).filter((name) => /^docs-.*\.test\.ts$/.test(name));
    const run = files.flatMap((name) => [...readFileSync(path.join(REPO_ROOT, 'test/docs', name), 'utf8').matchAll(/describePage\('([^']+)'\)/g)].map((m) => m[1]));
    const withCommands = PAGES.filter((page) => pageCommands(page).length > 0);
    expect(withCommands).toContain('README.md');
    expect([...run].sort()).toEqual([...withCommands].sort());
  });
});
