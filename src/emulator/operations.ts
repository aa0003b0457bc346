// The SOAP operations the emulator answers (the job-only WSDL's 12 operations).

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

export const SOAP_PATH = '/scene7/services/IpsApiService';
/** Namespace of the param/return elements and of the versioned authHeader. */
export const TYPES_NS = 'http://www.scene7.com/IpsApi/xsd/2014-04-03';
/** Namespace of the three fault elements. */
export const FAULT_NS = 'http://www.scene7.com/IpsApi/xsd';
