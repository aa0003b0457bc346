/**
 * Our hand-written WSDL subset (src/ips/wsdl/ips-jobs.wsdl) must match the
 * reference IPS 2014-04-03 WSDL for everything it declares: names, child
 * order, resolved types, occurrences, nillable, namespaces, message parts,
 * portType messages, soapAction, header/body/fault bindings. The only allowed
 * differences are the documented simplifications below: job-detail elements
 * typed xsd:anyType, and a complexType that leaves out optional elements.
 *
 * Reference path: env IPS_REFERENCE_WSDL (absolute, or relative to the repo
 * root), default ../shared/ips/wsdl/IpsApi-2014-04-03.wsdl relative to the repo
 * root. If it is missing, the conformance test is skipped locally and FAILS
 * when CI is set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireSharedFile } from '../helpers/shared-files.js';
import {
  type AnyTypeSimplification,
  bindingProtocols,
  compareWsdl,
  NS,
  type OmitsOptionalSimplification,
  operationNames,
  parseWsdl,
  type Simplification,
  type WsdlModel,
} from './wsdl-compare.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUR_WSDL = path.join(REPO_ROOT, 'src/ips/wsdl/ips-jobs.wsdl');
const REFERENCE_WSDL = path.resolve(
  REPO_ROOT,
  process.env['IPS_REFERENCE_WSDL'] || '../shared/ips/wsdl/IpsApi-2014-04-03.wsdl',
);

/** The 12 operations of the job monitor and submitJob — no more, no less. */
const OPERATIONS = [
  'getActiveJobs',
  'getJobLogs',
  'getJobLogDetails',
  'getScheduledJobs',
  'stopJob',
  'pauseJob',
  'resumeJob',
  'deleteJob',
  'executeJob',
  'getCompanyInfo',
  'getCompanyMembership',
  'checkLogin',
  'submitJob',
];

/** Documented simplifications, kind 1: job-detail elements typed xsd:anyType (see the header comment of ips-jobs.wsdl). */
const ANY_TYPE_SIMPLIFICATIONS: readonly AnyTypeSimplification[] = [
  { owner: 'ActiveJob', element: 'uploadDirectoryJob', referenceType: 'UploadDirectoryJob' },
  { owner: 'ActiveJob', element: 'uploadUrlsJob', referenceType: 'UploadUrlsJob' },
  { owner: 'ActiveJob', element: 'uploadPostJob', referenceType: 'UploadPostJob' },
  { owner: 'ActiveJob', element: 'ripPdfsJob', referenceType: 'RipPdfsJob' },
  { owner: 'ActiveJob', element: 'reprocessAssetsJob', referenceType: 'ReprocessAssetsJob' },
  { owner: 'ActiveJob', element: 'automatedSetGenerationJob', referenceType: 'AutomatedSetGenerationJob' },
  { owner: 'ScheduledJob', element: 'uploadDirectoryJob', referenceType: 'UploadDirectoryJob' },
  { owner: 'ScheduledJob', element: 'uploadUrlsJob', referenceType: 'UploadUrlsJob' },
  { owner: 'ScheduledJob', element: 'ripPdfsJob', referenceType: 'RipPdfsJob' },
  { owner: 'ScheduledJob', element: 'reprocessAssetsJob', referenceType: 'ReprocessAssetsJob' },
  { owner: 'ScheduledJob', element: 'automatedSetGenerationJob', referenceType: 'AutomatedSetGenerationJob' },
  // submitJobParam's anonymous complexType is named by its element.
  { owner: 'submitJobParam', element: 'uploadDirectoryJob', referenceType: 'UploadDirectoryJob' },
  { owner: 'submitJobParam', element: 'ripPdfsJob', referenceType: 'RipPdfsJob' },
  { owner: 'submitJobParam', element: 'reprocessAssetsJob', referenceType: 'ReprocessAssetsJob' },
  { owner: 'submitJobParam', element: 'automatedSetGenerationJob', referenceType: 'AutomatedSetGenerationJob' },
];

