/** The few kinds of job state the display and the staleness rule care about. */
export type StateClass = 'waiting' | 'running' | 'stopping' | 'done' | 'unknown';

const CLASS_BY_STATE: Readonly<Record<string, StateClass>> = {
  new: 'waiting',
  waitingclient: 'waiting',
  waitingcoordinator: 'waiting',
  running: 'running',
  stopping: 'stopping',
  done: 'done',
};

/** Classifies an IPS active-job state (case-insensitive); `Unknown` and any undocumented state → 'unknown'. */
export function stateClass(state?: string): StateClass {
  if (state === undefined) return 'unknown';
  return CLASS_BY_STATE[state.toLowerCase()] ?? 'unknown';
}
