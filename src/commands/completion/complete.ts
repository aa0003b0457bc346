// `ips-jobs __complete <shell> <line> [<wordbreaks>]` (hidden): what a TAB offers. bin/ips-jobs.js answers commands,
// flags and known values itself from the build's table; it starts the CLI, and so this, only for live names: the
// profiles of the config file, and the job names and handles IPS has (cached for 30 s per target).
//
// A completion runs inside the user's prompt: it never asks anything (no password prompt, no --password-stdin read,
// no confirmation), never writes to stderr, and gives up within 2 s, offering nothing rather than an error.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { Command } from 'commander';
import { createCommandContext } from '../shared/command-context.js';
import { pipedIO, write, type IO } from '../shared/io.js';
import type { GlobalOptions } from '../shared/session.js';
import { buildProgram } from '../program.js';
import { answer, matching, need, readQuery, type Candidate, type Need } from './engine.js';
import { completionTable } from './table.js';

/** A TAB waits this long at most for IPS; the whole answer comes within 2 s. */
const DEADLINE_MS = 1500;
/** How long the names of one target are reused: a burst of TABs asks IPS once. */
const CACHE_MS = 30_000;

type JobLists = Array<'active' | 'scheduled'>;

/** The I/O a completion's work gets: nothing it writes reaches the prompt, nothing is read, nobody is asked. */
function silentIO(env: IO['env']): IO {
  const nowhere = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const stdin = new PassThrough();
  stdin.end();
  return pipedIO({ stdout: nowhere(), stderr: nowhere(), stdin }, env);
}

/** The global flags the command line gives, read by the program's own parsers; never --password-stdin. */
function globalOptions(program: Command, args: readonly string[]): GlobalOptions {
  program.parseOptions([...args]);
  return { ...program.opts<GlobalOptions>(), passwordStdin: false };
}

async function profileNames(env: IO['env']): Promise<Candidate[]> {
  const { allProfileTargets } = await import('../../config/index.js');
  return (await allProfileTargets(env)).map((target) => ({ value: target.profile, help: 'profile' }));
}

/** The names, and the handles (described by their names). */
interface JobNames {
  names: Candidate[];
  handles: Candidate[];
}

function jobNames(jobs: ReadonlyArray<{ name?: string; jobHandle?: string; help: string }>): JobNames {
  return {
    names: jobs.filter((job) => job.name).map((job) => ({ value: job.name!, help: job.help })),
    handles: jobs.filter((job) => job.jobHandle).map((job) => ({ value: job.jobHandle!, help: job.name ?? job.help })),
  };
}

async function fetchJobs(globals: GlobalOptions, lists: JobLists, io: IO, signal: AbortSignal): Promise<JobNames> {
  const { openSession, openSettingsSession, runSettings } = await import('../shared/session.js');
  const request = { signal };
  const timeouts = { ...globals, requestTimeout: Math.min(globals.requestTimeout, DEADLINE_MS) };
  let session;
  let cacheFile: string | undefined;
  if (globals.demo) {
    session = await openSession(timeouts, io, { ...request, company: 'required' });
  } else {
    const [settings, { cacheDirectory, requireCredentials }] = await Promise.all([runSettings(globals, io), import('../../config/index.js')]);
    const { username, company } = requireCredentials(settings, { needsCompany: true });
    // The target, never its password: the endpoint, the login and the company as configured.
    const key = createHash('sha256').update(JSON.stringify([settings.endpoint.value.url, username, company, lists])).digest('hex').slice(0, 32);
    cacheFile = path.join(cacheDirectory(io.env), `complete-${key}.json`);
    const cached = await readCache(cacheFile);
    if (cached) return cached;
    const deferred = await openSettingsSession(settings, timeouts, io, request);
    session = { ...deferred, company: await deferred.resolveCompany('Check --company').catch(async (error: unknown) => {
      await deferred.close();
      throw error;
    }) };
  }
  try {
    const companyHandle = session.company?.companyHandle;
    const found = await Promise.all(
      lists.map(async (list) =>
        list === 'active'
          ? (await session.client.getActiveJobs({ companyHandle, includeWaitingJobs: true })).map((job) => ({ ...job, help: [job.state, job.type].filter(Boolean).join(' ') }))
          : (await session.client.getScheduledJobs({ companyHandle })).map((job) => ({ ...job, help: ['scheduled', job.triggerState, job.type].filter(Boolean).join(' ') })),
      ),
    );
    const names = jobNames(found.flat());
    if (cacheFile) await writeCache(cacheFile, names);
    return names;
  } finally {
    await session.close();
  }
}

async function readCache(file: string): Promise<JobNames | undefined> {
  try {
    const { savedAt, names, handles } = JSON.parse(await readFile(file, 'utf8')) as { savedAt: number } & JobNames;
    const age = Date.now() - savedAt;
    return age >= 0 && age < CACHE_MS && Array.isArray(names) && Array.isArray(handles) ? { names, handles } : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (a TAB beside it never reads half a file), readable by its owner only: job names are the company's. */
async function writeCache(file: string, names: JobNames): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify({ savedAt: Date.now(), ...names }), { mode: 0o600 });
  await rename(partial, file);
}

/** Live candidates for what is typed after the prefix: a job's handle only once something is typed (they are long). */
async function liveCandidates(program: Command, needed: Extract<Need, { live: unknown }>, typed: string, io: IO, signal: AbortSignal): Promise<Candidate[]> {
  let found: Candidate[];
  if ('profiles' in needed.live) found = await profileNames(io.env);
  else {
    const { names, handles } = await fetchJobs(globalOptions(program, needed.globals), needed.live.jobs, io, signal);
    found = typed === '' ? names : [...names, ...handles];
  }
  return found.map((candidate) => ({ ...candidate, value: needed.prefix + candidate.value }));
}

/** Answers `__complete`; always exit 0, with nothing on stderr, whatever went wrong. */
export async function completeAction(args: readonly string[], io: IO): Promise<number> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DEADLINE_MS);
  try {
    const quiet = silentIO(io.env);
    const program = buildProgram(createCommandContext(quiet, abort.signal));
    const table = await completionTable(program);
    // `__complete table`: the table itself, which the build writes for bin/ips-jobs.js.
    if (args[0] === 'table' && args.length === 1) {
      await write(io.stdout, `${JSON.stringify(table)}\n`);
      return 0;
    }
    const query = readQuery(args);
    if (query === undefined) return 0;
    const needed = need(table, query);
    if (!('live' in needed)) {
      await write(io.stdout, answer(query, matching(needed.candidates, query), needed.files));
      return 0;
    }
    const giveUp = new Promise<Candidate[]>((resolve) => abort.signal.addEventListener('abort', () => resolve([]), { once: true }));
    const candidates = await Promise.race([liveCandidates(program, needed, query.current.value.slice(needed.prefix.length), quiet, abort.signal).catch(() => []), giveUp]);
    await write(io.stdout, answer(query, matching(candidates, query), false));
  } catch {
    // Nothing to offer: an error in the prompt would be worse than no candidate.
  } finally {
    clearTimeout(timer);
  }
  return 0;
}
