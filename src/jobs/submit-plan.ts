// `ips-jobs submit <kind>`: the flags and the --urls list → the submitJob requests to send, and one line for each.
import type { EmailSetting, PublishJobInput, PublishType, SubmitJobInput, UploadUrl, UploadUrlsJobInput } from '../ips/types.js';
import { joinList } from '../text/list.js';
import { plural } from '../text/plural.js';

export const SUBMIT_KINDS = ['image-serving-publish', 'image-rendering-publish', 'video-publish', 'upload-urls'] as const;
export type SubmitKind = (typeof SUBMIT_KINDS)[number];
export const EMAIL_SETTINGS = { all: 'All', error: 'Error', 'error-and-warning': 'ErrorAndWarning', 'job-completion': 'JobCompletion', none: 'None' } as const satisfies Record<string, EmailSetting>;
export type EmailSettingName = keyof typeof EMAIL_SETTINGS;
export const PUBLISH_TYPES = { full: 'Full', 'full-with-search': 'FullWithSearch', incremental: 'Incremental' } as const satisfies Record<string, PublishType>;
export type PublishTypeName = keyof typeof PUBLISH_TYPES;

/** Bad input for a submission, worded as one line for the user (the command turns it into a usage error, exit 2). */
export class SubmitInputError extends Error {
  override name = 'SubmitInputError';
}

// ---- the --urls list ----

const QUOTE_MAX = 80;

/** The bad text in double quotes, at most QUOTE_MAX characters of it, control characters escaped (one line). */
function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text);
}

/** The URL when it is http(s) and carries no credentials; otherwise the reason, for the user. */
function checkHttpUrl(text: string): { url: URL } | { reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: `not an http or https URL: ${quote(text)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { reason: `not an http or https URL: ${quote(text)}` };
  if (url.username === '' && url.password === '') return { url };
  // Never echo the password itself.
  if (url.password !== '') url.password = '***';
  return { reason: `a URL with a user name or password would be sent to IPS in clear; leave them out: ${quote(url.href)}` };
}

/** A percent-escaped / or \: decoded, it would make a folder of a file name. */
const ESCAPED_SEPARATOR = /(%2f|%5c)/i;

/**
 * The file name --dest-folder gives a URL listed alone: the last segment of its path (the query and fragment are not
 * part of it), percent-decoded except %2F and %5C, which stay as written so the name never makes a subfolder; or the
 * reason there is none. (The URL parser has already resolved `.` and `..` segments, escaped or not.)
 */
function fileNameOf(url: URL): { name: string } | { reason: string } {
  const noFile = { reason: 'the URL names no file to put in --dest-folder (give sourceUrl<TAB>destPath)' };
  const segment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  let name: string;
  try {
    // split with a capturing group keeps the escaped separators at the odd places, as written.
    name = segment
      .split(ESCAPED_SEPARATOR)
      .map((part, index) => (index % 2 === 1 ? part : decodeURIComponent(part)))
      .join('');
  } catch {
    return noFile;
  }
  if (name.trim() === '' || name === '.' || name === '..') return noFile;
  if (/\p{Cc}/u.test(name)) return { reason: "the URL's file name has a control character (give sourceUrl<TAB>destPath)" };
  return { name };
}

/** One non-blank line of the list → the upload, or the reason it is wrong. */
function parseUrlLine(line: string, destFolder: string | undefined): UploadUrl | string {
  const fields = line.split('\t');
  if (fields.length > 2) return `more than one tab (give sourceUrl<TAB>destPath): ${quote(line)}`;
  const [source = '', dest] = fields.map((field) => field.trim());
  const checked = checkHttpUrl(source);
  if ('reason' in checked) return checked.reason;
  if (dest !== undefined) return dest === '' ? `empty destPath after the tab: ${quote(line)}` : { sourceUrl: source, destPath: dest };
  if (destFolder === undefined) return `a URL alone needs a destination: give sourceUrl<TAB>destPath, or --dest-folder: ${quote(line)}`;
  const file = fileNameOf(checked.url);
  if ('reason' in file) return `${file.reason}: ${quote(source)}`;
  return { sourceUrl: source, destPath: `${destFolder.replace(/\/+$/, '')}/${file.name}` };
}

/** A warning for each upload (the same sourceUrl and destPath) listed on more than one line. */
function duplicateWarnings(listed: ReadonlyArray<{ url: UploadUrl; line: number }>, source: string): string[] {
  const linesOf = new Map<string, { url: UploadUrl; lines: number[] }>();
  for (const { url, line } of listed) {
    const key = `${url.sourceUrl}\t${url.destPath}`;
    const seen = linesOf.get(key);
    if (seen === undefined) linesOf.set(key, { url, lines: [line] });
    else seen.lines.push(line);
  }
  return [...linesOf.values()]
    .filter(({ lines }) => lines.length > 1)
    .map(({ url, lines }) => `${source} lines ${joinList(lines)} are the same upload, sent once for each line: ${quote(url.sourceUrl)} → ${quote(url.destPath)}`);
}

/**
 * The --urls list: `sourceUrl<TAB>destPath` per line, or a URL alone when destFolder is given (destPath = destFolder/
 * the URL's file name, fileNameOf). Blank lines, `#` comments, CRLF and a leading BOM are fine. Throws
 * SubmitInputError naming `source` and the line number. An upload listed on several lines is kept on each, and
 * `warn` is told, once the whole list is good.
 */
export function parseUrlList(text: string, options: { source: string; destFolder?: string; warn?: (warning: string) => void }): UploadUrl[] {
  const destFolder = options.destFolder?.trim() === '' ? undefined : options.destFolder?.trim();
  const listed: Array<{ url: UploadUrl; line: number }> = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const parsed = parseUrlLine(line, destFolder);
    if (typeof parsed === 'string') throw new SubmitInputError(`${options.source} line ${index + 1}: ${parsed}`);
    listed.push({ url: parsed, line: index + 1 });
  });
  if (listed.length === 0) throw new SubmitInputError(`no URLs in ${options.source}`);
  for (const warning of duplicateWarnings(listed, options.source)) options.warn?.(warning);
  return listed.map(({ url }) => url);
}

