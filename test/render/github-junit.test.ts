import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, workflowCommand } from '../../src/render/github-annotations.js';
import { renderJunit, xmlText } from '../../src/render/junit.js';
import { findAll, parseXml } from '../helpers/xml.js';

describe('GitHub workflow commands', () => {
  it('escape %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('a job name with a newline and :: cannot start a second command', () => {
    const line = workflowCommand('error', { title: 'ips-jobs stalled: Evil\n::warning::pwned' }, 'x\n::error::injected');
    expect(line.split('\n').filter(Boolean)).toHaveLength(1);
    expect(line).toBe('::error title=ips-jobs stalled%3A Evil%0A%3A%3Awarning%3A%3Apwned::x%0A::error::injected\n');
    expect(line.startsWith('::error ')).toBe(true);
  });
});

describe('JUnit XML', () => {
  it('is valid XML with one test case per rule and job, failures marked', () => {
    const xml = renderJunit(
      [
        { suite: 'stalled', name: 'A (j|1)', failure: { message: 'no progress for 40m', detail: 'stalled: A' } },
        { suite: 'stalled', name: 'B & <C> "q"', failure: undefined },
        { suite: 'max-active', name: 'max-active' },
      ],
      { name: 'ips-jobs check', timestamp: '2026-11-28T17:30:00.000Z' },
    );
    const doc = parseXml(xml);
    expect(doc.attributes).toMatchObject({ tests: '3', failures: '1' });
    expect(findAll(doc, 'testsuite').map((s) => s.attributes.name)).toEqual(['stalled', 'max-active']);
    const cases = findAll(doc, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual(['A (j|1)', 'B & <C> "q"', 'max-active']);
    expect(findAll(doc, 'failure').map((f) => [f.attributes.message, f.text])).toEqual([['no progress for 40m', 'stalled: A']]);
  });

  it('drops characters XML 1.0 forbids, keeping the rest', () => {
    // Tab and LF stay, as character references (escapeXml's form, which an XML reader turns back into them).
    expect(xmlText('a\u0000b\u0007c\u001bd\uFFFEe\uD800f\tg\nh')).toBe('abcdef&#x9;g&#xA;h');
    expect(xmlText('😀 ok')).toBe('😀 ok');
  });
});
