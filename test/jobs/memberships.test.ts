import { describe, expect, it } from 'vitest';
import { sortMemberships } from '../../src/jobs/memberships.js';

describe('sortMemberships', () => {
  it('orders by company name, case-insensitively, then handle; nameless last', () => {
    const zeta = { company: { companyHandle: 'c|3', name: 'zeta' }, role: 'IpsUser', isActive: true };
    const alpha = { company: { companyHandle: 'c|9', name: 'Alpha' }, role: 'IpsUser', isActive: true };
    const alpha2 = { company: { companyHandle: 'c|10', name: 'alpha' }, role: 'IpsUser', isActive: false };
    const nameless = { company: { companyHandle: 'c|1' }, role: 'IpsUser' };
    const input = [nameless, zeta, alpha2, alpha];
    expect(sortMemberships(input)).toEqual([alpha, alpha2, zeta, nameless]);
    expect(input[0]).toBe(nameless);
  });
});