// ---- --then-publish ----

/** `--then-publish`: 'image-serving' (incremental), 'image-serving:full|full-with-search|incremental', 'image-rendering', 'video'. */
export type ThenPublish = { kind: 'image-serving'; publishType: PublishTypeName } | { kind: 'image-rendering' } | { kind: 'video' };

const THEN_PUBLISH: ReadonlyMap<string, ThenPublish> = new Map<string, ThenPublish>([
  ['image-serving', { kind: 'image-serving', publishType: 'incremental' }],
  ...(Object.keys(PUBLISH_TYPES) as PublishTypeName[]).map((publishType): [string, ThenPublish] => [`image-serving:${publishType}`, { kind: 'image-serving', publishType }]),
  ['image-rendering', { kind: 'image-rendering' }],
  ['video', { kind: 'video' }],
]);

export function parseThenPublish(text: string): ThenPublish {
  const found = THEN_PUBLISH.get(text.trim());
  if (found === undefined) throw new SubmitInputError(`invalid --then-publish ${quote(text)}: expected ${[...THEN_PUBLISH.keys()].join(', ')}`);
  return { ...found };
}

/** `<kind>-<UTC timestamp>` e.g. image-serving-publish-20261204T151502Z (seconds, no millis). */
export function defaultJobName(kind: SubmitKind, now: Date): string {
  return `${kind}-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')}`;
}

// ---- the requests ----

export interface SubmitPlanInput {
  kind: SubmitKind;
  companyHandle: string;
  jobName: string;
  description?: string;
  /** Already an ISO string with offset (parseExecTime). */
  execTime?: string;
  execSchedule?: string;
  emailSetting: EmailSettingName;
  /** httpCompletionUrl of the publish (for upload-urls: of its post publish job). */
  completionUrl?: string;
  /** image-serving-publish only. */
  publishType?: PublishTypeName;
  /** upload-urls only. */
  urls?: UploadUrl[];
  /** upload-urls only, default false. */
  overwrite?: boolean;
  readyForPublish?: boolean;
  createMask?: boolean;
  /** upload-urls only. */
  thenPublish?: ThenPublish;
  /** upload-urls: at most this many URLs per job. */
  batchSize: number;
}

// ---- which flags each kind takes ----

const COMMON_FLAGS = ['--name', '--description', '--at', '--schedule', '--email-setting', '--completion-url', '--yes', '--dry-run', '--wait', '--output'];

/**
 * Every flag of `submit` (but the follow flags, which go with --wait) and the kinds that take it: a flag given to a
 * kind that does not take it is refused (misfitFlag), never ignored.
 */
