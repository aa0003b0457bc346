// Many runs up front (a matrix of cases), a bounded number at a time.

/**
 * Runs the tasks at most `limit` at once, in order, and gives their results in the same order. In-process runs share
 * the test's one thread: more at once only overlap their waits (sockets, timers), and a burst of parsing could make a
 * deadline that is under test come late.
 */
export async function inParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