/**
 * Documented simplifications, kind 2: a complexType that omits optional (minOccurs="0") elements of the
 * reference's, keeping the reference's order, types and occurrences of those it keeps.
 */
const OMITS_OPTIONAL_SIMPLIFICATIONS: readonly OmitsOptionalSimplification[] = [{ type: 'UploadUrlsJob', omitsOptional: true }];

const SIMPLIFICATIONS: readonly Simplification[] = [...ANY_TYPE_SIMPLIFICATIONS, ...OMITS_OPTIONAL_SIMPLIFICATIONS];

/** Our soap:address is a placeholder (the client sets the endpoint). */
const COMPARE_OPTIONS = { simplifications: SIMPLIFICATIONS, ignoreServiceKeys: ['soap:address@location'] };

const ourText = readFileSync(OUR_WSDL, 'utf8');

function report(diffs: string[]): string {
  return diffs.length === 0 ? 'no differences' : `${diffs.length} difference(s):\n  ${diffs.join('\n  ')}`;
}

/**
 * Replaces the first `search` that follows the first `anchor` in `text`.
 * Throws if either is absent, so a mutation can never silently not apply.
 */
function mutate(text: string, anchor: string, search: string, replacement: string): string {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`mutation anchor not found: ${anchor}`);
  const hit = text.indexOf(search, at);
  if (hit < 0) throw new Error(`mutation target not found after ${anchor}: ${search}`);
  return text.slice(0, hit) + replacement + text.slice(hit + search.length);
}

/** Inserts `line` on a line of its own after the line of the first `search` that follows `anchor` (as mutate finds it). */
function insertLineAfter(text: string, anchor: string, search: string, line: string): string {
  const marked = mutate(text, anchor, search, `${search}@@MARK@@`);
  const lineEnd = marked.indexOf('\n', marked.indexOf('@@MARK@@'));
  return `${marked.slice(0, lineEnd)}\n          ${line}${marked.slice(lineEnd)}`.replace('@@MARK@@', '');
}

const ACTIVE_JOB = '<complexType name="ActiveJob">';

/** Swaps the first `a` and the first `b` that follow `anchor`. */
function swap(text: string, anchor: string, a: string, b: string): string {
  const t = mutate(text, anchor, a, '@@A@@');
  return mutate(mutate(t, anchor, b, a), anchor, '@@A@@', b);
}

/** Swap ActiveJob's first two children (companyHandle, jobHandle). */
const swapActiveJobChildren = (text: string) =>
  swap(text, ACTIVE_JOB, '<element name="companyHandle" type="xsd:string" />', '<element name="jobHandle" type="xsd:string" />');
const makeLocaleRequired = (text: string) =>
  mutate(text, ACTIVE_JOB, '<element name="locale" type="xsd:string" minOccurs="0" />', '<element name="locale" type="xsd:string" />');
const triggerTimeAsString = (text: string) =>
  mutate(text, ACTIVE_JOB, '<element name="triggerTime" type="xsd:dateTime" />', '<element name="triggerTime" type="xsd:string" />');

const UPLOAD_URLS_JOB = '<complexType name="UploadUrlsJob">';
const OVERWRITE = '<element name="overwrite" type="xsd:boolean" />';

/** UploadUrlsJob without its required `overwrite`. */
const dropOverwrite = (text: string) => mutate(text, UPLOAD_URLS_JOB, `${OVERWRITE}\n          `, '');
/** UploadUrlsJob's `overwrite` and `readyForPublish` swapped. */
const swapOverwrite = (text: string) => swap(text, UPLOAD_URLS_JOB, OVERWRITE, '<element name="readyForPublish" type="xsd:boolean" />');
const createMaskAsString = (text: string) =>
  mutate(text, UPLOAD_URLS_JOB, '<element name="createMask" type="xsd:boolean" />', '<element name="createMask" type="xsd:string" />');

