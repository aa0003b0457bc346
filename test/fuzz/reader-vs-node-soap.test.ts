// Property-based: our response reader against node-soap's on generated IPS answers — the same objects for
// every answer (values, arrays, empty elements, attributes). Broken bodies are not compared: node-soap's reader
// keeps state from one broken document to the next, so it is no oracle there; test/ips/xml-scan.test.ts and
// test/fuzz/client-xml.test.ts cover them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSoapReading, ourReading } from '../helpers/node-soap-reader.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, rawActiveJobArray, rawJobLogArray, rawMembershipArray, rawScheduledJobArray } from './arbitraries.js';
import { returnBody } from './xml-body.js';

const CASES = [
  ['getActiveJobs', 'jobArray', rawActiveJobArray],
  ['getScheduledJobs', 'jobArray', rawScheduledJobArray],
  ['getJobLogs', 'jobLogArray', rawJobLogArray],
  ['getJobLogDetails', 'jobLogArray', rawJobLogArray],
  ['getCompanyMembership', 'membershipArray', rawMembershipArray],
] as const;

describe('our reader reads what node-soap reads', () => {
  it.each(CASES)('%s', async (operation, arrayName, arbitrary) => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (array) => {
        const xml = returnBody(operation, arrayName, array);
        expect(ourReading(xml, operation)).toEqual(await nodeSoapReading(xml, operation));
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, FUZZ_TIMEOUT_MS);
});

