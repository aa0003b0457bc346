// Golden tests: the exact request XML of every operation — envelope, authHeader (namespace and field
// order), qualified body, element order. The emulator ignores namespaces, so these are what catch them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpsClient, type IpsClient } from '../../src/ips/client.js';
import { envelope, startCaptureServer, type CaptureServer } from '../helpers/capture-server.js';

const TYPES = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"  ' +
  'xmlns:tns="http://www.scene7.com/IpsApi" xmlns:types="http://www.scene7.com/IpsApi/xsd/2014-04-03" ' +
  'xmlns:hdr="http://www.scene7.com/IpsApi/xsd/2014-04-03" xmlns:flt="http://www.scene7.com/IpsApi/xsd">';

const AUTH_HEADER =
  '<soap:Header>' +
  `<authHeader xmlns="${TYPES}">` +
  '<user>ops@example.com</user><password>s3cret&amp;&lt;x&gt;</password><locale>en-US</locale>' +
  '<appName>ips-jobs</appName><appVersion>9.9.9</appVersion><gzipResponse>true</gzipResponse>' +
  '</authHeader></soap:Header>';

/** The body element `types:<op>Param` with qualified children, as IPS's document/literal binding wants. */
function expected(operation: string, children: string): string {
  const open = `<types:${operation}Param xmlns:types="${TYPES}" xmlns="${TYPES}">`;
  return `${ENVELOPE_OPEN}${AUTH_HEADER}<soap:Body>${open}${children}</types:${operation}Param></soap:Body></soap:Envelope>`;
}

let server: CaptureServer;
let client: IpsClient;

beforeAll(async () => {
  server = await startCaptureServer((request) => {
    const operation = String(request.headers.soapaction).replaceAll('"', '');
    // submitJob's answer must carry the new job's handle; the others may be empty.
    const content = operation === 'submitJob' ? '<ns1:jobHandle>j|1001||Feed|1</ns1:jobHandle>' : '';
    return { body: envelope(`<ns1:${operation}Return xmlns:ns1="${TYPES}">${content}</ns1:${operation}Return>`) };
  });
  client = await createIpsClient({
    endpoint: server.url,
    username: 'ops@example.com',
    password: 's3cret&<x>',
    appVersion: '9.9.9',
  });
});

afterAll(async () => {
  client.close();
  await server.close();
});

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error('no request captured');
  return request;
}

