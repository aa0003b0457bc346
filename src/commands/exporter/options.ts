// `ips-jobs exporter`: its options as the command line gives them, shared by its definition (command.ts) and its work (run.ts).
import type { FailOn } from '../../jobs/outcome.js';

/** Where /metrics is served: `127.0.0.1:9464`, `[::1]:9464`, or `:9464` for every interface. */
export interface ListenAddress {
  host: string;
  port: number;
}

export interface ExporterFlags {
  listen: ListenAddress;
  target?: string[];
  allProfiles?: boolean;
  interval: number;
  stallTimeout: number;
  maxJobSeries: number;
  failOn: FailOn;
}