export const FLAGS_BY_KIND: Readonly<Record<SubmitKind, readonly string[]>> = {
  'image-serving-publish': [...COMMON_FLAGS, '--publish-type'],
  'image-rendering-publish': COMMON_FLAGS,
  'video-publish': COMMON_FLAGS,
  'upload-urls': [...COMMON_FLAGS, '--urls', '--dest-folder', '--overwrite', '--ready-for-publish', '--create-mask', '--then-publish', '--batch-size'],
};

/** The kinds that take the flag, in the order of SUBMIT_KINDS. */
export function kindsTaking(flag: string): SubmitKind[] {
  return SUBMIT_KINDS.filter((kind) => FLAGS_BY_KIND[kind].includes(flag));
}

/**
 * The first of the flags given (long names, in order) that the kind does not take, as one line for the user; flags
 * outside the table (global, follow) are left to their own checks.
 */
export function misfitFlag(kind: SubmitKind, given: Iterable<string>): string | undefined {
  for (const flag of given) {
    const kinds = kindsTaking(flag);
    if (kinds.length > 0 && !kinds.includes(kind)) return `${flag} only goes with ${kinds.join(', ')}, not ${kind}`;
  }
  return undefined;
}

/** The kind-only flags the plan input carries, by their names on the command line. */
function flagsIn(input: SubmitPlanInput): string[] {
  const carried: Array<[string, boolean]> = [
    ['--publish-type', input.publishType !== undefined],
    ['--urls', input.urls !== undefined],
    ['--overwrite', input.overwrite === true],
    ['--ready-for-publish', input.readyForPublish === true],
    ['--create-mask', input.createMask === true],
    ['--then-publish', input.thenPublish !== undefined],
  ];
  return carried.filter(([, isGiven]) => isGiven).map(([flag]) => flag);
}

/** Why the input cannot be submitted, or undefined. */
function inputProblem(input: SubmitPlanInput): string | undefined {
  const misfit = misfitFlag(input.kind, flagsIn(input));
  if (misfit !== undefined) return misfit;
  if (input.jobName.trim() === '') return '--name: the job name is empty';
  if (input.execTime !== undefined && input.execSchedule !== undefined) return '--at and --schedule: give one';
  if (!Number.isInteger(input.batchSize) || input.batchSize < 1) return `--batch-size must be a whole number of at least 1, not ${input.batchSize}`;
  if (input.completionUrl !== undefined) {
    const checked = checkHttpUrl(input.completionUrl);
    if ('reason' in checked) return `--completion-url: ${checked.reason}`;
  }
  if (input.kind !== 'upload-urls') return undefined;
  if (input.urls === undefined || input.urls.length === 0) return 'upload-urls needs URLs: give --urls <file>';
  if (input.completionUrl !== undefined && input.thenPublish === undefined) return '--completion-url with upload-urls is called by the publish after it: give --then-publish too';
  return undefined;
}

function publishDetail(input: SubmitPlanInput): PublishJobInput {
  const detail: PublishJobInput = { emailSetting: EMAIL_SETTINGS[input.emailSetting] };
  if (input.completionUrl !== undefined) detail.httpCompletionUrl = input.completionUrl;
  return detail;
}

/** The job detail of a publish kind, under its submitJob field name. */
function publishJob(input: SubmitPlanInput): Partial<SubmitJobInput> {
  const detail = publishDetail(input);
  if (input.kind === 'image-rendering-publish') return { imageRenderingPublishJob: detail };
  if (input.kind === 'video-publish') return { videoPublishJob: detail };
  return { imageServingPublishJob: { ...detail, publishType: PUBLISH_TYPES[input.publishType ?? 'incremental'] } };
}

function postPublishJob(input: SubmitPlanInput): Partial<UploadUrlsJobInput> {
  const then = input.thenPublish;
  if (then === undefined) return {};
  const detail = publishDetail(input);
  if (then.kind === 'image-rendering') return { postImageRenderingPublishJob: detail };
  if (then.kind === 'video') return { postVideoPublishJob: detail };
  return { postImageServingPublishJob: { ...detail, publishType: PUBLISH_TYPES[then.publishType] } };
}

function uploadJobs(input: SubmitPlanInput, urls: UploadUrl[]): Array<Pick<SubmitJobInput, 'jobName' | 'uploadUrlsJob'>> {
  const batches: UploadUrl[][] = [];
  for (let start = 0; start < urls.length; start += input.batchSize) batches.push(urls.slice(start, start + input.batchSize));
  return batches.map((urlArray, index) => ({
    jobName: batches.length === 1 ? input.jobName : `${input.jobName}-${index + 1}of${batches.length}`,
    uploadUrlsJob: {
      urlArray,
      overwrite: input.overwrite ?? false,
      readyForPublish: input.readyForPublish ?? false,
      createMask: input.createMask ?? false,
      emailSetting: EMAIL_SETTINGS[input.emailSetting],
      ...postPublishJob(input),
    },
  }));
}

