// The IPS operations ips-jobs uses: exactly the operations of our WSDL.

export const IPS_OPERATIONS = [
  'getActiveJobs',
  'getJobLogs',
  'getJobLogDetails',
  'getScheduledJobs',
  'stopJob',
  'pauseJob',
  'resumeJob',
  'deleteJob',
  'executeJob',
  'getCompanyInfo',
  'getCompanyMembership',
  'checkLogin',
  'submitJob',
] as const;

export type IpsOperation = (typeof IPS_OPERATIONS)[number];

export function isIpsOperation(name: string): name is IpsOperation {
  return (IPS_OPERATIONS as readonly string[]).includes(name);
}
