// Our request writer against node-soap's, the oracle: for every operation of our WSDL, over generated inputs
// (each field present or absent, text with markup characters, non-ASCII and empty strings, arrays of 0 to 4
// items), the two envelopes are the same XML to the byte, and so the same in canonical form with the order
// of elements exactly. The shapes of the inputs come from node-soap's reading of the WSDL, not from ours.
// submitJob, besides, through the client (submitJobRequest) for each kind of job ips-jobs submits.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaderXml } from '../../src/ips/auth-header.js';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { redactXml } from '../../src/ips/redact.js';
import { requestWriter } from '../../src/ips/request-writer.js';
import type { SubmitJobInput } from '../../src/ips/types.js';
import { WSDL_DESCRIPTION } from '../../src/ips/wsdl-description.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS } from '../fuzz/arbitraries.js';
import { nodeSoapOperations, nodeSoapRequest } from '../helpers/node-soap-writer.js';

const writer = requestWriter();
const header = authHeaderXml({ user: 'ops@example.com', password: 'p&<"\'>w', locale: 'en-US', appName: 'ips-jobs', appVersion: '1.0.0', gzipResponse: true });

/** Text as users and servers give it: markup characters, non-ASCII (accents, CJK, emoji), empty, whitespace. */
const text = fc.oneof(
  fc.constantFrom('', ' ', '&', '<', '>', '"', "'", '&amp;', '<b>x</b>', 'Spring & "Summer" <Sale>', 'Gräfin Café', '東京 ジョブ', '🚀 publish', ' padded ', 'a\tb\nc'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', 'Z', '&', '<', '>', '"', "'", ' ', 'é', '中', '😀', ';', '#', '\u001b', '\u0000'), maxLength: 20 }),
);

/** node-soap sends a string shaped like a CDATA section unescaped; our writer escapes it (a test below). */
const looksLikeCdata = (value: unknown): boolean => typeof value === 'string' && value.startsWith('<![CDATA[') && value.endsWith(']]>');

type Shape = string | Record<string, unknown>;

/** Values for one field of node-soap's described input shape; every field may be left out. */
function arbitraryFor(shape: Shape): fc.Arbitrary<unknown> {
  if (typeof shape === 'string') {
    if (shape === 'xsd:int') return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    if (shape === 'xsd:boolean') return fc.boolean();
    if (shape === 'xsd:string' || shape === 'xsd:dateTime') return text.filter((value) => !looksLikeCdata(value));
    throw new Error(`no arbitrary for ${shape}`);
  }
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(shape)) {
    if (key === 'targetNSAlias' || key === 'targetNamespace') continue;
    // submitJob's job details that ips-jobs never sends: the writer refuses them (a test below).
    if (value === 'xsd:anyType') continue;
    if (key.endsWith('[]')) fields[key.slice(0, -2)] = fc.array(arbitraryFor(value as Shape), { maxLength: 4 });
    else fields[key] = arbitraryFor(value as Shape);
  }
  return fc.record(fields, { requiredKeys: [] });
}

let operations: Record<string, { input: Record<string, unknown> }>;

beforeAll(async () => {
  operations = await nodeSoapOperations();
});

