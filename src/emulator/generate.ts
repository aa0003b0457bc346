// Deterministic job data: realistic names, types, files and timelines from a seeded PRNG.
import { EMAIL_SETTING_VALUES, type ActiveJob, type JobDetails, type JobLog } from '../ips/types.js';
import { formatJobStamp } from './clock.js';
import { COMPANIES, SUBMITTERS } from './directory.js';
import { buildJobLog } from './joblog.js';
import { filesDone, jobEndAt, jobTimes, type EmulatedJob, type FileResult, type JobOutcome, type JobPlan, type PlannedFile, type PlannedTask } from './lifecycle.js';
import type { Rng } from './random.js';

/** What addJob/executeJob/the generator need to create an active job; times are epoch ms. */
export interface JobSpec {
  originalName: string;
  type: string;
  companyHandle: string;
  submitUserEmail: string;
  outcome: JobOutcome;
  triggerAt: number;
  newUntil: number;
  runAt: number;
  waitState?: 'WaitingCoordinator' | 'WaitingClient';
  /** Running time for all files; default files × a per-type time per file. */
  durationMs?: number;
  files?: number;
  failAt?: number;
  /** Outcome failure: false = no fatal error, runs to the end with file errors. */
  fatal?: boolean;
  stallAt?: number;
  /** Outcome stall: progress continues this many ms after runAt (must not be before the stall). */
  resumeAfterRunMs?: number;
  /** Exact number of files that end with an error / a warning (instead of the outcome's dice). */
  errorFiles?: number;
  warningFiles?: number;
  logDelayMs?: number;
  logEndDelayMs?: number;
  description?: string;
  details?: JobDetails;
  /** The files by name, in order (an upload's destPaths): their count overrides `files`, their results are no dice. */
  namedFiles?: readonly NamedFile[];
  /** The job's handle, exactly (a doc's or a test's example); default `j|<company number>||<name>|<five-digit id>`. */
  jobHandle?: string;
}

/** A file given by name; with `error` (its message) it ends with an error, else it succeeds. */
export interface NamedFile {
  name: string;
  error?: string;
}

export interface JobFactory {
  rng: Rng;
  offsetMinutes: number;
  usedIds: Set<number>;
  usedNames: Set<string>;
}

interface TypeProfile {
  files: [number, number];
  msPerFile: [number, number];
  folder: string;
  ext: readonly string[];
  assetType: string;
  tasks: PlannedTask[];
  detail(rng: Rng, root: string): JobDetails;
}

const SERVERS = ['sj1-ips-job-03', 'sj1-ips-job-07', 'sj1-ips-job-11', 'sj1-ips-job-14'] as const;

const uploadDetail = (rng: Rng, root: string): JobDetails => ({
  uploadDirectoryJob: {
    destFolder: `${root}incoming/`,
    serverDir: `/ftp/${root.replace(/\/$/, '').toLowerCase()}/incoming`,
    overwrite: rng.chance(0.7),
    readyForPublish: true,
    includeSubfolders: rng.chance(0.5),
    createMask: false,
    processMetadataFiles: rng.chance(0.4),
    emailSetting: rng.pick(EMAIL_SETTING_VALUES),
    postImageServingPublishJob: { publishType: 'Incremental', emailSetting: 'Error' },
  },
});

