// Companies and users of the emulated IPS (fixed: only job data depends on the seed).
import type { Company } from '../ips/types.js';

export interface EmulatorMembership {
  companyHandle: string;
  /** IPS role, e.g. IpsCompanyAdmin, IpsUser; the emulator enforces it for submitJob only (see maySubmitJobs). */
  role: string;
  isActive?: boolean;
}

export interface EmulatorUser {
  email: string;
  password: string;
  /** Defaults to `u|<n>|<email>`. */
  userHandle?: string;
  memberships: EmulatorMembership[];
}

export const DEMO_CREDENTIALS = {
  username: 'demo@ips-jobs.example',
  password: 'demo-password',
  company: 'Demo Company',
  companyHandle: 'c|1001',
} as const;

export const COMPANIES: readonly Company[] = [
  { companyHandle: 'c|1001', name: 'Demo Company', rootPath: 'DemoCompany/', expires: '2101-01-31T23:00:00.000-08:00', imsOrgId: '5A1C0B7E5C2D4A1F0A495E21@AdobeOrg' },
  { companyHandle: 'c|1002', name: 'Kestrel Outdoor', rootPath: 'KestrelOutdoor/', expires: '2101-01-31T23:00:00.000-08:00', imsOrgId: '7F3E2D1C0B9A8E7D0A495E22@AdobeOrg' },
  { companyHandle: 'c|1003', name: 'Northwind Media', rootPath: 'NorthwindMedia/', expires: '2027-06-30T23:59:59.000-07:00', imsOrgId: '1D2C3B4A5F6E7D8C0A495E23@AdobeOrg' },
  // A handle of digits only: Adobe's examples show `47` beside `c|21` (handles are opaque; a client sends them as given).
  { companyHandle: '47', name: 'Heron Press', rootPath: 'HeronPress/', expires: '2101-01-31T23:00:00.000-08:00', imsOrgId: '3C4B5A6F7E8D9C0B0A495E24@AdobeOrg' },
];

export const DEMO_USERS: readonly EmulatorUser[] = [
  {
    email: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    userHandle: 'u|501|demo@ips-jobs.example',
    memberships: [
      { companyHandle: 'c|1001', role: 'IpsCompanyAdmin' },
      { companyHandle: 'c|1002', role: 'IpsUser' },
      { companyHandle: '47', role: 'IpsUser' },
    ],
  },
  {
    email: 'ana.lima@ips-jobs.example',
    password: 'ana-password',
    userHandle: 'u|502|ana.lima@ips-jobs.example',
    memberships: [{ companyHandle: 'c|1001', role: 'IpsUser' }],
  },
  {
    email: 'raj.patel@ips-jobs.example',
    password: 'raj-password',
    userHandle: 'u|503|raj.patel@ips-jobs.example',
    memberships: [
      { companyHandle: 'c|1001', role: 'IpsUser' },
      { companyHandle: 'c|1002', role: 'IpsCompanyAdmin' },
    ],
  },
  {
    email: 'publisher@ips-jobs.example',
    password: 'publisher-password',
    userHandle: 'u|504|publisher@ips-jobs.example',
    memberships: [
      { companyHandle: 'c|1001', role: 'IpsUser' },
      { companyHandle: 'c|1002', role: 'IpsUser' },
    ],
  },
  {
    // Read-only: may look at Demo Company's jobs but not submit any (submitJob answers authorizationFault 20003).
    email: 'viewer@ips-jobs.example',
    password: 'viewer-password',
    userHandle: 'u|505|viewer@ips-jobs.example',
    memberships: [{ companyHandle: 'c|1001', role: 'ImagePortalUser' }],
  },
  {
    email: 'ops@northwind-media.example',
    password: 'northwind-password',
    userHandle: 'u|601|ops@northwind-media.example',
    memberships: [{ companyHandle: 'c|1003', role: 'IpsCompanyAdmin' }],
  },
];

/** Submitters the generator puts on jobs, per company. */
export const SUBMITTERS: Readonly<Record<string, readonly string[]>> = {
  'c|1001': ['demo@ips-jobs.example', 'ana.lima@ips-jobs.example', 'raj.patel@ips-jobs.example', 'publisher@ips-jobs.example'],
  'c|1002': ['raj.patel@ips-jobs.example', 'publisher@ips-jobs.example', 'demo@ips-jobs.example'],
  'c|1003': ['ops@northwind-media.example'],
  '47': ['demo@ips-jobs.example'],
};

/**
 * The roles that may call submitJob: Adobe's list for the operation (IpsUser, IpsAdmin, TrialSiteAdmin, TrialSiteUser,
 * ImagePortalAdmin, ImagePortalContrib, ImagePortalContribUser) plus IpsCompanyAdmin, which that list leaves out
 * although a company admin may do what its users may (and the demo user is one).
 */
const SUBMIT_ROLES: readonly string[] = [
  'IpsUser',
  'IpsAdmin',
  'IpsCompanyAdmin',
  'TrialSiteAdmin',
  'TrialSiteUser',
  'ImagePortalAdmin',
  'ImagePortalContrib',
  'ImagePortalContribUser',
];

/** True when the user's active membership of the company has a role that may submit jobs. */
export function maySubmitJobs(user: EmulatorUser, companyHandle: string): boolean {
  return user.memberships.some((m) => m.companyHandle === companyHandle && m.isActive !== false && SUBMIT_ROLES.includes(m.role));
}

export function userHandleOf(user: EmulatorUser, index: number): string {
  return user.userHandle ?? `u|${700 + index}|${user.email}`;
}
