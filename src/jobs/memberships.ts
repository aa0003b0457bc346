// The companies a user can reach, in the order people look for them.
import type { CompanyMembership } from '../ips/types.js';

let collator: Intl.Collator | undefined;

/** By company name (case-insensitive), then handle; memberships without a name last. */
export function sortMemberships(memberships: readonly CompanyMembership[]): CompanyMembership[] {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const compare = collator.compare;
  return [...memberships].sort((a, b) => {
    const an = a.company?.name;
    const bn = b.company?.name;
    if (an === undefined || bn === undefined) {
      if (an !== bn) return an === undefined ? 1 : -1;
    } else {
      const byName = compare(an, bn);
      if (byName !== 0) return byName;
    }
    return compare(a.company?.companyHandle ?? '', b.company?.companyHandle ?? '');
  });
}
