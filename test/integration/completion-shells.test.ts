// Shell completion in the real shells: the scripts of `ips-jobs completion bash|zsh|fish` loaded as a user loads them,
// with `ips-jobs` on PATH as the built bin, asking the CLI for candidates, live ones from an emulator. Bash: the
// registered function called as bash calls it (COMP_LINE, COMP_POINT, COMP_WORDS, COMP_CWORD), and what it offers
// put back into the line and read by bash, to check it reads as the job's name. Fish: `complete -C`. Zsh: the script
// loads under compinit and registers itself.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';

const SHELLS = process.env.CI === 'true' ? ['bash', 'zsh', 'fish'] : ['bash', 'zsh', 'fish'].filter((shell) => onPath(shell));

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      return statSync(path.join(dir, command)).isFile();
    } catch {
      return false;
    }
  });
}

let emulator: Emulator;
let binDir: string;
let scriptDir: string;
let spaced: string;
let coloned: string;
let handle: string;
let scheduled: string;

beforeAll(async () => {
  emulator = await startEmulator({ speed: 0, jobs: 0 });
  spaced = emulator.ips.addJob({ originalName: 'Spring Catalog', type: 'ImageServingPublish', waitMs: 0, durationMs: 600_000, files: 5 }).name;
  const other = emulator.ips.addJob({ originalName: 'Kestrel-Upload', type: 'UploadUrls', waitMs: 0, durationMs: 600_000, files: 5 });
  coloned = other.name;
  handle = other.jobHandle;
  scheduled = emulator.ips.submitJob(
    { jobName: 'Nightly-Full-Publish', companyHandle: 'c|1001', execSchedule: '0 0 2 * * ?', imageServingPublishJob: { publishType: 'Full', emailSetting: 'None' } },
    'demo@ips-jobs.example',
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-completion-'));
  binDir = path.join(dir, 'bin');
  scriptDir = path.join(dir, 'scripts');
  mkdirSync(binDir);
  mkdirSync(scriptDir);
  symlinkSync(BIN, path.join(binDir, 'ips-jobs'));
  const { stdout } = await run('bash', ['-c', 'for s in bash zsh fish; do ips-jobs completion $s > "$1/ips-jobs.$s"; done', '-', scriptDir], env());
  expect(stdout).toBe('');
});

afterAll(async () => {
  await emulator.close();
});

/** The environment of a user with `ips-jobs` on PATH, logged in to the emulator unless `login` is false. */
function env(extra: Record<string, string | undefined> = {}, login = true): Record<string, string> {
  const base = cleanEnv({ ...(login ? demoEnv(emulator, { company: 'handle' }) : {}), ...extra });
  return { ...base, PATH: `${binDir}${path.delimiter}${base.PATH}`, XDG_CACHE_HOME: path.join(base.HOME!, '.cache') };
}

function run(shell: string, args: string[], environment: Record<string, string>): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(shell, args, { env: environment, timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${shell} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** COMP_WORDS as bash makes them: split at blanks, and at its COMP_WORDBREAKS characters outside quotes. */
function compWords(line: string): string[] {
  const words: string[] = [''];
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = '';
      words[words.length - 1] += char;
    } else if (char === '\\') {
      words[words.length - 1] += char + (line[++i] ?? '');
    } else if (char === ' ') {
      if (words[words.length - 1] !== '') words.push('');
    } else if (`><=;|&(:`.includes(char)) {
      if (words[words.length - 1] !== '') words.push('');
      words[words.length - 1] += char;
      words.push('');
    } else {
      if (char === "'" || char === '"') quote = char;
      words[words.length - 1] += char;
    }
  }
  return words;
}

// Calls the function `complete -p ips-jobs` names, as bash does on a TAB; prints COMPREPLY, then the line as readline
// makes it with the only candidate (TEST_REPLACED characters replaced, a quote left open closed), one word a line as
// bash reads it.
const BASH_HARNESS = `
source "$SCRIPT"
COMP_LINE=$TEST_LINE
COMP_POINT=\${#COMP_LINE}
mapfile -t COMP_WORDS <<< "$TEST_WORDS"
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
cur=\${COMP_WORDS[COMP_CWORD]}
fn=$(complete -p ips-jobs | sed -E 's/.* -F ([^ ]+) .*/\\1/')
"$fn" ips-jobs "$cur" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
echo ---
if [ "\${#COMPREPLY[@]}" -eq 1 ]; then
    eval "set -- \${COMP_LINE:0:COMP_POINT-TEST_REPLACED}\${COMPREPLY[0]}$TEST_CLOSING"
    printf '%s\\n' "$@"
fi
`;

async function bash(line: string, environment = env()): Promise<{ offered: string[]; words: string[]; stderr: string; ms: number }> {
  const words = compWords(line);
  // After a break character the word bash replaces is empty (the character is a word of its own before it).
  const last = words.at(-1)!;
  if (last !== '' && `><=;|&(:`.includes(last)) words.push('');
  // In a quote left open readline replaces what follows the quote, and closes it when it inserts the only candidate
  // (as seen at a real bash prompt).
  const current = words.at(-1)!;
  const opened = /^['"]/.exec(current)?.[0] ?? '';
  const closing = opened && current.split(opened).length % 2 === 0 ? opened : '';
  const replaced = current.length - closing.length;
  const { stdout, stderr, ms } = await run('bash', ['-c', BASH_HARNESS], {
    ...environment,
    SCRIPT: path.join(scriptDir, 'ips-jobs.bash'),
    TEST_LINE: line,
    TEST_WORDS: words.join('\n'),
    TEST_CLOSING: closing,
    TEST_REPLACED: String(replaced),
  });
  const [offered, read] = stdout.split('---\n') as [string, string];
  return { offered: offered.split('\n').filter(Boolean), words: read.split('\n').filter(Boolean), stderr, ms };
}

describe.runIf(SHELLS.includes('bash'))('bash', () => {
  it('completes a command, a flag and a value the CLI knows', async () => {
    expect((await bash('ips-jobs li')).offered).toEqual(['list']);
    expect((await bash('ips-jobs list --sta')).offered).toEqual(['--state', '--stall-timeout', '--staging']);
    expect((await bash('ips-jobs list -o c')).offered).toEqual(['csv']);
    // --state=Ru: bash splits at =, so the reply is the part after it.
    const state = await bash('ips-jobs list --state=Ru');
    expect(state.offered).toEqual(['Running']);
    expect(state.words.at(-1)).toBe('--state=Running');
    expect((await bash('ips-jobs submit video')).offered).toEqual(['video-publish']);
    expect((await bash('ips-jobs help exit')).offered).toEqual(['exit-codes']);
  });

  it('completes a live job name with a space and colons so that bash reads it back as the name', async () => {
    const first = await bash('ips-jobs wait Spring');
    expect(first.words).toEqual(['ips-jobs', 'wait', spaced]);
    // Typed as far as a colon (COMP_WORDBREAKS splits there): the rest is added after it.
    const typed = `${spaced.replaceAll(' ', '\\ ').slice(0, spaced.indexOf(':') + 2)}`;
    const second = await bash(`ips-jobs show ${typed}`);
    expect(second.words).toEqual(['ips-jobs', 'show', spaced]);
    const third = await bash(`ips-jobs log ${coloned.slice(0, coloned.lastIndexOf(':') + 1)}`);
    expect(third.words).toEqual(['ips-jobs', 'log', coloned]);
  });

  it('completes a handle with | in it, unquoted or in quotes', async () => {
    const typed = handle.slice(0, handle.indexOf('Kestrel') + 3);
    const bare = await bash(`ips-jobs stop ${typed.replaceAll('|', '\\|')}`);
    expect(bare.words).toEqual(['ips-jobs', 'stop', handle]);
    const quoted = await bash(`ips-jobs stop '${typed}`);
    expect(quoted.words).toEqual(['ips-jobs', 'stop', handle]);
  });

  it('offers scheduled jobs to pause, and not active ones', async () => {
    const offered = (await bash('ips-jobs pause ')).offered;
    expect(offered).toContain(scheduled.split('|')[2]);
    expect(offered).not.toContain(coloned);
  });

  it('offers nothing, silently and at once, without credentials', async () => {
    const result = await bash('ips-jobs wait ', env({}, false));
    expect(result).toMatchObject({ offered: [], stderr: '' });
  });

  it('offers nothing, silently, within 2 s when IPS does not answer', async () => {
    // A target that takes the connection and never answers: the completion gives up on its own.
    const silent = await import('node:net').then(({ createServer }) => createServer(() => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const result = await bash('ips-jobs wait ', env({ IPS_JOBS_ENDPOINT: `http://127.0.0.1:${port}/scene7/services/IpsApiService` }));
      expect(result).toMatchObject({ offered: [], stderr: '' });
      expect(result.ms).toBeLessThan(2_500);
    } finally {
      silent.close();
    }
  });

  it('completes --profile from the config file', async () => {
    const environment = env();
    mkdirSync(path.join(environment.XDG_CONFIG_HOME!, 'ips-jobs'), { recursive: true });
    writeFileSync(path.join(environment.XDG_CONFIG_HOME!, 'ips-jobs/config.json'), JSON.stringify({ profiles: { prod: {}, stage: {} } }));
    expect((await bash('ips-jobs --profile ', environment)).offered).toEqual(['prod', 'stage']);
  });
});

describe.runIf(SHELLS.includes('fish'))('fish', () => {
  const fish = async (line: string, environment = env()) => {
    const script = path.join(scriptDir, 'ips-jobs.fish');
    const { stdout, stderr } = await run('fish', ['--no-config', '-c', `source ${script}; complete -C ${JSON.stringify(line).replaceAll('$', '\\$')}`], environment);
    return { offered: stdout.split('\n').filter(Boolean).map((entry) => entry.split('\t')), stderr };
  };

  it('completes commands with their descriptions, flags and values', async () => {
    expect((await fish('ips-jobs li')).offered).toEqual([['list', 'list the active jobs of the company']]);
    expect((await fish('ips-jobs watch --until ')).offered.map(([value]) => value)).toEqual(['all-done', 'any-done', 'first-failure']);
  });

  it('completes a live job name with a space', async () => {
    expect((await fish('ips-jobs wait Spring')).offered.map(([value]) => value)).toEqual([spaced]);
  });

  it('offers nothing without credentials, and says nothing', async () => {
    expect(await fish('ips-jobs wait ', env({}, false))).toEqual({ offered: [], stderr: '' });
  });
});

describe.runIf(SHELLS.includes('zsh'))('zsh', () => {
  it('loads under compinit and registers its function for ips-jobs', async () => {
    const script = path.join(scriptDir, 'ips-jobs.zsh');
    const { stdout, stderr } = await run('zsh', ['-f', '-c', `autoload -U compinit; compinit -u -D; source ${script}; print -r -- $_comps[ips-jobs]`], env());
    expect(stdout).toBe('_ips-jobs\n');
    expect(stderr).toBe('');
  });
});
