// Shell completion's answers, in-process: the table comes from the program's own definitions, the engine reads a
// command line as a shell does, and live names come from IPS once per 30 s per target, cached privately, never
// asking for a password and never writing to stderr. (The scripts in real shells: test/integration/completion-shells.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, matching, need, readQuery, type CompletionTable } from '../../src/commands/completion/engine.js';
import { completionTable } from '../../src/commands/completion/table.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { cleanEnv, runMain } from '../helpers/cli.js';
import { demoEnv } from '../helpers/demo-env.js';
import { testProgram } from '../helpers/program.js';

let table: CompletionTable;
let emulator: Emulator;

beforeAll(async () => {
  table = await completionTable(testProgram());
  emulator = await startEmulator({ speed: 0, jobs: 3, seed: 7 });
});

afterAll(async () => {
  await emulator.close();
});

const offered = (shell: string, line: string) => {
  const query = readQuery([shell, line])!;
  const needed = need(table, query);
  if ('live' in needed) throw new Error(`${line}: needs live names`);
  return answer(query, matching(needed.candidates, query), needed.files);
};

describe('the table', () => {
  it('holds every command and alias the program defines, and no hidden one', () => {
    const program = testProgram();
    const names = program.commands.flatMap((command) => [command.name(), ...command.aliases()]);
    expect(table.commands.flatMap((command) => command.names)).toEqual(names);
    expect(names).toContain('ls');
    expect(table.flags.flatMap((flag) => flag.names)).not.toContain('--password');
  });

  it('takes the values of a flag from its parser: -o of each command offers exactly what that -o accepts', () => {
    const output = (command: string) => table.commands.find((c) => c.names.includes(command))!.flags.find((f) => f.names.includes('-o'))!.value!.words;
    expect(output('list')).toEqual(['table', 'wide', 'json', 'ndjson', 'csv', 'tsv']);
    expect(output('wait')).toEqual(['text', 'json']);
    expect(output('check')).toEqual(['text', 'json', 'github']);
  });
});

describe('the engine', () => {
  it('offers commands, a command’s flags with the global ones, and values', () => {
    expect(offered('bash', 'ips-jobs sch')).toBe('scheduled\n:4\n');
    expect(offered('bash', 'ips-jobs scheduled --sta')).toBe('--state\n--staging\n:4\n');
    expect(offered('bash', 'ips-jobs scheduled --state Pa')).toBe('Paused\n:4\n');
    expect(offered('bash', 'ips-jobs --region e')).toBe('emea\n:4\n');
    expect(offered('bash', 'ips-jobs list --columns name,st')).toBe('name,state\nname,started\n:4\n');
    expect(offered('bash', 'ips-jobs list --sort -upd')).toBe('-updated\n:4\n');
    expect(offered('bash', 'ips-jobs log x --sort -')).toBe('-date\n-logtype\n:4\n');
    expect(offered('bash', 'ips-jobs config c')).toBe('check\n:4\n');
  });

  it('lets the shell offer file names for a flag that takes a path, and nothing after a command that takes no argument', () => {
    expect(offered('bash', 'ips-jobs check --state-file ')).toBe(':0\n');
    expect(offered('bash', 'ips-jobs list ')).toBe(':4\n');
  });

  it('skips the values of flags when it looks for the command and its argument', () => {
    expect(offered('bash', 'ips-jobs --region emea submit --publish-type f')).toBe('full\nfull-with-search\n:4\n');
    expect(offered('bash', 'ips-jobs --request-timeout 5s help li')).toBe('list\n:4\n');
  });

  it('gives bash the part after its last word break, quoted; zsh and fish whole values with descriptions', () => {
    const query = readQuery(['bash', 'ips-jobs wait Spring\\ Cat-09:0'])!;
    expect(answer(query, [{ value: 'Spring Cat-09:00:00|1', help: 'Running' }], false)).toBe('00:00\\|1\n:4\n');
    const quoted = readQuery(['bash', `ips-jobs wait "a $`])!;
    expect(answer(quoted, [{ value: 'a $b' }], false)).toBe('a \\$b\n:4\n');
    expect(answer(readQuery(['zsh', 'ips-jobs wait '])!, [{ value: 'a:b', help: 'Running' }], false)).toBe('a\\:b:Running\n:4\n');
    expect(answer(readQuery(['fish', 'ips-jobs wait '])!, [{ value: 'a b', help: 'Running' }], false)).toBe('a b\tRunning\n:4\n');
  });

  it('asks for live names with the global flags given, and nothing for a shell it does not know', () => {
    expect(need(table, readQuery(['bash', "ips-jobs --profile prod --company 'c|1' wait --interval 5s "])!)).toEqual({
      live: { jobs: ['active'] },
      prefix: '',
      globals: ['--profile', 'prod', '--company', 'c|1'],
    });
    expect(need(table, readQuery(['bash', 'ips-jobs delete '])!)).toMatchObject({ live: { jobs: ['active', 'scheduled'] } });
    expect(readQuery(['tcsh', 'ips-jobs '])).toBeUndefined();
  });
});

describe('live names', () => {
  const ours = () => emulator.ips.activeJobs().filter((job) => job.companyHandle === 'c|1001');
  const names = () => ours().map((job) => job.name!);

  it('offers the names of the active jobs, their handles once something is typed, then answers from a private cache for 30 s', async () => {
    const env = cleanEnv(demoEnv(emulator, { company: 'handle' }));
    const asked = () => emulator.stats.byOperation.getActiveJobs ?? 0;
    const before = asked();
    const first = await runMain(['__complete', 'fish', 'ips-jobs wait '], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const values = first.stdout.split('\n').filter((line) => line !== '' && !line.startsWith(':')).map((line) => line.split('\t')[0]);
    expect(values).toEqual(names());
    expect(asked()).toBe(before + 1);
    const again = await runMain(['__complete', 'fish', 'ips-jobs show '], { env });
    expect(again.stdout).toBe(first.stdout);
    const handles = await runMain(['__complete', 'bash', "ips-jobs log 'j|1001|"], { env });
    expect(handles.stdout).toBe(`${ours().map((job) => job.jobHandle).join('\n')}\n:4\n`);
    expect(asked()).toBe(before + 1);

    const dir = path.join(env.HOME!, '.cache/ips-jobs');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(files[0]).not.toContain(env.IPS_JOBS_PASSWORD);
    expect(readFileSync(path.join(dir, files[0]!), 'utf8')).not.toContain(env.IPS_JOBS_PASSWORD);
  });

  it('honours XDG_CACHE_HOME, and the settings on the command line (--company)', async () => {
    const env = cleanEnv({ ...demoEnv(emulator), IPS_JOBS_COMPANY: undefined });
    env.XDG_CACHE_HOME = path.join(env.HOME!, 'elsewhere');
    const result = await runMain(['__complete', 'bash', "ips-jobs --company 'c|1001' wait "], { env });
    expect(result.stdout.split('\n').slice(0, -2)).toEqual(names());
    expect(readdirSync(path.join(env.XDG_CACHE_HOME, 'ips-jobs'))).toHaveLength(1);
  });

  it('never reads a password from standard input, and says nothing without one', async () => {
    const env = cleanEnv({ ...demoEnv(emulator), IPS_JOBS_PASSWORD: undefined });
    const result = await runMain(['__complete', 'bash', 'ips-jobs --password-stdin wait '], { env, input: 'demo\n' });
    expect(result).toEqual({ code: 0, signal: null, stdout: ':4\n', stderr: '' });
  });
});