describe('our request writer writes what node-soap writes', () => {
  it('knows the same thirteen operations node-soap reads from the WSDL', () => {
    expect(Object.keys(WSDL_DESCRIPTION.operations).sort()).toEqual(Object.keys(operations).sort());
    expect(Object.keys(operations)).toHaveLength(13);
  });

  it.each(Object.keys(WSDL_DESCRIPTION.operations))('%s', async (operation) => {
    await fc.assert(
      fc.asyncProperty(arbitraryFor(operations[operation]!.input) as fc.Arbitrary<Record<string, unknown>>, async (body) => {
        const ours = writer.write(operation, body, header);
        const theirs = await nodeSoapRequest(operation, body, header);
        expect(ours.xml).toBe(theirs.xml);
        expect(ours.soapAction).toBe(theirs.headers.SOAPAction);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);

  it('writes schema order whatever order the fields come in (node-soap writes them as given)', async () => {
    const body = { sortDirection: 'Ascending', logTypeArray: { items: ['FatalError'] }, jobHandle: 'j|1', companyHandle: 'c|1' };
    const inSchemaOrder = { companyHandle: 'c|1', jobHandle: 'j|1', logTypeArray: { items: ['FatalError'] }, sortDirection: 'Ascending' };
    expect(writer.write('getJobLogDetails', body, header).xml).toBe((await nodeSoapRequest('getJobLogDetails', inSchemaOrder, header)).xml);
  });
});

describe('where our writer refuses or differs on purpose', () => {
  it('escapes a string shaped like a CDATA section (node-soap sent it raw, so a job name could inject elements)', async () => {
    const name = '<![CDATA[x]]><types:jobHandle>j|other</types:jobHandle><![CDATA[]]>';
    const ours = writer.write('getActiveJobs', { companyHandle: 'c|1', originalName: name }, header).xml;
    expect(ours).toContain('<types:originalName>&lt;![CDATA[x]]&gt;&lt;types:jobHandle&gt;');
    expect(ours).not.toContain('<types:jobHandle>');
    expect((await nodeSoapRequest('getActiveJobs', { companyHandle: 'c|1', originalName: name }, header)).xml).toContain('<types:jobHandle>j|other');
  });

  it('passes control characters through as node-soap did: a handle a server sent comes back to it unchanged', async () => {
    const handle = 'j|1\u001b[2Jx';
    const body = { companyHandle: 'c|1', jobHandle: handle };
    expect(writer.write('stopJob', body, header).xml).toBe((await nodeSoapRequest('stopJob', body, header)).xml);
  });

  it('refuses a field the WSDL does not have, a value of the wrong shape and an unknown operation', () => {
    expect(() => writer.write('getActiveJobs', { companyHandel: 'c|1' }, header)).toThrow('getActiveJobs has no field companyHandel in the WSDL');
    expect(() => writer.write('getJobLogs', { numRows: Number.NaN }, header)).toThrow('getJobLogs.numRows must be a string, a finite number or a boolean');
    expect(() => writer.write('getJobLogDetails', { logTypeArray: { items: 'FatalError' } }, header)).toThrow('getJobLogDetails.logTypeArray.items must be an array');
    expect(() => writer.write('getJobLogDetails', { logTypeArray: ['FatalError'] }, header)).toThrow('getJobLogDetails.logTypeArray must be an object');
    expect(() => writer.write('uploadPost', {}, header)).toThrow('no operation uploadPost in the WSDL');
  });

  it('refuses the job details typed xsd:anyType in our WSDL (ips-jobs submits none of them)', () => {
    const body = { companyHandle: 'c|1', jobName: 'Rip', ripPdfsJob: { emailSetting: 'None' } };
    expect(() => writer.write('submitJob', body, header)).toThrow('submitJob.ripPdfsJob is typed xsd:anyType: the writer cannot know its shape');
  });

  it('sends tab, line feed and carriage return as character references, so a parser cannot normalise them away', () => {
    expect(writer.write('getActiveJobs', { originalName: 'a\tb\nc\rd' }, header).xml).toContain('<types:originalName>a&#x9;b&#xA;c&#xD;d</types:originalName>');
  });
});

describe('submitJob through the client: what submitJobRequest shows is what node-soap writes', () => {
  const PASSWORD = 'p&<"\'>w';
  let client: IpsClient;

  beforeAll(async () => {
    // Never connects: submitJobRequest sends nothing.
    client = await createIpsClient({ endpoint: 'https://ips.example/scene7/services/IpsApiService', username: 'ops@example.com', password: PASSWORD, appVersion: '1.0.0' });
  });

  afterAll(() => client.close());

  /** node-soap's envelope for the same body in the WSDL's own shape, with the client's authHeader, masked as the trace masks it. */
  async function oracle(body: Record<string, unknown>): Promise<string> {
    const clientHeader = authHeaderXml({ user: 'ops@example.com', password: PASSWORD, locale: 'en-US', appName: 'ips-jobs', appVersion: '1.0.0', gzipResponse: true });
    return redactXml((await nodeSoapRequest('submitJob', body, clientHeader)).xml, [PASSWORD]);
  }

  const base = { companyHandle: 'c|1001', jobName: 'Spring & "Summer" <Sale>' };
  const urls = [
    { sourceUrl: 'https://cdn.example/a.jpg?w=1&h=2', destPath: 'spring/a.jpg' },
    { sourceUrl: 'https://cdn.example/b.tif', destPath: 'spring/Gräfin b.tif' },
    { sourceUrl: 'https://cdn.example/c.png', destPath: 'spring/東京 c.png' },
  ];
  const cases: Array<{ name: string; input: SubmitJobInput; wsdlBody: Record<string, unknown> }> = [
    {
      name: 'an image serving publish, with its publishType',
      input: { ...base, imageServingPublishJob: { publishType: 'FullWithSearch', emailSetting: 'ErrorAndWarning' } },
      wsdlBody: { ...base, imageServingPublishJob: { publishType: 'FullWithSearch', emailSetting: 'ErrorAndWarning' } },
    },
    {
      name: 'an image rendering publish, with a completion URL and a context handle',
      input: { ...base, imageRenderingPublishJob: { emailSetting: 'All', httpCompletionUrl: 'https://hooks.example/done?a=1&b=2', contextHandle: 'ctx|1' } },
      wsdlBody: { ...base, imageRenderingPublishJob: { emailSetting: 'All', httpCompletionUrl: 'https://hooks.example/done?a=1&b=2', contextHandle: 'ctx|1' } },
    },
    {
      name: 'a video publish',
      input: { ...base, videoPublishJob: { emailSetting: 'None' } },
      wsdlBody: { ...base, videoPublishJob: { emailSetting: 'None' } },
    },
    {
      name: 'an upload from 3 URLs with an image serving publish after it',
      input: {
        ...base,
        uploadUrlsJob: { urlArray: urls, overwrite: true, readyForPublish: false, createMask: false, emailSetting: 'Error', postImageServingPublishJob: { publishType: 'Incremental', emailSetting: 'JobCompletion' } },
      },
      wsdlBody: {
        ...base,
        uploadUrlsJob: {
          urlArray: { items: urls },
          overwrite: true,
          readyForPublish: false,
          createMask: false,
          emailSetting: 'Error',
          postImageServingPublishJob: { publishType: 'Incremental', emailSetting: 'JobCompletion' },
        },
      },
    },
    {
      name: 'an upload from URLs with a video publish after it, fields given out of schema order',
      input: {
        uploadUrlsJob: { postVideoPublishJob: { emailSetting: 'Error' }, emailSetting: 'None', createMask: true, readyForPublish: true, overwrite: false, urlArray: urls.slice(0, 1) },
        jobName: 'Video feed',
        companyHandle: 'c|1001',
      },
      wsdlBody: {
        companyHandle: 'c|1001',
        jobName: 'Video feed',
        uploadUrlsJob: { urlArray: { items: urls.slice(0, 1) }, overwrite: false, readyForPublish: true, createMask: true, emailSetting: 'None', postVideoPublishJob: { emailSetting: 'Error' } },
      },
    },
    {
      name: 'at a time, for another user, in a locale, with a description',
      input: { ...base, userHandle: 'u|7', locale: 'de-DE', execTime: '2026-11-28T22:30:00.000-08:00', description: 'Nightly <full> publish & more', imageServingPublishJob: { publishType: 'Full', emailSetting: 'Error' } },
      // node-soap writes fields in the order given: schema order here.
      wsdlBody: { companyHandle: base.companyHandle, userHandle: 'u|7', jobName: base.jobName, locale: 'de-DE', execTime: '2026-11-28T22:30:00.000-08:00', description: 'Nightly <full> publish & more', imageServingPublishJob: { publishType: 'Full', emailSetting: 'Error' } },
    },
    {
      name: 'on a schedule, with a description',
      input: { ...base, execSchedule: '00 30 22 * * ', description: 'Every night', videoPublishJob: { emailSetting: 'JobCompletion' } },
      wsdlBody: { ...base, execSchedule: '00 30 22 * * ', description: 'Every night', videoPublishJob: { emailSetting: 'JobCompletion' } },
    },
  ];

  it.each(cases)('$name', async ({ input, wsdlBody }) => {
    const ours = client.submitJobRequest(input);
    expect(ours).toBe(await oracle(wsdlBody));
    expect(ours).not.toContain('p&amp;');
    expect(ours).toContain('<password>********</password>');
  });

  it('an upload with no URLs sends an empty urlArray, as node-soap does', async () => {
    const input: SubmitJobInput = { ...base, uploadUrlsJob: { urlArray: [], overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'None' } };
    const wsdlBody = { ...base, uploadUrlsJob: { urlArray: { items: [] }, overwrite: true, readyForPublish: true, createMask: false, emailSetting: 'None' } };
    expect(client.submitJobRequest(input)).toBe(await oracle(wsdlBody));
  });
});