/** Where a simplification's owner is declared: a named complexType, or a top-level element (lower case). */
const ownerAnchor = (owner: string) => (/^[A-Z]/.test(owner) ? `<complexType name="${owner}">` : `<element name="${owner}">`);

/**
 * Optional elements of the reference's UploadUrlsJob that ours leaves out (a sample, with the reference's types), each
 * inserted where the reference has it relative to the elements ours keeps: the baseline's UploadUrlsJob then has
 * something for ours to omit.
 */
const UPLOAD_URLS_JOB_OPTIONALS: ReadonlyArray<[after: string, inserted: string]> = [
  ['urlArray', '<element name="numUrls" type="xsd:int" minOccurs="0" />'],
  ['readyForPublish', '<element name="preservePublishState" type="xsd:boolean" minOccurs="0" />'],
  ['emailSetting', '<element name="postJobOnlyIfFiles" type="xsd:boolean" minOccurs="0" />'],
  ['postVideoPublishJob', '<element name="xmpKeywords" type="xsd:string" minOccurs="0" />'],
];

/** Our WSDL with the documented simplifications undone: a stand-in for the reference that needs no external file. */
function baselineOf(text: string): string {
  let out = text;
  for (const s of ANY_TYPE_SIMPLIFICATIONS) {
    out = mutate(out, ownerAnchor(s.owner), `<element name="${s.element}" type="xsd:anyType"`, `<element name="${s.element}" type="types:${s.referenceType}"`);
  }
  for (const [after, inserted] of UPLOAD_URLS_JOB_OPTIONALS) out = insertLineAfter(out, UPLOAD_URLS_JOB, `<element name="${after}" `, inserted);
  return out;
}

const EXPECTED_COMBINED = [
  "complexType ActiveJob: child 1 is 'jobHandle', reference has 'companyHandle'",
  "complexType ActiveJob: child 2 is 'companyHandle', reference has 'jobHandle'",
  "complexType ActiveJob: child 8 'locale' minOccurs 1 ≠ reference 0",
  "complexType ActiveJob: child 12 'triggerTime' type xsd:string ≠ reference xsd:dateTime",
];

