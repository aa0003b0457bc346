// Runs a page's `ips-jobs …` commands (doc-commands.ts) as a reader would, against an emulator holding the jobs the
// docs name, and checks each exit code. One emulator per page; the commands run in order, in a real shell (bash, as
// the recipes are written for), with `ips-jobs` (and `npx ips-jobs`) on PATH as the built CLI, an empty HOME with
// the profiles the pages name, and the files the recipes read.
//
// The emulator's clock is frozen, so the world the docs describe holds still: their jobs finished a few minutes ago.
// A command that follows a job finds the clock a minute on at each poll after its first (and at each once it has
// submitted the job), so it ends at the poll that sees the job finish, not after real intervals.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, formatIso, startEmulator, type AddJobOptions, type Emulator } from '../../src/emulator/index.js';
import { BIN, REPO_ROOT, until } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { docCommands, type DocCommand } from './doc-commands.js';

/** Every page whose code blocks are run: the README and docs/*.md but the generated reference. */
export const PAGES = ['README.md', ...readdirSync(path.join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'commands.md').map((name) => `docs/${name}`)];

export function pageCommands(page: string): DocCommand[] {
  return docCommands(page, readFileSync(path.join(REPO_ROOT, page), 'utf8'));
}

const MINUTE = 60_000;

/** The jobs the docs name, in the demo company: each ran for half a minute and finished a minute before the page's first command. */
function docJobs(nowMs: number): AddJobOptions[] {
  const justFinished = { triggerAt: formatIso(nowMs - 1.5 * MINUTE, -480), waitMs: 0, durationMs: 0.5 * MINUTE };
  return [
    { originalName: 'Spring-Catalog-Publish', type: 'ImageServingPublish', jobHandle: 'j|1001||Spring-Catalog-Publish|54091', files: 40, ...justFinished },
    { originalName: 'Kestrel-Upload', type: 'UploadFromServerDirectory', files: 12, ...justFinished },
    { originalName: 'Nightly-Publish', type: 'ImageServingPublish', files: 30, ...justFinished },
  ];
}

interface ReaderMachine {
  cwd: string;
  env: Record<string, string>;
}

/** A reader's machine: `ips-jobs` on PATH, an empty HOME with the pages' profiles, and the recipes' input files. */
function readerMachine(emulator: Emulator): ReaderMachine {
  const root = mkdtempSync(path.join(tmpdir(), 'ips-jobs-docs-'));
  const home = path.join(root, 'home');
  const bin = path.join(root, 'bin');
  const cwd = path.join(root, 'work');
  mkdirSync(bin);
  mkdirSync(path.join(cwd, 'build'), { recursive: true });
  writeFileSync(path.join(bin, 'ips-jobs'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'ips-jobs'), 0o755);
  writeFileSync(path.join(cwd, 'build/images.tsv'), 'https://assets.example/site/hero.jpg\tsite/hero.jpg\nhttps://assets.example/site/logo.png\tsite/logo.png\n');
  const configDir = path.join(home, '.config/ips-jobs');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(configDir, 'prod.password'), `${DEMO_CREDENTIALS.password}\n`, { mode: 0o600 });
  const profile = { username: DEMO_CREDENTIALS.username, passwordFile: path.join(configDir, 'prod.password'), endpoint: emulator.url };
  const config = { defaultProfile: 'prod', profiles: { prod: { ...profile, company: 'Demo Company' }, stage: { ...profile, company: 'c|1002' } } };
  writeFileSync(path.join(configDir, 'config.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    LANG: 'C.UTF-8',
    ...demoEnv(emulator),
    // What the recipes take from their CI system.
    PUBLISH_JOB: 'j|1001||Spring-Catalog-Publish|54091',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    CI_COMMIT_SHORT_SHA: '01234567',
  };
  return { cwd, env };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** What the shell runs: `npx [--yes] ips-jobs` is the installed package's `ips-jobs`, exec'd so a signal reaches it. */
function shellText(command: string): string {
  return command.replace(/(^|\s)ips-jobs /, '$1exec ips-jobs ');
}

/**
 * While a command runs, each of its polls after its first, and each once it has submitted a job, finds the clock a
 * minute on: the clock moves as the poll arrives, before it is answered, so a command ends at the poll that sees
 * its job finish instead of waiting real intervals for the clock to catch up. Returns what stops it.
 */
function moveClockWithPolls(emulator: Emulator): () => void {
  let polls = 0;
  let submitted = false;
  return emulator.onCall((operation) => {
    if (operation === 'submitJob') submitted = true;
    if (operation !== 'getActiveJobs') return;
    polls += 1;
    if (polls > 1 || submitted) emulator.clock.advance(MINUTE);
  });
}

function runInShell(command: DocCommand, machine: ReaderMachine, emulator: Emulator): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', shellText(command.command)], { cwd: machine.cwd, env: machine.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ended = false;
    const stopClock = command.interrupt ? () => {} : moveClockWithPolls(emulator);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      stopClock();
      ended = true;
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end();
    if (command.interrupt) {
      until(() => stdout !== '' || ended, 20_000, `the first output of ${command.command}`)
        .then(() => child.kill('SIGINT'))
        .catch(reject);
    }
  });
}

/** The tests of one page: a skip needs a reason, and every other command exits as the page says. */
export function describePage(page: string): void {
  const commands = pageCommands(page);
  const runnable = commands.filter((command) => command.skip === undefined);

  describe(`the commands of ${page}`, () => {
    let emulator: Emulator;
    let machine: ReaderMachine;

    beforeAll(async () => {
      emulator = await startEmulator({ jobs: 16, seed: 1, speed: 0 });
      for (const job of docJobs(emulator.clock.now().getTime())) emulator.ips.addJob(job);
      machine = readerMachine(emulator);
    });
    afterAll(async () => {
      await emulator.close();
    });

    it('has commands to run, and skips only with a reason', () => {
      expect(runnable.length).toBeGreaterThan(0);
      for (const command of commands.filter((c) => c.skip !== undefined)) expect(command.skip, `${page}:${command.line}`).toMatch(/\w{3}/);
    });

    for (const command of runnable) {
      const expected = command.interrupt ? 'runs until Ctrl-C' : `exits ${command.exit}`;
      it(`${page}:${command.line} ${command.command} ${expected}`, async () => {
        const run = await runInShell(command, machine, emulator);
        const said = `${page}:${command.line}: ${command.command}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
        expect(run.code, said).toBe(command.interrupt ? 130 : command.exit);
      }, 40_000);
    }
  });
}
