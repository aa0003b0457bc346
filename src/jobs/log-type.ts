// A job log carries no job type, only a log type such as `BeginUpload` or `ImageServingPublishFailure`:
// the job's type is what is left once the Begin/End prefix and the Success/Failure/Warning/Error suffix are off.

const PREFIXES = ['begin', 'end'] as const;
const SUFFIXES = ['success', 'failure', 'warning', 'error'] as const;

/**
 * The job types Adobe's list of job log types (its IPS API reference, string constants) is built from: each has
 * Begin/End entries and Success/Failure/Warning/Error results. Spelled as Adobe spells them.
 */
export const LOG_TYPE_STEMS: readonly string[] = [
  'ImageServingPublish',
  'ImageServingPublishCleanup',
  'ImageRenderingPublish',
  'ImageRenderingPublishCleanup',
  'VideoPublish',
  'VideoPublishCleanup',
  'ServerDirectoryPublish',
  'Upload',
  'UploadUrls',
  'AssetMigration',
  'Delete',
  'EmptyTrash',
  'RestoreTrash',
  'RecoverTrash',
  'Trash',
  'Get',
  'MarkForPublish',
  'UnmarkForPublish',
  'Metadata',
  'PdfRip',
  'PublishToCm',
  'PublishToWc',
  'Reoptimize',
  'TemplateMerge',
];

const STEM_BY_LOWER: ReadonlyMap<string, string> = new Map(LOG_TYPE_STEMS.map((stem) => [stem.toLowerCase(), stem]));

// Log types of single events in a job's details, not of a job's begin or end: they name no job type.
const EVENT_LOG_TYPES: ReadonlySet<string> = new Set(
  [
    'FatalError',
    'DuplicateSkipped',
    'FileBegin',
    'FileCancel',
    'FileEnd',
    'FleEnd',
    'FileProgress',
    'FileUpdated',
    'InitiatingJobName',
    'JobClient',
    'JobType',
    'OriginalJobName',
    'TotalFileCount',
  ].map((type) => type.toLowerCase()),
);

// Misspellings in Adobe's own list (`VideoPubilshSuccess`); exact server spellings are unverified, so both are read.
const MISSPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [[/pubilsh/gi, 'Publish']];

/** `Begin`/`End` off the front and `Success`/`Failure`/`Warning`/`Error` off the back, each only when something is left. */
function withoutAffixes(text: string): string {
  let stem = text;
  const lower = () => stem.toLowerCase();
  const prefix = PREFIXES.find((p) => lower().startsWith(p) && stem.length > p.length);
  if (prefix) stem = stem.slice(prefix.length);
  const suffix = SUFFIXES.find((s) => lower().endsWith(s) && stem.length > s.length);
  if (suffix) stem = stem.slice(0, -suffix.length);
  return stem;
}

/**
 * The job type a log type speaks of: `ImageServingPublishFailure` → `ImageServingPublish`, `BeginUpload` → `Upload`,
 * `endReoptimize` → `Reoptimize`, `BeginVideoPubl]ish` → `VideoPublish`. Known types come back in Adobe's spelling
 * whatever the case written; unknown ones lose their affixes all the same; event types (`FatalError`, `JobClient`)
 * and anything without affixes come back as written (stray punctuation removed). Undefined for a missing or empty type.
 */
export function jobTypeFromLogType(logType: string | undefined): string | undefined {
  if (logType === undefined) return undefined;
  // Stray characters such as the `]` in Adobe's `BeginVideoPubl]ish` are never part of a type.
  let cleaned = logType.replace(/[^A-Za-z0-9]/g, '');
  if (cleaned === '') return undefined;
  if (EVENT_LOG_TYPES.has(cleaned.toLowerCase())) return cleaned;
  for (const [wrong, right] of MISSPELLINGS) cleaned = cleaned.replace(wrong, right);
  const known = STEM_BY_LOWER.get(cleaned.toLowerCase());
  if (known) return known;
  const stem = withoutAffixes(cleaned);
  return STEM_BY_LOWER.get(stem.toLowerCase()) ?? stem;
}

/**
 * The log-type stem a job type of `list` (ActiveJob.type) logs under, where the two differ (inferred from Adobe's two
 * lists, not documented): so `--type UploadFromServerDirectory` finds `BeginUpload` logs too.
 */
export const LOG_STEM_BY_JOB_TYPE: Readonly<Record<string, string>> = {
  UploadFromServerDirectory: 'Upload',
  UrlUpload: 'UploadUrls',
  MetadataUpload: 'Metadata',
  ImageOptimization: 'Reoptimize',
};

/** The job types `--type` is likely to name: those of the log types, and the active-list types that differ from them. */
export const JOB_TYPES: readonly string[] = [...LOG_TYPE_STEMS, ...Object.keys(LOG_STEM_BY_JOB_TYPE)];

/**
 * The one name of a job's type, the same for an active job, a scheduled job and a job log: the log-type stem
 * (`UrlUpload` → `UploadUrls`, `UploadFromServerDirectory` → `Upload`). The log spelling is the one chosen because
 * every active-list type maps to exactly one stem, while a stem (`Upload`) can stand for several active-list types.
 * Types with no other spelling come back as given; undefined for a missing or empty type.
 */
export function jobTypeName(activeType: string | undefined): string | undefined {
  if (activeType === undefined || activeType === '') return undefined;
  return STEM_BY_ACTIVE_TYPE.get(activeType.toLowerCase()) ?? activeType;
}

// Looked up for every row of a table and every job of a poll: a map, not a search.
const STEM_BY_ACTIVE_TYPE: ReadonlyMap<string, string> = new Map(Object.entries(LOG_STEM_BY_JOB_TYPE).map(([jobType, stem]) => [jobType.toLowerCase(), stem]));
