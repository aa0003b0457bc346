// `check --junit FILE`: JUnit XML, one test case per rule and job, valid XML 1.0 whatever the server sent.
import { escapeXml } from '../text/xml-escape.js';

export interface JunitCase {
  suite: string;
  name: string;
  /** Present when the case failed. */
  failure?: { message: string; detail: string };
}

/** Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
export function xmlText(text: string): string {
  return escapeXml(text.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
}

export function renderJunit(cases: readonly JunitCase[], options: { name: string; timestamp: string }): string {
  const suites = new Map<string, JunitCase[]>();
  for (const testCase of cases) {
    const list = suites.get(testCase.suite) ?? [];
    list.push(testCase);
    suites.set(testCase.suite, list);
  }
  const failures = cases.filter((c) => c.failure).length;
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  xml += `<testsuites name="${xmlText(options.name)}" tests="${cases.length}" failures="${failures}" errors="0" time="0">\n`;
  for (const [suite, list] of suites) {
    const suiteFailures = list.filter((c) => c.failure).length;
    xml += `  <testsuite name="${xmlText(suite)}" tests="${list.length}" failures="${suiteFailures}" errors="0" skipped="0" time="0" timestamp="${xmlText(options.timestamp)}">\n`;
    for (const testCase of list) {
      const open = `    <testcase classname="${xmlText(`${options.name}.${suite}`)}" name="${xmlText(testCase.name)}" time="0"`;
      if (!testCase.failure) {
        xml += `${open}/>\n`;
        continue;
      }
      xml += `${open}>\n      <failure message="${xmlText(testCase.failure.message)}" type="${xmlText(suite)}">${xmlText(testCase.failure.detail)}</failure>\n    </testcase>\n`;
    }
    xml += `  </testsuite>\n`;
  }
  return `${xml}</testsuites>\n`;
}
