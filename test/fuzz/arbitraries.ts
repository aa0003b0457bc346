// Generators of hostile IPS answers for the fuzz suite: node-soap-shaped objects (as the normaliser receives
// them) and XML bodies (as the client receives them), with missing fields, wrong types, huge numbers, empty
// strings, unicode and terminal control sequences.
import fc from 'fast-check';

/** Cases per property: FUZZ_RUNS (e.g. 20000 for `npm run fuzz`), else a quick 100 for the normal suite. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 100);

/** A test's time limit that grows with the number of cases (a generous 20 ms each, never under 20 s). */
export const FUZZ_TIMEOUT_MS = Math.max(20_000, FUZZ_RUNS * 20);

/** Pieces that drive terminals or fool readers: CSI/OSC sequences, the one-byte CSI, bidi overrides, BEL, CR. */
export const HOSTILE_PIECES = [
  '\u001b[2J',
  '\u001b[31m',
  '\u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007',
  '\u001b]0;title\u0007',
  '\u009b2J',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u0007',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u007f',
  '\u0008',
  '\u2028',
  '\ufeff',
  '\ud800',
  '&amp;',
  '<b>',
  ']]>',
  '%0A',
  '::error::',
  'é',
  '春',
  '📦',
  'e\u0301',
  ' ',
  '',
] as const;

const piece = fc.constantFrom(...HOSTILE_PIECES);

/** Text a server might send: any code point, or a mix of hostile pieces and plain letters. */
export const serverText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'Running', 'Done', 'WaitingCoordinator', 'ImageServingPublish', 'true', '0') },
);

/** Numbers as text: valid, huge, negative, decimal, exponent, not-a-number. */
const numericText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom('NaN', 'INF', '-INF', 'Infinity', '1e309', '0x1A', '12abc', '', ' 42 ', '4 2', '+7', '-0', '1.', '.5', '١٢'),
);

/** An ISO date the way IPS writes it, or one that only looks like it, or junk. */
const dateText: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
    .chain((date) => fc.constantFrom('Z', '-08:00', '+05:30', '').map((zone) => date.toISOString().replace('Z', zone))),
  fc.constantFrom('2026-02-30T10:00:00Z', '2026-11-28', '2026-11-28T25:61:00Z', 'yesterday', '0', '', '99999-01-01T00:00:00Z', '2026-11-28T09:00:00-08:00\u001b[2J'),
  serverText,
);

/** Anything node-soap might hand over for a field: scalars of every type, empty elements, repeats, children. */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 5, arbitrary: serverText },
    { weight: 2, arbitrary: numericText },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.MAX_VALUE, -0, 2 ** 53 + 1)) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: serverText.map((text) => ({ attributes: { 'xsi:type': 'xsd:string' }, $value: text })) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'any' }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'items', 'b', '$value'), tie('value'), { maxKeys: 3, depthIdentifier: 'any' }) },
  ),
})).value;

type Kind = 'string' | 'int' | 'double' | 'boolean' | 'dateTime';

/** A field's value: usually of its own type (as node-soap gives it), sometimes anything at all. */
function fieldValue(kind: Kind): fc.Arbitrary<unknown> {
  const typed: Record<Kind, fc.Arbitrary<unknown>> = {
    string: serverText,
    int: fc.oneof(fc.integer({ min: -5, max: 100_000 }), numericText),
    double: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), numericText),
    boolean: fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', '1', '0', 'yes', 'TRUE', '')),
    dateTime: dateText,
  };
  return fc.oneof({ weight: 4, arbitrary: typed[kind] }, { weight: 1, arbitrary: anyValue });
}

/** An `…Array` wrapper as node-soap builds it: null, '', one item, several, or nonsense. */
function arrayOf(item: fc.Arbitrary<Record<string, unknown>>, maxLength = 3): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(null, '', undefined) },
    { weight: 2, arbitrary: item.map((one) => ({ items: one })) },
    { weight: 3, arbitrary: fc.array(item, { maxLength }).map((many) => ({ items: many })) },
    { weight: 1, arbitrary: anyValue },
    { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 2 }).map((many) => ({ items: many, extra: 'x' })) },
  );
}

