// The poll loop's figures on the `ips-jobs:poll` diagnostics channel: measured and published only while someone
// subscribes (the benchmark's preloaded bench/poll-stats.cjs); without a subscriber not one figure is taken.
import { channel, subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Follower } from '../../src/follow/follower.js';
import { POLL_CHANNEL, pollLoop, type PollFigures } from '../../src/follow/poll-loop.js';
import { REPO_ROOT } from '../helpers/cli.js';

/** A follower whose polls succeed at once with no news. */
function quietFollower(): Follower {
  return { failures: 0, lastError: undefined, poll: async () => [] } as unknown as Follower;
}

/** Runs the loop for `polls` polls, 1 ms apart. */
async function runPolls(polls: number): Promise<void> {
  let seen = 0;
  const end = await pollLoop(
    quietFollower(),
    { intervalMs: 1, maxIntervalMs: 1, retryMax: 3, timeoutMs: 0, signal: new AbortController().signal },
    () => ++seen === polls,
  );
  expect(end).toBe('done');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the ips-jobs:poll channel', () => {
  it("is the channel the benchmark's subscriber listens on", () => {
    const subscriber = readFileSync(path.join(REPO_ROOT, 'bench/poll-stats.cjs'), 'utf8');
    expect(subscriber).toContain(`subscribe('${POLL_CHANNEL}', `);
    // The name is documented for anyone's subscriber: a rename must change the page too.
    expect(POLL_CHANNEL).toBe('ips-jobs:poll');
    expect(readFileSync(path.join(REPO_ROOT, 'docs/performance.md'), 'utf8')).toContain('`ips-jobs:poll`');
  });

  it('costs nothing when nobody listens: no CPU time is read', async () => {
    expect(channel(POLL_CHANNEL).hasSubscribers).toBe(false);
    const cpuUsage = vi.spyOn(process, 'cpuUsage');
    await runPolls(3);
    expect(cpuUsage).not.toHaveBeenCalled();
  });

  it('gives a subscriber each poll: its number, CPU time and wall time', async () => {
    const messages: PollFigures[] = [];
    const listener = (message: unknown) => messages.push(message as PollFigures);
    subscribe(POLL_CHANNEL, listener);
    const cpuUsage = vi.spyOn(process, 'cpuUsage');
    try {
      await runPolls(3);
    } finally {
      unsubscribe(POLL_CHANNEL, listener);
    }
    expect(messages.map((m) => m.poll)).toEqual([1, 2, 3]);
    for (const message of messages) {
      expect(Object.keys(message).sort()).toEqual(['cpuMs', 'poll', 'wallMs']);
      expect(message.cpuMs).toBeGreaterThanOrEqual(0);
      expect(message.wallMs).toBeGreaterThanOrEqual(0);
    }
    // One reading at the start of each poll, one at its end.
    expect(cpuUsage).toHaveBeenCalledTimes(6);
  });
});
