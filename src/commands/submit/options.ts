// `ips-jobs submit`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { EmailSettingName, PublishTypeName } from '../../jobs/submit-plan.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import type { FollowFlags } from '../shared/follow-flags.js';

export interface SubmitFlags extends FollowFlags {
  name?: string;
  description?: string;
  at?: TimeBound;
  schedule?: string;
  emailSetting: EmailSettingName;
  completionUrl?: string;
  publishType?: PublishTypeName;
  urls?: string;
  destFolder?: string;
  overwrite?: boolean;
  readyForPublish?: boolean;
  createMask?: boolean;
  thenPublish?: string;
  batchSize: number;
  yes?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  output: 'text' | 'json' | 'ndjson';
}