/** A record: each schema field present or not, plus elements the schema does not have. */
function recordOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('colour', 'futureField', 'attributes', 'progressPercent'), anyValue, { maxKeys: 2 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

const str = () => fieldValue('string');
const int = () => fieldValue('int');
const dbl = () => fieldValue('double');
const date = () => fieldValue('dateTime');

const rawTaskItem = recordOf({ itemName: str(), progress: dbl(), progressMessage: str(), lastProgressUpdate: date() });

const rawTask = recordOf({
  taskType: str(),
  taskState: str(),
  numProcessed: int(),
  numProcessing: int(),
  numPending: int(),
  progress: dbl(),
  progressMessage: str(),
  lastProgressUpdate: date(),
  taskItemProgressArray: arrayOf(rawTaskItem),
});

const jobDetail = fc.oneof(
  fc.record({ publishType: str(), emailSetting: str() }, { requiredKeys: [] }),
  anyValue,
);

const rawActiveJob = recordOf({
  companyHandle: str(),
  jobHandle: str(),
  name: str(),
  originalName: str(),
  type: str(),
  state: fc.oneof(fc.constantFrom('Running', 'New', 'WaitingCoordinator', 'Stopping', 'Done', 'Unknown', 'Paused'), str()),
  submitUserEmail: str(),
  locale: str(),
  description: str(),
  serverName: str(),
  startDate: date(),
  triggerTime: date(),
  totalSize: int(),
  progress: int(),
  progressMessage: str(),
  lastProgressUpdate: date(),
  taskProgressArray: arrayOf(rawTask),
  imageServingPublishJob: jobDetail,
  uploadDirectoryJob: anyValue,
});

const rawAux = recordOf({ logMessage: str(), logType: str(), dateCreated: date() });

const rawDetail = recordOf({
  logMessage: str(),
  logType: fc.oneof(fc.constantFrom('UploadError', 'UploadWarning', 'FatalError', 'UploadSuccess'), str()),
  dateCreated: date(),
  assetName: str(),
  assetType: str(),
  assetHandle: str(),
  auxArray: arrayOf(rawAux),
});

const rawJobLog = recordOf({
  companyHandle: str(),
  jobHandle: str(),
  jobName: str(),
  originalJobName: str(),
  submitUserEmail: str(),
  logType: fc.oneof(fc.constantFrom('ImageServingPublishSuccess', 'UploadFailure', 'BeginUpload', 'UploadWarning'), str()),
  jobSubType: str(),
  startDate: date(),
  endDate: date(),
  description: str(),
  fileSuccessCount: int(),
  fileErrorCount: int(),
  fileWarningCount: int(),
  fileDuplicateCount: int(),
  fileUpdateCount: int(),
  totalFileCount: int(),
  transferSuccessCount: int(),
  transferErrorCount: int(),
  transferWarningCount: int(),
  fatalError: fieldValue('boolean'),
  detailTotalRows: int(),
  detailArray: arrayOf(rawDetail, 4),
});

const rawScheduledJob = recordOf({
  companyHandle: str(),
  jobHandle: str(),
  name: str(),
  originalName: str(),
  type: str(),
  submitUserEmail: str(),
  locale: str(),
  description: str(),
  execSchedule: str(),
  nextFireTime: date(),
  timeZone: str(),
  triggerState: fc.oneof(fc.constantFrom('Normal', 'Paused', 'Error', 'Blocked'), str()),
  exportJob: anyValue,
});

const rawCompany = recordOf({ companyHandle: str(), name: str(), rootPath: str(), expires: date(), imsOrgId: str() });

const rawMembership = recordOf({ company: fc.oneof(rawCompany, anyValue), role: str(), isActive: fieldValue('boolean') });

/** What a `getActiveJobsReturn`'s `jobArray` (or a `jobLogArray`, …) may be. */
export const rawActiveJobArray = arrayOf(rawActiveJob, 4);
export const rawJobLogArray = arrayOf(rawJobLog, 3);
export const rawScheduledJobArray = arrayOf(rawScheduledJob, 3);
export const rawMembershipArray = arrayOf(rawMembership, 3);

/** Characters no table or line output may carry raw: C0 but LF, DEL, C1, bidi embeddings, overrides and isolates. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The first raw control character in `text`, shown as a code point for a readable failure; undefined when clean. */
export function rawControlIn(text: string): string | undefined {
  const match = RAW_CONTROL.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${match.index} in ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}` : undefined;
}
