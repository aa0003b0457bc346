// Telling a handle from a name, and which names a name or glob answers to. Which job a reference picks is
// follow/selection.ts's (test/follow/selection.test.ts).
import { describe, expect, it } from 'vitest';
import { looksLikeHandle, nameMatches } from '../../src/jobs/job-ref.js';

describe('naming a job', () => {
  it('tells handles from names by the |', () => {
    expect(looksLikeHandle('j|1001||Spring|54091')).toBe(true);
    expect(looksLikeHandle('Spring-Publish')).toBe(false);
  });

  it('a name answers to the unique name or the original name; a glob to either', () => {
    expect(nameMatches('Spring-Publish-1', 'Spring-Publish-1', 'Spring-Publish')).toBe(true);
    expect(nameMatches('Spring-Publish', 'Spring-Publish-1', 'Spring-Publish')).toBe(true);
    expect(nameMatches('Spring', 'Spring-Publish-1', 'Spring-Publish')).toBe(false);
    expect(nameMatches('spring-*', 'Spring-Publish-1', undefined)).toBe(true);
  });
});
