import { describe, expect, it } from 'vitest';
import { stateClass } from '../../src/jobs/state-class.js';

describe('stateClass', () => {
  it.each([
    ['New', 'waiting'],
    ['WaitingClient', 'waiting'],
    ['WaitingCoordinator', 'waiting'],
    ['Running', 'running'],
    ['Stopping', 'stopping'],
    ['Done', 'done'],
    ['Unknown', 'unknown'],
  ] as const)('%s is %s', (state, cls) => {
    expect(stateClass(state)).toBe(cls);
  });

  it('ignores case', () => {
    expect(stateClass('RUNNING')).toBe('running');
    expect(stateClass('waitingclient')).toBe('waiting');
  });

  it('calls an undocumented or missing state unknown', () => {
    expect(stateClass('Paused')).toBe('unknown');
    expect(stateClass(undefined)).toBe('unknown');
    expect(stateClass('')).toBe('unknown');
  });
});