/**
 * The submitJob requests to send, in order: one for a publish; for upload-urls one per batch of batchSize URLs, named
 * `<jobName>-1of3`… when there is more than one, each with the post publish job of --then-publish.
 * SubmitInputError for flags that do not fit the kind or each other.
 */
export function planSubmissions(input: SubmitPlanInput): SubmitJobInput[] {
  const problem = inputProblem(input);
  if (problem !== undefined) throw new SubmitInputError(problem);
  const base: SubmitJobInput = { companyHandle: input.companyHandle, jobName: input.jobName };
  if (input.description !== undefined) base.description = input.description;
  if (input.execTime !== undefined) base.execTime = input.execTime;
  if (input.execSchedule !== undefined) base.execSchedule = input.execSchedule;
  if (input.kind !== 'upload-urls') return [{ ...base, ...publishJob(input) }];
  return uploadJobs(input, input.urls ?? []).map((job) => ({ ...base, ...job }));
}

// ---- the confirmation line ----

const EMAIL_WORDS: Record<EmailSetting, string> = {
  All: 'e-mail on everything',
  Error: 'e-mail on error',
  ErrorAndWarning: 'e-mail on error or warning',
  JobCompletion: 'e-mail on completion',
  None: 'no e-mail',
};

function publishTypeName(type: PublishType): string {
  return (Object.keys(PUBLISH_TYPES) as PublishTypeName[]).find((name) => PUBLISH_TYPES[name] === type) ?? type;
}

function kindOf(request: SubmitJobInput): SubmitKind {
  if (request.imageServingPublishJob) return 'image-serving-publish';
  if (request.imageRenderingPublishJob) return 'image-rendering-publish';
  if (request.videoPublishJob) return 'video-publish';
  if (request.uploadUrlsJob) return 'upload-urls';
  throw new Error(`submitJob request '${request.jobName}' has no job detail`);
}

function thenPublishWords(job: UploadUrlsJobInput): string | undefined {
  if (job.postImageServingPublishJob) return `then image-serving ${publishTypeName(job.postImageServingPublishJob.publishType)} publish`;
  if (job.postImageRenderingPublishJob) return 'then image-rendering publish';
  if (job.postVideoPublishJob) return 'then video publish';
  return undefined;
}

function uploadWords(job: UploadUrlsJobInput): string[] {
  const folders = new Set(job.urlArray.map((url) => url.destPath.slice(0, Math.max(0, url.destPath.lastIndexOf('/')))));
  const flags: Array<[boolean, string]> = [
    [job.overwrite, 'overwrite'],
    [job.readyForPublish, 'ready for publish'],
    [job.createMask, 'create mask'],
  ];
  return [
    `${plural(job.urlArray.length, 'URL')} into ${plural(folders.size, 'folder')}`,
    ...flags.filter(([on]) => on).map(([, words]) => words),
    ...[thenPublishWords(job)].filter((words) => words !== undefined),
  ];
}

/** What the job does, as comma-separated phrases (without the e-mail and the time). */
function detailWords(request: SubmitJobInput): string[] {
  if (request.uploadUrlsJob) return uploadWords(request.uploadUrlsJob);
  const publishType = request.imageServingPublishJob?.publishType;
  return publishType === undefined ? [] : [`${publishTypeName(publishType)} publish`];
}

function whenWords(request: SubmitJobInput): string {
  if (request.execTime !== undefined) return `at ${request.execTime}`;
  if (request.execSchedule !== undefined) return `on schedule ${request.execSchedule}`;
  return 'now';
}

/**
 * One line per request for the confirmation, e.g. "image-serving-publish job 'X' for c|1001: incremental publish,
 * e-mail on error, now".
 */
export function describeSubmission(request: SubmitJobInput): string {
  const kind = kindOf(request);
  const detail = request.imageServingPublishJob ?? request.imageRenderingPublishJob ?? request.videoPublishJob ?? request.uploadUrlsJob;
  const words = [...detailWords(request), EMAIL_WORDS[detail?.emailSetting ?? 'None'], whenWords(request)];
  return `${kind} job '${request.jobName}' for ${request.companyHandle}: ${words.join(', ')}`;
}