const PROFILES: Record<string, TypeProfile> = {
  ImageServingPublish: {
    files: [120, 480], msPerFile: [300, 900], folder: 'catalog', ext: ['tif', 'jpg', 'psd'], assetType: 'MasterImage',
    tasks: [{ taskType: 'CatalogExport', from: 0, to: 0.25 }, { taskType: 'ImageServingPublish', from: 0.2, to: 1 }],
    detail: (rng) => ({ imageServingPublishJob: { publishType: rng.pick(['Full', 'Incremental', 'FullWithSearch']), emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
  ImageRenderingPublish: {
    files: [40, 160], msPerFile: [600, 1500], folder: 'renders', ext: ['vnt', 'psd'], assetType: 'Vignette',
    tasks: [{ taskType: 'ImageRenderingPublish', from: 0, to: 1 }],
    detail: (rng) => ({ imageRenderingPublishJob: { emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
  VideoPublish: {
    files: [4, 14], msPerFile: [15_000, 40_000], folder: 'video', ext: ['mp4', 'mov'], assetType: 'Video',
    tasks: [{ taskType: 'VideoEncoding', from: 0, to: 0.8 }, { taskType: 'VideoPublish', from: 0.6, to: 1 }],
    detail: (rng) => ({ videoPublishJob: { emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
  ServerDirectoryPublish: {
    files: [20, 90], msPerFile: [300, 800], folder: 'static', ext: ['css', 'js', 'xml', 'svg'], assetType: 'NoType',
    tasks: [],
    detail: (rng) => ({ serverDirectoryPublishJob: { emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
  UploadFromServerDirectory: {
    files: [30, 220], msPerFile: [800, 2000], folder: 'incoming', ext: ['tif', 'jpg', 'png', 'psd'], assetType: 'MasterImage',
    tasks: [{ taskType: 'Upload', from: 0, to: 0.6 }, { taskType: 'Optimize', from: 0.15, to: 0.9 }, { taskType: 'ImageServingPublish', from: 0.85, to: 1 }],
    detail: uploadDetail,
  },
  UrlUpload: {
    files: [10, 60], msPerFile: [1000, 2500], folder: 'supplier-feed', ext: ['jpg', 'png'], assetType: 'MasterImage',
    tasks: [{ taskType: 'UrlDownload', from: 0, to: 0.7 }, { taskType: 'Optimize', from: 0.2, to: 1 }],
    detail: (rng) => ({ uploadUrlsJob: { numUrls: rng.int(10, 60), overwrite: true, readyForPublish: true, createMask: false, emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
  // No job-detail element of the schema fits a metadata upload, so none is sent.
  MetadataUpload: {
    files: [80, 400], msPerFile: [100, 300], folder: 'metadata', ext: ['jpg', 'tif'], assetType: 'MasterImage',
    tasks: [],
    detail: () => ({}),
  },
  ImageOptimization: {
    files: [50, 200], msPerFile: [500, 1200], folder: 'masters', ext: ['tif', 'jpg'], assetType: 'MasterImage',
    tasks: [{ taskType: 'Optimize', from: 0, to: 1 }],
    detail: (rng) => ({ optimizeImagesJob: { emailSetting: rng.pick(EMAIL_SETTING_VALUES) } }),
  },
};

const WARNINGS = [
  'Embedded color profile missing; sRGB assumed',
  'Image exceeds 50 megapixels; a downsampled master was created',
  'Unsupported clipping path ignored',
  'XMP metadata could not be parsed; file metadata ignored',
];
const ERRORS = ['Unsupported or corrupt file format', 'File is truncated (unexpected end of file)', 'Source could not be read (permission denied)'];
const FATALS = [
  'Lost connection to image server sj1-is-02 (ECONNRESET); job aborted',
  'Catalog export failed: disk quota exceeded on publish server',
  'Job server restarted during processing; job aborted',
];
const STEMS = ['trail-jacket', 'summit-pack', 'camp-stove', 'rain-shell', 'hero-banner', 'lookbook', 'sku', 'gift-card', 'boot'];

function companyRoot(companyHandle: string): string {
  return COMPANIES.find((c) => c.companyHandle === companyHandle)?.rootPath ?? 'Company/';
}

/** `1001` of `c|1001`: the number asset and job handles carry. */
export function companyNumber(companyHandle: string): string {
  return companyHandle.replace(/^c\|/, '');
}

function pickSubmitter(rng: Rng, companyHandle: string): string {
  return rng.pick(SUBMITTERS[companyHandle] ?? ['demo@ips-jobs.example']);
}

function fileResult(rng: Rng, outcome: JobOutcome, type: string): FileResult {
  if (outcome === 'warnings' && rng.chance(0.07)) return 'warning';
  if (outcome === 'failure' && rng.chance(0.03)) return 'error';
  if (type === 'MetadataUpload') return 'update';
  if (type === 'UploadFromServerDirectory' || type === 'UrlUpload') return rng.chance(0.04) ? 'duplicate' : rng.chance(0.06) ? 'update' : 'success';
  return 'success';
}

/** A named file's result (error or the type's plain result), else the outcome's dice. */
function plannedResult(rng: Rng, spec: JobSpec, named: NamedFile | undefined): FileResult {
  if (named) return named.error === undefined ? plainResult(spec.type) : 'error';
  return fileResult(rng, spec.outcome, spec.type);
}

/** The extra message of a warning or error: a named file's own, else a random one. */
function fileNote(rng: Rng, result: FileResult, named: NamedFile | undefined): { note?: string } {
  if (named) return named.error === undefined ? {} : { note: named.error };
  return result === 'warning' ? { note: rng.pick(WARNINGS) } : result === 'error' ? { note: rng.pick(ERRORS) } : {};
}

function planFiles(rng: Rng, spec: JobSpec, profile: TypeProfile, count: number): PlannedFile[] {
  const root = companyRoot(spec.companyHandle);
  const company = companyNumber(spec.companyHandle);
  const video = profile.assetType === 'Video';
  const files: PlannedFile[] = [];
  for (let i = 0; i < count; i++) {
    const named = spec.namedFiles?.[i];
    const result = plannedResult(rng, spec, named);
    files.push({
      name: named?.name ?? `${root}${profile.folder}/${rng.pick(STEMS)}-${rng.int(10000, 99999)}.${rng.pick(profile.ext)}`,
      assetType: profile.assetType,
      assetHandle: `a|${company}|1|${rng.int(100000, 999999)}`,
      size: video ? rng.int(20_000_000, 150_000_000) : rng.int(300_000, 6_000_000),
      result,
      ...fileNote(rng, result, named),
    });
  }
  // A "warnings" job must end with warnings even when the dice said otherwise.
  if (spec.outcome === 'warnings' && !files.some((f) => f.result === 'warning')) {
    for (const f of files.slice(1, 3)) Object.assign(f, { result: 'warning', note: rng.pick(WARNINGS) });
  }
  return files;
}

/** The result a file has when it is neither a warning nor an error (no dice: used when exact counts are asked for). */
function plainResult(type: string): FileResult {
  return type === 'MetadataUpload' ? 'update' : 'success';
}

/** `count` distinct indexes spread evenly over `slots` (ascending). */
function spread(slots: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => slots[Math.floor(((i + 0.5) * slots.length) / count)] as number);
}

/**
 * Exact error / warning counts among the files the job gets through (before a fatal error or endless stall);
 * a non-fatal failure without an exact count gets at least one error. Uses no random numbers.
 */
function applyExactResults(plan: JobPlan, spec: JobSpec): void {
  const { files } = plan;
  const processed = filesDone(plan, jobEndAt(plan));
  const exact = (result: 'error' | 'warning', count: number | undefined, notes: readonly string[]): void => {
    if (count === undefined) return;
    for (const f of files) {
      if (f.result === result) {
        f.result = plainResult(spec.type);
        delete f.note;
      }
    }
    const free = files.slice(0, processed).flatMap((f, i) => (f.result === 'error' || f.result === 'warning' ? [] : [i]));
    if (count > free.length)
      throw new Error(`addJob: ${result}Files ${count} is more than the ${free.length} files '${spec.originalName}' processes without another result`);
    spread(free, count).forEach((index, k) => Object.assign(files[index] as PlannedFile, { result, note: notes[k % notes.length] }));
  };
  exact('error', spec.errorFiles, ERRORS);
  exact('warning', spec.warningFiles, WARNINGS);
  if (plan.outcome === 'failure' && plan.fatal === false && spec.errorFiles === undefined && processed > 0) {
    if (!files.slice(0, processed).some((f) => f.result === 'error')) exact('error', 1, ERRORS);
  }
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new Error(`addJob: ${name} must be a whole number ≥ 0, got ${value}`);
}

/** addJob's own checks of a spec (the generator's specs pass them). */
function checkSpec(spec: JobSpec): void {
  checkCount('files', spec.files);
  checkCount('errorFiles', spec.errorFiles);
  checkCount('warningFiles', spec.warningFiles);
  if (spec.fatal !== undefined && spec.outcome !== 'failure') throw new Error(`addJob: fatal only applies to outcome 'failure'`);
  if (spec.resumeAfterRunMs !== undefined && spec.outcome !== 'stall') throw new Error(`addJob: resumeAt only applies to outcome 'stall'`);
  if (spec.logDelayMs !== undefined && !(Number.isFinite(spec.logDelayMs) && spec.logDelayMs >= 0))
    throw new Error(`addJob: logDelayMs must be ≥ 0, got ${spec.logDelayMs}`);
  if (spec.logEndDelayMs !== undefined && !(Number.isFinite(spec.logEndDelayMs) && spec.logEndDelayMs >= 0))
    throw new Error(`addJob: logEndDelayMs must be ≥ 0, got ${spec.logEndDelayMs}`);
  if (spec.logDelayMs !== undefined && spec.logEndDelayMs !== undefined) throw new Error('addJob: logDelayMs and logEndDelayMs do not go together');
}

/** The job's timeline, files and tasks; a resumeAt before the stall is refused. */
function planJob(rng: Rng, spec: JobSpec, profile: TypeProfile): JobPlan {
  const count = spec.namedFiles?.length ?? spec.files ?? rng.int(...profile.files);
  const files = planFiles(rng, spec, profile, count);
  const fatal = spec.outcome === 'failure' && spec.fatal !== false;
  const plan: JobPlan = {
    outcome: spec.outcome,
    triggerAt: spec.triggerAt,
    newUntil: Math.min(spec.newUntil, spec.runAt),
    waitState: spec.waitState ?? 'WaitingCoordinator',
    runAt: spec.runAt,
    durationMs: Math.max(1000, spec.durationMs ?? count * rng.int(...profile.msPerFile)),
    ...(fatal ? { failAt: spec.failAt ?? rng.float(0.45, 0.75), fatalMessage: rng.pick(FATALS) } : {}),
    ...(spec.outcome === 'failure' && !fatal ? { fatal: false } : {}),
    ...(spec.outcome === 'stall' ? { stallAt: spec.stallAt ?? rng.float(0.35, 0.65) } : {}),
    ...(spec.resumeAfterRunMs === undefined ? {} : { resumeAt: spec.runAt + spec.resumeAfterRunMs }),
    ...(spec.logDelayMs === undefined ? {} : { logDelayMs: spec.logDelayMs }),
    ...(spec.logEndDelayMs === undefined ? {} : { logEndDelayMs: spec.logEndDelayMs }),
    files,
    tasks: profile.tasks,
  };
  const stallStart = jobTimes(plan).stallAt;
  if (plan.resumeAt !== undefined && stallStart !== undefined && plan.resumeAt < stallStart)
    throw new Error(`addJob: resumeAt ${spec.resumeAfterRunMs} ms is before the stall (${stallStart - spec.runAt} ms after the job started running)`);
  return plan;
}

/** `<originalName>-<trigger stamp>`, with `_2`, `_3`… when the factory has made that name already. */
function uniqueName(factory: JobFactory, spec: JobSpec): string {
  const base = `${spec.originalName}-${formatJobStamp(spec.triggerAt, factory.offsetMinutes)}`;
  let name = base;
  for (let n = 2; factory.usedNames.has(name); n++) name = `${base}_${n}`;
  factory.usedNames.add(name);
  return name;
}

/** A five-digit job id the factory has not given out yet. */
function uniqueId(factory: JobFactory): number {
  let id = factory.rng.int(10000, 99999);
  while (factory.usedIds.has(id)) id = factory.rng.int(10000, 99999);
  factory.usedIds.add(id);
  return id;
}

/** Creates one active job (state is filled in by the lifecycle). */
export function createJob(factory: JobFactory, spec: JobSpec): EmulatedJob {
  const { rng } = factory;
  const profile = PROFILES[spec.type] ?? (PROFILES.UploadFromServerDirectory as TypeProfile);
  checkSpec(spec);
  const plan = planJob(rng, spec, profile);
  applyExactResults(plan, spec);
  const name = uniqueName(factory, spec);
  const id = uniqueId(factory);
  const job: ActiveJob = {
    companyHandle: spec.companyHandle,
    jobHandle: spec.jobHandle ?? `j|${companyNumber(spec.companyHandle)}||${name}|${id}`,
    name,
    originalName: spec.originalName,
    type: spec.type,
    state: 'New',
    submitUserEmail: spec.submitUserEmail,
    locale: 'en-US',
    ...(spec.description === undefined ? {} : { description: spec.description }),
    serverName: rng.pick(SERVERS),
    totalSize: Math.min(2 ** 31 - 1, plan.files.reduce((sum, f) => sum + f.size, 0)),
    taskProgressArray: [],
    ...(spec.details ?? profile.detail(rng, companyRoot(spec.companyHandle))),
  };
  return { job, plan, jobHandle: job.jobHandle as string, name, originalName: spec.originalName, companyHandle: spec.companyHandle };
}

interface Template {
  originalName: string;
  type: string;
  companyHandle: string;
  description?: string;
}

const TEMPLATES: readonly Template[] = [
  { originalName: 'Spring-Catalog-Publish', type: 'ImageServingPublish', companyHandle: 'c|1001', description: 'Spring 2027 catalog' },
  { originalName: 'Kestrel-Spring-Upload', type: 'UploadFromServerDirectory', companyHandle: 'c|1002' },
  { originalName: 'Holiday-Banner-Renders', type: 'ImageRenderingPublish', companyHandle: 'c|1001' },
  { originalName: 'Product-Video-Publish', type: 'VideoPublish', companyHandle: 'c|1001' },
  { originalName: 'Supplier-Feed-Url-Upload', type: 'UrlUpload', companyHandle: 'c|1001' },
  { originalName: 'Kestrel-Metadata-Import', type: 'MetadataUpload', companyHandle: 'c|1002' },
  { originalName: 'Legacy-Masters-Reoptimize', type: 'ImageOptimization', companyHandle: 'c|1001' },
  { originalName: 'Kestrel-Static-Content-Publish', type: 'ServerDirectoryPublish', companyHandle: 'c|1002' },
  { originalName: 'Winter-Lookbook-Upload', type: 'UploadFromServerDirectory', companyHandle: 'c|1001', description: 'Winter lookbook shoot, batch 3' },
  { originalName: 'Kestrel-Trail-Video-Publish', type: 'VideoPublish', companyHandle: 'c|1002' },
  { originalName: 'Outlet-Incremental-Publish', type: 'ImageServingPublish', companyHandle: 'c|1001' },
];
const NORTHWIND: Template = { originalName: 'Northwind-Press-Kit-Upload', type: 'UploadFromServerDirectory', companyHandle: 'c|1003' };

type Phase = 'running' | 'new' | 'coordinator';
interface Role {
  outcome: JobOutcome;
  phase: Phase;
  /** Seconds already running (running) or until it runs (waiting). */
  elapsed: [number, number];
  /** Seconds from start until the job ends / fails / stalls (running only). */
  remaining: [number, number];
}

/** The scenario of each generated job by index; indexes 0–3 are the ones tests and demos rely on. */
const ROLES: readonly Role[] = [
  { outcome: 'success', phase: 'running', elapsed: [60, 240], remaining: [60, 180] },
  { outcome: 'failure', phase: 'running', elapsed: [120, 300], remaining: [180, 360] },
  { outcome: 'warnings', phase: 'running', elapsed: [120, 360], remaining: [240, 480] },
  { outcome: 'stall', phase: 'running', elapsed: [300, 900], remaining: [45, 120] },
  { outcome: 'success', phase: 'new', elapsed: [60, 120], remaining: [0, 0] },
  { outcome: 'success', phase: 'coordinator', elapsed: [150, 300], remaining: [0, 0] },
  { outcome: 'success', phase: 'running', elapsed: [300, 900], remaining: [900, 2100] },
  { outcome: 'success', phase: 'running', elapsed: [60, 600], remaining: [300, 1200] },
];
const EXTRA_ROLES: readonly Role[] = [
  { outcome: 'success', phase: 'running', elapsed: [30, 1200], remaining: [300, 3600] },
  { outcome: 'warnings', phase: 'running', elapsed: [30, 1200], remaining: [300, 3600] },
  { outcome: 'success', phase: 'coordinator', elapsed: [60, 900], remaining: [0, 0] },
];

function roleSpec(rng: Rng, role: Role, template: Template, startMs: number): JobSpec {
  const s = 1000;
  const base = {
    originalName: template.originalName,
    type: template.type,
    companyHandle: template.companyHandle,
    submitUserEmail: pickSubmitter(rng, template.companyHandle),
    outcome: role.outcome,
    ...(template.description === undefined ? {} : { description: template.description }),
  };
  if (role.phase === 'new') {
    const triggerAt = startMs - rng.int(2, 8) * s;
    return { ...base, triggerAt, newUntil: startMs + rng.int(20, 40) * s, runAt: startMs + rng.int(...role.elapsed) * s };
  }
  if (role.phase === 'coordinator') {
    const triggerAt = startMs - rng.int(30, 90) * s;
    return { ...base, triggerAt, newUntil: triggerAt + 3 * s, runAt: startMs + rng.int(...role.elapsed) * s };
  }
  const elapsed = rng.int(...role.elapsed) * s;
  const remaining = rng.int(...role.remaining) * s;
  // The job reaches its end / fatal error / stall point `remaining` after start: stretch the duration to match.
  const fraction = role.outcome === 'failure' ? rng.float(0.45, 0.75) : role.outcome === 'stall' ? rng.float(0.35, 0.65) : 1;
  const runAt = startMs - elapsed;
  const triggerAt = runAt - rng.int(3, 30) * s;
  return {
    ...base,
    triggerAt,
    newUntil: triggerAt + rng.int(1, 3) * s,
    runAt,
    durationMs: Math.round((elapsed + remaining) / fraction),
    ...(role.outcome === 'failure' ? { failAt: fraction } : role.outcome === 'stall' ? { stallAt: fraction } : {}),
  };
}

/** The active jobs at start: `count` jobs following ROLES (index 7 is the Northwind job the demo user cannot see). */
export function generateActiveJobs(factory: JobFactory, count: number, startMs: number): EmulatedJob[] {
  const { rng } = factory;
  const templates = rng.shuffle(TEMPLATES);
  const jobs: EmulatedJob[] = [];
  for (let i = 0; i < count; i++) {
    const role = ROLES[i] ?? rng.pick(EXTRA_ROLES);
    const template = i === 7 ? NORTHWIND : i < 7 ? (templates[i] as Template) : rng.pick(TEMPLATES);
    jobs.push(createJob(factory, roleSpec(rng, role, template, startMs)));
  }
  return jobs;
}

/** Logs of jobs that finished earlier in the day (06:00–08:50 local at the default start). */
export function generateHistory(factory: JobFactory, startMs: number): JobLog[] {
  const { rng } = factory;
  const outcomes: JobOutcome[] = ['success', 'success', 'warnings', 'success', 'failure', 'success', 'warnings'];
  const templates = [...rng.shuffle(TEMPLATES).slice(0, outcomes.length - 1), NORTHWIND];
  const logs: JobLog[] = [];
  const spacing = (150 * 60_000) / templates.length;
  templates.forEach((template, i) => {
    // Evenly spread from start-3h; each lasts at most ~13 min, so all end well before start.
    const triggerAt = startMs - 3 * 3600_000 + Math.round(i * spacing) + rng.int(0, 300) * 1000;
    const runAt = triggerAt + rng.int(5, 60) * 1000;
    const rec = createJob(factory, {
      originalName: template.originalName, type: template.type, companyHandle: template.companyHandle,
      submitUserEmail: pickSubmitter(rng, template.companyHandle),
      outcome: outcomes[i] ?? 'success', triggerAt, newUntil: triggerAt + 2000, runAt, durationMs: rng.int(120, 720) * 1000,
    });
    logs.push(buildJobLog(rec, jobEndAt(rec.plan), factory.offsetMinutes));
  });
  return logs;
}
