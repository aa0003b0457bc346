/**
 * Our hand-written WSDL subset (src/ips/wsdl/ips-jobs.wsdl) must match the
 * reference IPS 2014-04-03 WSDL for everything it declares: names, child
 * order, resolved types, occurrences, nillable, namespaces, message parts,
 * portType messages, soapAction, header/body/fault bindings. The only allowed
 * differences are the documented xsd:anyType simplifications below.
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
  operationNames,
  parseWsdl,
  type WsdlModel,
} from './wsdl-compare.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUR_WSDL = path.join(REPO_ROOT, 'src/ips/wsdl/ips-jobs.wsdl');
const REFERENCE_WSDL = path.resolve(
  REPO_ROOT,
  process.env['IPS_REFERENCE_WSDL'] || '../shared/ips/wsdl/IpsApi-2014-04-03.wsdl',
);

/** The 12 operations of the job monitor — no more, no less. */
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
];

/** Documented simplifications (see the header comment of ips-jobs.wsdl). */
const SIMPLIFICATIONS: readonly AnyTypeSimplification[] = [
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
];

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

const ACTIVE_JOB = '<complexType name="ActiveJob">';

/** Swap ActiveJob's first two children (companyHandle, jobHandle). */
function swapActiveJobChildren(text: string): string {
  const a = '<element name="companyHandle" type="xsd:string" />';
  const b = '<element name="jobHandle" type="xsd:string" />';
  const t = mutate(text, ACTIVE_JOB, a, '@@A@@');
  return mutate(mutate(t, ACTIVE_JOB, b, a), ACTIVE_JOB, '@@A@@', b);
}
const makeLocaleRequired = (text: string) =>
  mutate(text, ACTIVE_JOB, '<element name="locale" type="xsd:string" minOccurs="0" />', '<element name="locale" type="xsd:string" />');
const triggerTimeAsString = (text: string) =>
  mutate(text, ACTIVE_JOB, '<element name="triggerTime" type="xsd:dateTime" />', '<element name="triggerTime" type="xsd:string" />');

const EXPECTED_COMBINED = [
  "complexType ActiveJob: child 1 is 'jobHandle', reference has 'companyHandle'",
  "complexType ActiveJob: child 2 is 'companyHandle', reference has 'jobHandle'",
  "complexType ActiveJob: child 8 'locale' minOccurs 1 ≠ reference 0",
  "complexType ActiveJob: child 12 'triggerTime' type xsd:string ≠ reference xsd:dateTime",
];

describe('ips-jobs.wsdl', () => {
  it('declares exactly the 12 job-monitor operations, SOAP 1.1 only', () => {
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
  });

  it('the comparer reports each mutation of our WSDL', () => {
    // Baseline: our WSDL with the documented simplifications undone stands in
    // for the reference, so this test needs no external file.
    let baselineText = ourText;
    for (const s of SIMPLIFICATIONS) {
      baselineText = mutate(
        baselineText,
        `<complexType name="${s.owner}">`,
        `<element name="${s.element}" type="xsd:anyType"`,
        `<element name="${s.element}" type="types:${s.referenceType}"`,
      );
    }
    const baseline = parseWsdl(baselineText);
    const ours = parseWsdl(ourText);
    expect(compareWsdl(ours, baseline, COMPARE_OPTIONS), 'baseline').toEqual([]);
    // Without the documented list, the simplifications themselves are reported.
    expect(compareWsdl(ours, baseline, { ignoreServiceKeys: COMPARE_OPTIONS.ignoreServiceKeys })).toHaveLength(
      SIMPLIFICATIONS.length,
    );

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
      'service port renamed',
      mutate(ourText, '<service name="IpsApiService">', 'name="IpsApiSoapPort"', 'name="IpsApiPort"'),
      ["service IpsApiService port IpsApiPort: no port named 'IpsApiPort' in reference"],
    );
  });
});
