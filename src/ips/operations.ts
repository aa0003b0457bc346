// The IPS operations a job monitor uses: exactly the operations of our WSDL.

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
] as const;

export type IpsOperation = (typeof IPS_OPERATIONS)[number];

export function isIpsOperation(name: string): name is IpsOperation {
  return (IPS_OPERATIONS as readonly string[]).includes(name);
}