const cases: Array<{ operation: string; call: (c: IpsClient) => Promise<unknown>; body: string }> = [
  {
    operation: 'getActiveJobs',
    call: (c) => c.getActiveJobs({ companyHandle: 'c|1001', jobHandle: 'j|1', originalName: 'Spring', includeWaitingJobs: true }),
    body:
      '<types:companyHandle>c|1001</types:companyHandle><types:jobHandle>j|1</types:jobHandle>' +
      '<types:originalName>Spring</types:originalName><types:includeWaitingJobs>true</types:includeWaitingJobs>',
  },
  {
    operation: 'getJobLogs',
    call: (c) =>
      c.getJobLogs({
        companyHandle: 'c|1001',
        userHandle: 'u|7',
        sortBy: 'StartDate',
        sortDirection: 'Descending',
        startDate: '2026-11-27T09:00:00.000-08:00',
        endDate: '2026-11-28T09:00:00.000-08:00',
        numRows: 200,
      }),
    body:
      '<types:companyHandle>c|1001</types:companyHandle><types:userHandle>u|7</types:userHandle>' +
      '<types:sortBy>StartDate</types:sortBy><types:sortDirection>Descending</types:sortDirection>' +
      '<types:startDate>2026-11-27T09:00:00.000-08:00</types:startDate><types:endDate>2026-11-28T09:00:00.000-08:00</types:endDate>' +
      '<types:numRows>200</types:numRows>',
  },
  {
    operation: 'getJobLogDetails',
    call: (c) =>
      c.getJobLogDetails({
        companyHandle: 'c|1001',
        jobHandle: 'j|1',
        logTypeArray: ['UploadError', 'FatalError'],
        recordsPerPage: 1000,
        resultsPage: 2,
        sortBy: 'Date',
        sortDirection: 'Ascending',
      }),
    body:
      '<types:companyHandle>c|1001</types:companyHandle><types:jobHandle>j|1</types:jobHandle>' +
      '<types:logTypeArray><types:items>UploadError</types:items><types:items>FatalError</types:items></types:logTypeArray>' +
      '<types:recordsPerPage>1000</types:recordsPerPage><types:resultsPage>2</types:resultsPage>' +
      '<types:sortBy>Date</types:sortBy><types:sortDirection>Ascending</types:sortDirection>',
  },
  {
    operation: 'getScheduledJobs',
    call: (c) => c.getScheduledJobs({ companyHandle: 'c|1001', originalName: 'Nightly' }),
    body: '<types:companyHandle>c|1001</types:companyHandle><types:originalName>Nightly</types:originalName>',
  },
  ...(['stopJob', 'pauseJob', 'resumeJob', 'deleteJob', 'executeJob'] as const).map((operation) => ({
    operation,
    call: (c: IpsClient) => c[operation]({ companyHandle: 'c|1001', jobHandle: 'j|1001||Spring Publish|54091' }),
    body: '<types:companyHandle>c|1001</types:companyHandle><types:jobHandle>j|1001||Spring Publish|54091</types:jobHandle>',
  })),
  {
    operation: 'getCompanyInfo',
    call: (c) => c.getCompanyInfo({ companyName: 'Kestrel & Co' }),
    body: '<types:companyName>Kestrel &amp; Co</types:companyName>',
  },
  {
    operation: 'getCompanyMembership',
    call: (c) => c.getCompanyMembership({ userHandle: 'u|7' }),
    body: '<types:userHandle>u|7</types:userHandle>',
  },
  {
    operation: 'submitJob',
    call: (c) =>
      c.submitJob({
        companyHandle: 'c|1001',
        jobName: 'Feed & more',
        execTime: '2026-11-28T22:30:00.000-08:00',
        description: 'Nightly',
        uploadUrlsJob: {
          urlArray: [
            { sourceUrl: 'https://cdn.example/a.jpg?w=1&h=2', destPath: 'feed/a.jpg' },
            { sourceUrl: 'https://cdn.example/b.jpg', destPath: 'feed/b.jpg' },
          ],
          overwrite: true,
          readyForPublish: false,
          createMask: false,
          emailSetting: 'Error',
          postImageServingPublishJob: { publishType: 'Incremental', emailSetting: 'None' },
        },
      }),
    body:
      '<types:companyHandle>c|1001</types:companyHandle><types:jobName>Feed &amp; more</types:jobName>' +
      '<types:execTime>2026-11-28T22:30:00.000-08:00</types:execTime><types:description>Nightly</types:description>' +
      '<types:uploadUrlsJob><types:urlArray>' +
      '<types:items><types:sourceUrl>https://cdn.example/a.jpg?w=1&amp;h=2</types:sourceUrl><types:destPath>feed/a.jpg</types:destPath></types:items>' +
      '<types:items><types:sourceUrl>https://cdn.example/b.jpg</types:sourceUrl><types:destPath>feed/b.jpg</types:destPath></types:items>' +
      '</types:urlArray><types:overwrite>true</types:overwrite><types:readyForPublish>false</types:readyForPublish>' +
      '<types:createMask>false</types:createMask><types:emailSetting>Error</types:emailSetting>' +
      '<types:postImageServingPublishJob><types:publishType>Incremental</types:publishType><types:emailSetting>None</types:emailSetting></types:postImageServingPublishJob>' +
      '</types:uploadUrlsJob>',
  },
  {
    operation: 'checkLogin',
    call: (c) => c.checkLogin({ companyHandle: 'c|1001', email: 'ops@example.com', password: 'pw' }),
    body:
      '<types:companyHandle>c|1001</types:companyHandle><types:email>ops@example.com</types:email>' +
      '<types:password>pw</types:password>',
  },
];

describe('request XML of every operation', () => {
  it.each(cases)('$operation', async ({ operation, call, body }) => {
    await call(client);
    const request = lastRequest();
    expect(request.body).toBe(expected(operation, body));
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/scene7/services/IpsApiService');
    expect(request.headers.soapaction).toBe(`"${operation}"`);
    expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(request.headers['accept-encoding']).toContain('gzip');
  });

  it('leaves unset optional fields out rather than sending empty elements', async () => {
    await client.getActiveJobs({ companyHandle: 'c|1001' });
    expect(lastRequest().body).toBe(expected('getActiveJobs', '<types:companyHandle>c|1001</types:companyHandle>'));
  });

  it('covers all thirteen operations of our WSDL', () => {
    expect(new Set(cases.map((c) => c.operation)).size).toBe(13);
  });
});
