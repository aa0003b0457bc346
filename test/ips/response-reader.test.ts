// Our reader of SOAP answers, case by case: the same objects as node-soap's reader (the oracle) for Adobe's
// sample answers and for the XML corners IPS can produce, and our own answer where the two differ on purpose.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envelope } from '../helpers/capture-server.js';
import { nodeSoapReading, ourReading, schema } from '../helpers/node-soap-reader.js';
import { requireSharedFile } from '../helpers/shared-files.js';
import * as normalise from '../../src/ips/normalise.js';
import { readSoapAnswer, XmlReadError } from '../../src/ips/response-reader.js';

const SAMPLES = new URL('../../../shared/ips/samples/', import.meta.url);
const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const wrap = (operation: string, inner: string, attributes = '') =>
  envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}"${attributes}>${inner}</ns1:${operation}Return>`);

const job = (fields: string) => `<ns1:jobArray><ns1:items>${fields}</ns1:items></ns1:jobArray>`;

async function expectSameReading(xml: string, operation: string) {
  const ours = ourReading(xml, operation);
  expect(ours).toEqual(await nodeSoapReading(xml, operation));
  return ours;
}

describe("Adobe's sample answers read as node-soap reads them", () => {
  it.for(['getActiveJobs', 'getScheduledJobs', 'getJobLogs', 'getJobLogDetails', 'getCompanyInfo', 'getCompanyMembership'])('%s', async (operation, ctx) => {
    const file = new URL(`${operation}.response.xml`, SAMPLES);
    requireSharedFile(ctx, file.pathname, "Adobe's sample answers come from ../shared/ips/samples beside the repository");
    // The samples elide repeats with a line of '...': documentation, not something IPS sends.
    const sample = readFileSync(file, 'utf8')
      .replace(/^<\?xml[^>]*>\s*/, '')
      .replace(/^\s*\.\.\.\s*$/gm, '');
    const reading = await expectSameReading(envelope(sample), operation);
    expect(reading).toMatchObject({ kind: 'return' });
  });
});

describe('XML corners, read as node-soap reads them', () => {
  it.each([
    ['one item is still an array', job('<ns1:name>a</ns1:name>')],
    ['an empty string element is "", an empty int element is null', job('<ns1:name/><ns1:progress></ns1:progress>')],
    ['text is trimmed; ints and doubles are numbers when valid, text when not', job('<ns1:name>  spaced  </ns1:name><ns1:progress> 42 </ns1:progress><ns1:totalSize>12abc</ns1:totalSize>')],
    ['entities and CDATA', job('<ns1:name>a &amp; b &lt;c&gt; &#x263A;</ns1:name><ns1:description><![CDATA[<raw> & text]]></ns1:description>')],
    ['xsi:nil leaves the element out', job(`<ns1:name xsi:nil="true" xmlns:xsi="${XSI}"/><ns1:locale>en</ns1:locale>`)],
    ['attributes sit beside the text', job('<ns1:name lang="en">a</ns1:name>')],
    ['a repeated single field becomes an array', job('<ns1:name>a</ns1:name><ns1:name>b</ns1:name>')],
    ['unknown elements are kept', job('<ns1:colour><ns1:r>1</ns1:r></ns1:colour>')],
    ['job-detail blocks (anyType) are read without types', job('<ns1:uploadDirectoryJob><ns1:destFolder>a/</ns1:destFolder><ns1:n>5</ns1:n><ns1:n>6</ns1:n></ns1:uploadDirectoryJob>')],
    ['an empty array', '<ns1:jobArray/>'],
  ])('%s', async (_what, inner) => {
    await expectSameReading(wrap('getActiveJobs', inner), 'getActiveJobs');
  });

  it('task progress nests three levels of arrays', async () => {
    const task = '<ns1:items><ns1:taskType>Upload</ns1:taskType><ns1:numPending>3</ns1:numPending><ns1:taskItemProgressArray><ns1:items><ns1:itemName>a.jpg</ns1:itemName><ns1:progress>0.5</ns1:progress></ns1:items></ns1:taskItemProgressArray></ns1:items>';
    const reading = await expectSameReading(wrap('getActiveJobs', job(`<ns1:taskProgressArray>${task}</ns1:taskProgressArray>`)), 'getActiveJobs');
    expect(reading).toEqual({
      kind: 'return',
      value: {
        jobArray: {
          items: [{ taskProgressArray: { items: [{ taskType: 'Upload', numPending: 3, taskItemProgressArray: { items: [{ itemName: 'a.jpg', progress: 0.5 }] } }] } }],
        },
      },
      mixedContent: [],
    });
  });

  it('a SOAP header is read past', async () => {
    const xml = envelope(`<ns1:checkLoginReturn xmlns:ns1="${TYPES}"><ns1:status>Success</ns1:status></ns1:checkLoginReturn>`).replace('<soapenv:Body>', '<soapenv:Header><x:h xmlns:x="urn:x">1</x:h></soapenv:Header><soapenv:Body>');
    expect(await expectSameReading(xml, 'checkLogin')).toEqual({ kind: 'return', value: { status: 'Success' }, mixedContent: [] });
  });

  it('an empty return element', async () => {
    expect(await expectSameReading(envelope(`<ns1:stopJobReturn xmlns:ns1="${TYPES}"/>`), 'stopJob')).toEqual({ kind: 'return', value: {}, mixedContent: [] });
  });

  it('a SOAP fault with an IPS fault element in its detail', async () => {
    const xml = envelope(
      '<soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>x</faultstring><detail><ns2:authenticationFault xmlns:ns2="http://www.scene7.com/IpsApi/xsd"><ns2:code>10001</ns2:code><ns2:reason>Invalid username/password</ns2:reason></ns2:authenticationFault></detail></soapenv:Fault>',
    );
    const reading = await expectSameReading(xml, 'getActiveJobs');
    expect(reading).toMatchObject({ kind: 'fault', fault: { detail: { authenticationFault: { code: '10001', reason: 'Invalid username/password' } } } });
  });

  it('a bare fault element instead of an envelope', async () => {
    const xml = '<ns2:ipsApiFault xmlns:ns2="http://www.scene7.com/IpsApi/xsd"><ns2:code>30000</ns2:code><ns2:reason>r</ns2:reason></ns2:ipsApiFault>';
    expect(ourReading(xml, 'getActiveJobs')).toEqual({ kind: 'bare', root: { ipsApiFault: { code: '30000', reason: 'r' } } });
  });

});

