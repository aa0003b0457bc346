// A response that breaks the 2014-04-03 schema (a required field missing, a value of the wrong type, an
// element the schema does not have) still gives the job with what is known, and each problem is reported.
import { afterEach, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { envelope, startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
let server: CaptureServer | undefined;
let client: IpsClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function answering(body: string): Promise<{ ips: IpsClient; problems: string[] }> {
  const problems: string[] = [];
  server = await startCaptureServer(() => ({ body }));
  client = await createIpsClient({
    endpoint: server.url,
    username: 'u@example.com',
    password: 'pw',
    appVersion: '1.0.0',
    onSchemaProblem: (operation, path, problem) => problems.push(`${operation}: ${path}: ${problem}`),
  });
  return { ips: client, problems };
}

const returnOf = (operation: string, inner: string) =>
  envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}">${inner}</ns1:${operation}Return>`);

/** Every field ActiveJob requires, then `extra` (which may repeat or replace some: node-soap keeps the last). */
function activeJobXml(fields: Record<string, string>): string {
  const all: Record<string, string> = {
    companyHandle: 'c|1',
    jobHandle: 'j|1',
    name: 'Spring',
    originalName: 'Spring',
    type: 'ImageServingPublish',
    state: 'Running',
    submitUserEmail: 'a@example.com',
    serverName: 'sj1',
    startDate: '2026-11-28T09:00:00-08:00',
    triggerTime: '2026-11-28T09:00:00-08:00',
    totalSize: '10',
    progress: '42',
    progressMessage: 'working',
    lastProgressUpdate: '2026-11-28T09:01:00-08:00',
    taskProgressArray: '',
    ...fields,
  };
  return Object.entries(all)
    .filter(([, value]) => value !== '\u0000')
    .map(([key, value]) => `<ns1:${key}>${value}</ns1:${key}>`)
    .join('');
}

const MISSING = '\u0000';

describe('getActiveJobs with schema problems', () => {
  it('a complete job reports nothing', async () => {
    const { ips, problems } = await answering(returnOf('getActiveJobs', `<ns1:jobArray><ns1:items>${activeJobXml({})}</ns1:items></ns1:jobArray>`));
    const [job] = await ips.getActiveJobs();
    expect(job).toMatchObject({ jobHandle: 'j|1', progress: 42, totalSize: 10 });
    expect(problems).toEqual([]);
  });

  it('a missing required field, a mistyped int, a bad date and an unknown element: the job is kept with what is known', async () => {
    const { ips, problems } = await answering(
      returnOf(
        'getActiveJobs',
        `<ns1:jobArray><ns1:items>${activeJobXml({})}</ns1:items><ns1:items>${activeJobXml({
          jobHandle: MISSING,
          progress: 'lots',
          totalSize: '12abc',
          startDate: 'yesterday',
          colour: 'blue',
        })}</ns1:items></ns1:jobArray>`,
      ),
    );
    const jobs = await ips.getActiveJobs();
    expect(jobs).toHaveLength(2);
    const odd = jobs[1]!;
    expect(odd.name).toBe('Spring');
    expect(odd.jobHandle).toBeUndefined();
    // A mistyped int is absent (node-soap alone would have read "12abc" as 12).
    expect(odd.progress).toBeUndefined();
    expect(odd.totalSize).toBeUndefined();
    // A mistyped date stays the server's text: json shows what was sent, tables show `-`.
    expect(odd.startDate).toBe('yesterday');
    expect(odd).not.toHaveProperty('colour');
    expect(problems).toEqual(
      expect.arrayContaining([
        'getActiveJobs: jobArray.items[1].jobHandle: missing (required by the schema)',
        'getActiveJobs: jobArray.items[1].progress: expected an int, got "lots"',
        'getActiveJobs: jobArray.items[1].totalSize: expected an int, got "12abc"',
        'getActiveJobs: jobArray.items[1].startDate: expected a dateTime, got "yesterday"',
        'getActiveJobs: jobArray.items[1].colour: an element the 2014-04-03 schema does not have (ignored)',
      ]),
    );
    expect(problems.filter((p) => p.includes('items[0]'))).toEqual([]);
  });

  it('text beside child elements is ignored and reported; the job is kept', async () => {
    const { ips, problems } = await answering(
      returnOf('getActiveJobs', `<ns1:jobArray><ns1:items>stray text${activeJobXml({})}</ns1:items></ns1:jobArray>`),
    );
    const [job] = await ips.getActiveJobs();
    expect(job).toMatchObject({ jobHandle: 'j|1', progress: 42 });
    expect(problems).toEqual(['getActiveJobs: jobArray.items: text mixed with child elements (the text is ignored)']);
  });

  it('a decimal in an int field is kept as that number and reported', async () => {
    const { ips, problems } = await answering(
      returnOf('getActiveJobs', `<ns1:jobArray><ns1:items>${activeJobXml({ progress: '42.5' })}</ns1:items></ns1:jobArray>`),
    );
    const [job] = await ips.getActiveJobs();
    expect(job?.progress).toBe(42.5);
    expect(problems).toEqual(['getActiveJobs: jobArray.items[0].progress: expected an int, got "42.5" (kept as 42.5)']);
  });

  it('unknown states and job types are kept as they are, without a problem', async () => {
    const { ips, problems } = await answering(
      returnOf('getActiveJobs', `<ns1:jobArray><ns1:items>${activeJobXml({ state: 'Hibernating', type: 'QuantumPublish' })}</ns1:items></ns1:jobArray>`),
    );
    const [job] = await ips.getActiveJobs();
    expect(job).toMatchObject({ state: 'Hibernating', type: 'QuantumPublish' });
    expect(problems).toEqual([]);
  });
});

describe('getJobLogs with schema problems', () => {
  it('a boolean that is not one: absent and reported (node-soap alone reads "yes" as false)', async () => {
    const log =
      '<ns1:companyHandle>c|1</ns1:companyHandle><ns1:jobHandle>j|1</ns1:jobHandle><ns1:jobName>Spring</ns1:jobName>' +
      '<ns1:submitUserEmail>a@example.com</ns1:submitUserEmail><ns1:logType>ImageServingPublishSuccess</ns1:logType>' +
      '<ns1:fileSuccessCount>3</ns1:fileSuccessCount><ns1:fileErrorCount>0</ns1:fileErrorCount><ns1:fileWarningCount>0</ns1:fileWarningCount>' +
      '<ns1:fileDuplicateCount>0</ns1:fileDuplicateCount><ns1:fileUpdateCount>0</ns1:fileUpdateCount><ns1:totalFileCount>3</ns1:totalFileCount>' +
      '<ns1:fatalError>yes</ns1:fatalError>';
    const { ips, problems } = await answering(returnOf('getJobLogs', `<ns1:jobLogArray><ns1:items>${log}</ns1:items></ns1:jobLogArray>`));
    const [entry] = await ips.getJobLogs();
    expect(entry?.fatalError).toBeUndefined();
    expect(entry?.fileSuccessCount).toBe(3);
    expect(problems).toEqual(['getJobLogs: jobLogArray.items[0].fatalError: expected a boolean, got "yes"']);
  });

  it('Adobe\'s own sample (no originalJobName, jobSubType, description or transfer counts) reports nothing', async () => {
    const sample =
      '<ns1:companyHandle>47</ns1:companyHandle><ns1:jobHandle>47||Add_2007-09-14-15:04:34</ns1:jobHandle><ns1:jobName>Add_2007-09-14-15:04:34</ns1:jobName>' +
      '<ns1:submitUserEmail>kmagnusson@adobe.com</ns1:submitUserEmail><ns1:logType>BeginUpload</ns1:logType>' +
      '<ns1:startDate>2007-09-14T22:04:58.536-07:00</ns1:startDate><ns1:fileSuccessCount>2</ns1:fileSuccessCount>' +
      '<ns1:fileErrorCount>0</ns1:fileErrorCount><ns1:fileWarningCount>205</ns1:fileWarningCount><ns1:fileDuplicateCount>0</ns1:fileDuplicateCount>' +
      '<ns1:fileUpdateCount>0</ns1:fileUpdateCount><ns1:totalFileCount>0</ns1:totalFileCount><ns1:fatalError>false</ns1:fatalError>';
    const { ips, problems } = await answering(returnOf('getJobLogs', `<ns1:jobLogArray><ns1:items>${sample}</ns1:items></ns1:jobLogArray>`));
    const [entry] = await ips.getJobLogs();
    expect(entry).toMatchObject({ jobName: 'Add_2007-09-14-15:04:34', fileWarningCount: 205, fatalError: false });
    expect(problems).toEqual([]);
  });
});

describe('without a sink', () => {
  it('the same odd answer normalises the same, silently', async () => {
    server = await startCaptureServer(() => ({
      body: returnOf('getActiveJobs', `<ns1:jobArray><ns1:items>${activeJobXml({ progress: 'lots', jobHandle: MISSING })}</ns1:items></ns1:jobArray>`),
    }));
    client = await createIpsClient({ endpoint: server.url, username: 'u@example.com', password: 'pw', appVersion: '1.0.0' });
    const [job] = await client.getActiveJobs();
    expect(job).toMatchObject({ name: 'Spring', state: 'Running' });
    expect(job?.progress).toBeUndefined();
  });
});