describe('ips-jobs.wsdl', () => {
  it('declares exactly the 13 operations (the job monitor and submitJob), SOAP 1.1 only', () => {
    const ours = parseWsdl(ourText);
    const sorted = [...OPERATIONS].sort();
    expect([...operationNames(ours, 'portTypes').entries()]).toEqual([['IpsApiPortType', expect.any(Array)]]);
    expect([...(operationNames(ours, 'portTypes').get('IpsApiPortType') ?? [])].sort()).toEqual(sorted);
    expect([...operationNames(ours, 'bindings').keys()]).toEqual(['IpsApiServiceSoapBinding']);
    expect([...(operationNames(ours, 'bindings').get('IpsApiServiceSoapBinding') ?? [])].sort()).toEqual(sorted);
    expect(bindingProtocols(ours).get('IpsApiServiceSoapBinding')).toEqual([NS.soap]);
    // 2 messages per operation + 3 fault messages + the authHeader message.
    expect(ours.messages.size).toBe(OPERATIONS.length * 2 + 4);
    expect([...ours.services.values()].map((s) => s.qn.local)).toEqual(['IpsApiService']);
  });

  it('conforms to the reference IPS 2014-04-03 WSDL', (ctx) => {
    requireSharedFile(
      ctx,
      REFERENCE_WSDL,
      'the reference WSDL: set IPS_REFERENCE_WSDL to the path of IpsApi-2014-04-03.wsdl (absolute, or relative to the repo root)',
    );
    const refText = readFileSync(REFERENCE_WSDL, 'utf8');
    const ref = parseWsdl(refText);
    const ours = parseWsdl(ourText);

    // Sanity: the file really is the full 2014-04-03 reference.
    expect(ref.targetNamespace).toBe(NS.tns);
    expect(ref.schemas.has(NS.types)).toBe(true);
    expect(operationNames(ref, 'portTypes').get('IpsApiPortType')?.length).toBe(164);

    const diffs = compareWsdl(ours, ref, COMPARE_OPTIONS);
    expect(diffs, report(diffs)).toEqual([]);

    // Much smaller than the reference.
    expect(ours.sizeBytes).toBeLessThan(ref.sizeBytes / 10);
    const count = (m: WsdlModel, kind: string) => m.schemaComponents.get(kind)?.size ?? 0;
    expect(count(ours, 'complexType')).toBeLessThan(count(ref, 'complexType') / 5);

    // Not vacuous against the real reference either.
    const mutated = parseWsdl(triggerTimeAsString(makeLocaleRequired(swapActiveJobChildren(ourText))));
    expect(compareWsdl(mutated, ref, COMPARE_OPTIONS)).toEqual(EXPECTED_COMBINED);
    // Nor is the UploadUrlsJob simplification a blank cheque: what it keeps, and what it may leave out, are checked.
    expect(compareWsdl(parseWsdl(createMaskAsString(dropOverwrite(ourText))), ref, COMPARE_OPTIONS)).toEqual([
      "complexType UploadUrlsJob: child 3 'createMask' type xsd:string ≠ reference xsd:boolean",
      "complexType UploadUrlsJob: reference child 'overwrite' (minOccurs 1) left out: only optional elements may be",
    ]);
    expect(compareWsdl(parseWsdl(swapOverwrite(ourText)), ref, COMPARE_OPTIONS)).toEqual([
      "complexType UploadUrlsJob: child 3 'overwrite' out of the reference's order (the reference has it before 'readyForPublish')",
    ]);
  });

  it('the comparer reports each mutation of our WSDL', () => {
    // Baseline: our WSDL with the documented simplifications undone stands in
    // for the reference, so this test needs no external file.
    const baselineText = baselineOf(ourText);
    const baseline = parseWsdl(baselineText);
    const ours = parseWsdl(ourText);
    expect(compareWsdl(ours, baseline, COMPARE_OPTIONS), 'baseline').toEqual([]);
    // Without the documented list, the simplifications themselves are reported: one line per anyType element,
    // and UploadUrlsJob's children by position.
    const unlisted = compareWsdl(ours, baseline, { ignoreServiceKeys: COMPARE_OPTIONS.ignoreServiceKeys });
    const isUploadUrlsJob = (diff: string) => diff.startsWith('complexType UploadUrlsJob:');
    const anyType = unlisted.filter((diff) => !isUploadUrlsJob(diff));
    expect(anyType).toHaveLength(ANY_TYPE_SIMPLIFICATIONS.length);
    expect(anyType.every((diff) => diff.includes(' type xsd:anyType ≠ reference types:'))).toBe(true);
    expect(unlisted.find(isUploadUrlsJob)).toBe(`complexType UploadUrlsJob: 8 children ≠ reference ${8 + UPLOAD_URLS_JOB_OPTIONALS.length}`);

    const check = (name: string, text: string, expected: string[]) => {
      const diffs = compareWsdl(parseWsdl(text), baseline, COMPARE_OPTIONS);
      expect(diffs, `${name}: ${report(diffs)}`).toEqual(expected);
    };

    check('swap + minOccurs + type', triggerTimeAsString(makeLocaleRequired(swapActiveJobChildren(ourText))), EXPECTED_COMBINED);

    check(
      'maxOccurs',
      mutate(ourText, '<complexType name="JobLogArray">', 'maxOccurs="unbounded"', 'maxOccurs="1"'),
      ["complexType JobLogArray: child 1 'items' maxOccurs 1 ≠ reference unbounded"],
    );
    check(
      'nillable',
      mutate(ourText, '<complexType name="TaskProgress">', '<element name="progress" type="xsd:double" />', '<element name="progress" type="xsd:double" nillable="true" />'),
      ["complexType TaskProgress: child 6 'progress' nillable true ≠ reference false"],
    );
    check(
      'missing child',
      mutate(ourText, '<complexType name="JobLogDetail">', '<element name="dateCreated" type="xsd:dateTime" />\n', ''),
      [
        'complexType JobLogDetail: 6 children ≠ reference 7',
        "complexType JobLogDetail: child 3 is 'assetName', reference has 'dateCreated'",
        "complexType JobLogDetail: child 4 is 'assetType', reference has 'assetName'",
        "complexType JobLogDetail: child 5 is 'assetHandle', reference has 'assetType'",
        "complexType JobLogDetail: child 6 is 'auxArray', reference has 'assetHandle'",
        "complexType JobLogDetail: child 7 missing, reference has 'auxArray'",
      ],
    );
    check(
      'anyType not on the documented list',
      mutate(ourText, ACTIVE_JOB, 'type="types:ImageServingPublishJob"', 'type="xsd:anyType"'),
      ["complexType ActiveJob: child 18 'imageServingPublishJob' type xsd:anyType ≠ reference types:ImageServingPublishJob"],
    );
    check(
      'fault element code type',
      mutate(ourText, '<element name="authorizationFault">', '<element name="code" type="xsd:int" />', '<element name="code" type="xsd:string" />'),
      ["element authorizationFault (anonymous complexType): child 1 'code' type xsd:string ≠ reference xsd:int"],
    );
    check(
      'anyAttribute dropped from authHeader',
      mutate(ourText, '<element name="authHeader">', '<anyAttribute namespace="##other" processContents="lax" />', ''),
      [
        'element authHeader (anonymous complexType): xsd:anyAttribute missing (reference: present)',
        'element authHeader (anonymous complexType): xsd:anyAttribute@namespace missing (reference: ##other)',
        'element authHeader (anonymous complexType): xsd:anyAttribute@processContents missing (reference: lax)',
      ],
    );
    check(
      'authHeader element required field made optional',
      mutate(ourText, '<element name="authHeader">', '<element name="appName" type="xsd:string" />', '<element name="appName" type="xsd:string" minOccurs="0" />'),
      ["element authHeader (anonymous complexType): child 5 'appName' minOccurs 0 ≠ reference 1"],
    );
    check(
      'element in the wrong namespace',
      mutate(
        mutate(ourText, '<element name="getCompanyMembershipParam">', '<element name="getCompanyMembershipParam">', '<element name="getCompanyMembershipParamX">'),
        '<schema xmlns="http://www.w3.org/2001/XMLSchema" xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.scene7.com/IpsApi/xsd"',
        '<element name="ipsApiFault">',
        '<element name="getCompanyMembershipParam"><complexType><sequence><element name="userHandle" type="xsd:string" minOccurs="0" /></sequence></complexType></element><element name="ipsApiFault">',
      ),
      [
        "element getCompanyMembershipParamX: no element named 'getCompanyMembershipParamX' in reference",
        `element getCompanyMembershipParam: namespace ${NS.flt} ≠ reference ${NS.types}`,
        "our WSDL: message getCompanyMembership part 'input' element types:getCompanyMembershipParam is not declared",
      ],
    );
    check(
      'message part element',
      mutate(ourText, '<message name="authHeader">', 'element="hdr:authHeader"', 'element="flt:authHeader"'),
      [
        "message authHeader: part 'authHeader'@element flt:authHeader ≠ reference types:authHeader",
        "our WSDL: message authHeader part 'authHeader' element flt:authHeader is not declared",
      ],
    );
    check(
      'prefix change only (no difference)',
      mutate(ourText, ACTIVE_JOB, 'type="types:TaskProgressArray"', 'type="hdr:TaskProgressArray"'),
      [],
    );
    check(
      'portType output message',
      mutate(ourText, '<portType name="IpsApiPortType">', '<output message="tns:getJobLogsResponse"', '<output message="tns:getJobLogDetailsResponse"'),
      [
        "portType IpsApiPortType operation getJobLogs: output 'getJobLogsResponse'@message tns:getJobLogDetailsResponse ≠ reference tns:getJobLogsResponse",
      ],
    );
    check(
      'soapAction',
      mutate(ourText, '<binding name="IpsApiServiceSoapBinding"', 'soapAction="stopJob"', 'soapAction="urn:stopJob"'),
      ['binding IpsApiServiceSoapBinding operation stopJob: soap:operation@soapAction urn:stopJob ≠ reference stopJob'],
    );
    check(
      'header binding',
      mutate(
        mutate(ourText, '<operation name="getJobLogs">\n      <soap:operation', 'part="authHeader" namespace="http://www.scene7.com/IpsApi" use="literal"', 'part="header" namespace="http://www.scene7.com/IpsApi" use="encoded"'),
        '<operation name="deleteJob">\n      <soap:operation',
        '<soap:header message="tns:authHeader" part="authHeader" namespace="http://www.scene7.com/IpsApi" use="literal"/>\n',
        '',
      ),
      [
        "binding IpsApiServiceSoapBinding operation getJobLogs: input 'getJobLogs'/soap:header@part header ≠ reference authHeader",
        "binding IpsApiServiceSoapBinding operation getJobLogs: input 'getJobLogs'/soap:header@use encoded ≠ reference literal",
        "binding IpsApiServiceSoapBinding operation deleteJob: input 'deleteJob'/soap:header missing (reference: present)",
        "binding IpsApiServiceSoapBinding operation deleteJob: input 'deleteJob'/soap:header@message missing (reference: tns:authHeader)",
        "binding IpsApiServiceSoapBinding operation deleteJob: input 'deleteJob'/soap:header@part missing (reference: authHeader)",
        "binding IpsApiServiceSoapBinding operation deleteJob: input 'deleteJob'/soap:header@namespace missing (reference: http://www.scene7.com/IpsApi)",
        "binding IpsApiServiceSoapBinding operation deleteJob: input 'deleteJob'/soap:header@use missing (reference: literal)",
      ],
    );
    check(
      'body use',
      mutate(ourText, '<output name="checkLoginResponse">', 'use="literal"', 'use="encoded"'),
      ["binding IpsApiServiceSoapBinding operation checkLogin: output 'checkLoginResponse'/soap:body@use encoded ≠ reference literal"],
    );
    check(
      'fault binding dropped',
      mutate(
        ourText,
        '<operation name="pauseJob">\n      <soap:operation',
        '<fault name="authorizationFault">\n        <soap:fault namespace="http://www.scene7.com/IpsApi" use="literal"/>\n      </fault>\n',
        '',
      ),
      [
        "binding IpsApiServiceSoapBinding operation pauseJob: fault 'authorizationFault' missing (reference: present)",
        "binding IpsApiServiceSoapBinding operation pauseJob: fault 'authorizationFault'@name missing (reference: authorizationFault)",
        "binding IpsApiServiceSoapBinding operation pauseJob: fault 'authorizationFault'/soap:fault missing (reference: present)",
        "binding IpsApiServiceSoapBinding operation pauseJob: fault 'authorizationFault'/soap:fault@namespace missing (reference: http://www.scene7.com/IpsApi)",
        "binding IpsApiServiceSoapBinding operation pauseJob: fault 'authorizationFault'/soap:fault@use missing (reference: literal)",
      ],
    );
    check(
      'documented simplification not applied',
      mutate(ourText, ACTIVE_JOB, '<element name="ripPdfsJob" type="xsd:anyType"', '<element name="ripPdfsJob" type="xsd:string"'),
      ["complexType ActiveJob: child 27 'ripPdfsJob' type xsd:string: listed as anyType simplification, expected xsd:anyType"],
    );
    check(
      'anyType in submitJobParam (an anonymous type, named by its element) not on the documented list',
      mutate(ourText, '<element name="submitJobParam">', 'type="types:UploadUrlsJob"', 'type="xsd:anyType"'),
      ["element submitJobParam (anonymous complexType): child 14 'uploadUrlsJob' type xsd:anyType ≠ reference types:UploadUrlsJob"],
    );
    check(
      'submitJobParam required field made optional',
      mutate(ourText, '<element name="submitJobParam">', '<element name="jobName" type="xsd:string" />', '<element name="jobName" type="xsd:string" minOccurs="0" />'),
      ["element submitJobParam (anonymous complexType): child 3 'jobName' minOccurs 0 ≠ reference 1"],
    );
    check(
      'soapAction of submitJob',
      mutate(ourText, '<binding name="IpsApiServiceSoapBinding"', 'soapAction="submitJob"', 'soapAction="submitJobs"'),
      ['binding IpsApiServiceSoapBinding operation submitJob: soap:operation@soapAction submitJobs ≠ reference submitJob'],
    );

    // A complexType listed as omitting optional elements (UploadUrlsJob) may leave out only optional ones, and
    // must keep the order, types and occurrences of the rest.
    check('omits a required element', dropOverwrite(ourText), [
      "complexType UploadUrlsJob: reference child 'overwrite' (minOccurs 1) left out: only optional elements may be",
    ]);
    check('reorders what it keeps', swapOverwrite(ourText), [
      "complexType UploadUrlsJob: child 3 'overwrite' out of the reference's order (the reference has it before 'readyForPublish')",
    ]);
    check('changes the type of a kept element', createMaskAsString(ourText), [
      "complexType UploadUrlsJob: child 4 'createMask' type xsd:string ≠ reference xsd:boolean",
    ]);
    check(
      'makes a required kept element optional',
      mutate(ourText, UPLOAD_URLS_JOB, '<element name="emailSetting" type="xsd:string" />', '<element name="emailSetting" type="xsd:string" minOccurs="0" />'),
      ["complexType UploadUrlsJob: child 5 'emailSetting' minOccurs 0 ≠ reference 1"],
    );
    check(
      'makes an optional kept element required',
      mutate(ourText, UPLOAD_URLS_JOB, 'type="types:UploadUrlArray" minOccurs="0"', 'type="types:UploadUrlArray"'),
      ["complexType UploadUrlsJob: child 1 'urlArray' minOccurs 1 ≠ reference 0"],
    );
    check(
      'lets a kept element repeat',
      mutate(ourText, UPLOAD_URLS_JOB, 'type="types:VideoPublishJob" minOccurs="0"', 'type="types:VideoPublishJob" minOccurs="0" maxOccurs="unbounded"'),
      ["complexType UploadUrlsJob: child 8 'postVideoPublishJob' maxOccurs unbounded ≠ reference 1"],
    );
    check(
      'adds an element the reference does not have',
      insertLineAfter(ourText, UPLOAD_URLS_JOB, '<element name="createMask" ', '<element name="sourceFolder" type="xsd:string" minOccurs="0" />'),
      ["complexType UploadUrlsJob: child 5 'sourceFolder' not in reference"],
    );
    check(
      'omits an optional element of a type not on the list',
      mutate(ourText, '<complexType name="VideoPublishJob">', '<element name="contextHandle" type="xsd:string" minOccurs="0" />\n', ''),
      ['complexType VideoPublishJob: 2 children ≠ reference 3', "complexType VideoPublishJob: child 3 missing, reference has 'contextHandle'"],
    );
    expect(compareWsdl(ours, ours, { simplifications: OMITS_OPTIONAL_SIMPLIFICATIONS }), 'listed, omits nothing').toEqual([
      'complexType UploadUrlsJob: listed as omitting optional elements, but omits none',
    ]);
    expect(compareWsdl(ours, ours, { simplifications: [{ type: 'UploadUrlJob', omitsOptional: true }] }), 'listed, no such type').toEqual([
      'simplification UploadUrlJob omits optional elements: no such complexType in our WSDL',
    ]);

    check(
      'service port renamed',
      mutate(ourText, '<service name="IpsApiService">', 'name="IpsApiSoapPort"', 'name="IpsApiPort"'),
      ["service IpsApiService port IpsApiPort: no port named 'IpsApiPort' in reference"],
    );
  });
});
