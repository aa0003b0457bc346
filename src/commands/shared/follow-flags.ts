// Flags shared by `watch` and `wait`: polling rhythm, stall window, log grace, naming window, failure policy.
import { Option, type Command } from 'commander';
import { FAIL_ON, type FailOn } from '../../jobs/outcome.js';
import type { TimeBound } from '../../jobs/time-bound.js';
import { choiceOption, countOption, durationOption } from './option-parsers.js';
import { sinceOption } from './time-flags.js';
import { UsageError } from './usage-error.js';

export interface FollowFlags {
  interval: number;
  maxInterval: number;
  retryMax: number;
  stallTimeout: number;
  logGrace: number;
  appearTimeout: number;
  timeout: number;
  since: TimeBound;
  failOn: FailOn;
}

export function addFollowOptions(command: Command): Command {
  return command
    .addOption(new Option('--interval <duration>', 'time between polls (at least 1s)').argParser(durationOption).default(5_000, '5s'))
    .addOption(new Option('--max-interval <duration>', 'longest wait between polls while backing off after errors').argParser(durationOption).default(60_000, '60s'))
    .addOption(new Option('--retry-max <n>', 'give up (exit 5) after this many failed polls in a row').argParser(countOption(1)).default(10))
    .addOption(
      new Option('--stall-timeout <duration>', 'a running job without progress for this long is stalled (0 = off)').argParser(durationOption).default(30 * 60_000, '30m'),
    )
    .addOption(new Option('--log-grace <duration>', 'how long a finished job may go without a job log before it counts as vanished').argParser(durationOption).default(60_000, '60s'))
    .addOption(new Option('--appear-timeout <duration>', 'how long a named job may take to appear').argParser(durationOption).default(120_000, '2m'))
    .addOption(new Option('--timeout <duration>', 'stop after this long, exit 124 (0 = never)').argParser(durationOption).default(0, 'none'))
    .addOption(sinceOption('a job name may pick the log of a finished job started since this time (a running job of that name whatever its age)', '10m'))
    .addOption(new Option('--fail-on <level>', `what fails a job: ${FAIL_ON.join(', ')}`).argParser(choiceOption(FAIL_ON)).default('error'));
}

/**
 * Checks what commander cannot and needs no endpoint. The floor of --interval depends on the endpoint: checked
 * when it is known, before any request (interval-floor.ts).
 */
export function checkFollowFlags(flags: FollowFlags): FollowFlags {
  if (flags.maxInterval < flags.interval) throw new UsageError('--max-interval must not be shorter than --interval');
  return flags;
}
