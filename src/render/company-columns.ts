// The columns of `ips-jobs companies`: one registry for the table, wide table and csv/tsv.
import type { CompanyMembership } from '../ips/types.js';
import type { RecordColumn } from './records.js';

function raw(value: string | boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

/** `yes` / `no` for people; csv keeps IPS's `true` / `false`. */
function activeText(membership: CompanyMembership): string {
  return membership.isActive === undefined ? '' : membership.isActive ? 'yes' : 'no';
}

export const COMPANY_COLUMNS: readonly RecordColumn<CompanyMembership>[] = [
  { id: 'name', header: 'NAME', field: 'company.name', shrinkOrder: 1, minWidth: 16, text: (m) => raw(m.company?.name) },
  { id: 'handle', header: 'HANDLE', field: 'company.companyHandle', text: (m) => raw(m.company?.companyHandle) },
  { id: 'role', header: 'ROLE', field: 'role', dropOrder: 3, text: (m) => raw(m.role) },
  { id: 'active', header: 'ACTIVE', field: 'isActive', text: activeText, value: (m) => raw(m.isActive) },
  { id: 'root', header: 'ROOT PATH', field: 'company.rootPath', dropOrder: 2, text: (m) => raw(m.company?.rootPath) },
  { id: 'expires', header: 'EXPIRES', field: 'company.expires', dropOrder: 1, text: (m) => raw(m.company?.expires) },
  { id: 'ims', header: 'IMS ORG', field: 'company.imsOrgId', dropOrder: 0, text: (m) => raw(m.company?.imsOrgId) },
];

function pick(ids: readonly string[]): RecordColumn<CompanyMembership>[] {
  return ids.map((id) => COMPANY_COLUMNS.find((column) => column.id === id)!);
}

export const COMPANY_DEFAULT_COLUMNS = pick(['name', 'handle', 'role', 'active']);
export const COMPANY_WIDE_COLUMNS = pick(['name', 'handle', 'role', 'active', 'root', 'expires', 'ims']);