describe('hostile element names', () => {
  it('an element named __proto__ is an own field, never the prototype of the record', () => {
    const reading = ourReading(wrap('getActiveJobs', job('<ns1:__proto__><ns1:jobHandle>forged</ns1:jobHandle></ns1:__proto__><ns1:name>a</ns1:name>')), 'getActiveJobs');
    const item = (reading as unknown as { value: { jobArray: { items: Array<Record<string, unknown>> } } }).value.jobArray.items[0]!;
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.keys(item)).toEqual(['__proto__', 'name']);
    expect(item.jobHandle).toBeUndefined();
  });

  it('and stays an own field in a job-detail block through normalisation', () => {
    const reading = ourReading(wrap('getActiveJobs', job('<ns1:uploadDirectoryJob><ns1:__proto__><ns1:x>1</ns1:x></ns1:__proto__></ns1:uploadDirectoryJob>')), 'getActiveJobs');
    const [active] = normalise.items((reading as unknown as { value: Record<string, unknown> }).value.jobArray, normalise.activeJob);
    const detail = (active as unknown as Record<string, Record<string, unknown>>).uploadDirectoryJob!;
    expect(Object.getPrototypeOf(detail)).toBe(Object.prototype);
    expect(JSON.stringify(detail)).toBe('{"__proto__":{"x":"1"}}');
  });
});

describe('XML that is not well-formed', () => {
  const read = (xml: string) => {
    try {
      readSoapAnswer(xml, 'getActiveJobs', schema);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('a cut-off answer is truncated', () => {
    const xml = wrap('getActiveJobs', job('<ns1:name>a</ns1:name>'));
    const error = read(xml.slice(0, xml.length - 30));
    expect(error).toBeInstanceOf(XmlReadError);
    expect(error).toMatchObject({ truncated: true });
  });

  it('a mismatched tag is malformed, and names the problem', () => {
    const error = read(wrap('getActiveJobs', '<ns1:jobArray></ns1:items>'));
    expect(error).toBeInstanceOf(XmlReadError);
    expect(error).toMatchObject({ truncated: false });
    expect((error as Error).message).toMatch(/close tag/i);
  });

  it('an undeclared entity is refused, never expanded', () => {
    expect(read(wrap('getActiveJobs', job('<ns1:name>&name;</ns1:name>')))).toBeInstanceOf(XmlReadError);
  });
});

describe('where we differ from node-soap on purpose', () => {
  it('text mixed with child elements is ignored and its place listed: the children are kept (node-soap throws or drops them)', () => {
    const reading = ourReading(wrap('getActiveJobs', job('<ns1:name>stray<ns1:x>1</ns1:x></ns1:name>')), 'getActiveJobs');
    expect(reading).toEqual({ kind: 'return', value: { jobArray: { items: [{ name: { x: '1' } }] } }, mixedContent: ['jobArray.items.name'] });
  });

  it('an envelope whose body holds another element: no answer (node-soap throws while looking up its message)', async () => {
    const xml = envelope(`<ns1:somethingElse xmlns:ns1="${TYPES}"/>`);
    expect(ourReading(xml, 'getActiveJobs')).toEqual({ kind: 'none' });
    expect(await nodeSoapReading(xml, 'getActiveJobs')).toBe('error');
  });
});

describe('the schema map read from our WSDL', () => {
  it('knows the arrays and the simple types of a return element', () => {
    const jobArray = schema.element('getActiveJobsReturn')!.children.get('jobArray')!;
    expect(jobArray.array).toBe(false);
    const arrayType = schema.resolve(jobArray.type) as Exclude<ReturnType<typeof schema.resolve>, string | undefined>;
    const items = arrayType.children.get('items')!;
    expect(items.array).toBe(true);
    const activeJob = schema.resolve(items.type) as typeof arrayType;
    expect(schema.resolve(activeJob.children.get('progress')!.type)).toBe('int');
    expect(schema.resolve(activeJob.children.get('startDate')!.type)).toBe('dateTime');
    expect(schema.resolve(activeJob.children.get('uploadDirectoryJob')!.type)).toBeUndefined();
    expect(schema.element('nonsense')).toBeUndefined();
  });
});
