/**
 * Runs `work(n)` for each part number with at most `concurrency` at once, in ascending order.
 * Before starting a part it asks `canStart(longestPartMs)` (the deadline check, told how long the
 * slowest part so far took); once that says no, no new part
 * starts, the ones in flight finish, and the numbers never started are returned. The first error
 * stops new starts and is rethrown after the in-flight parts settle (their results are kept).
 */
export async function runPartPool(
  numbers: readonly number[],
  concurrency: number,
  work: (n: number) => Promise<void>,
  canStart: (longestPartMs: number) => boolean = () => true,
): Promise<{ notStarted: number[] }> {
  const queue = [...numbers];
  let failure: { error: unknown } | undefined;
  let stopped = false;
  let longest = 0;
  const worker = async () => {
    while (failure === undefined && !stopped) {
      const n = queue[0];
      if (n === undefined) return;
      if (!canStart(longest)) {
        stopped = true;
        return;
      }
      queue.shift();
      const started = performance.now();
      try {
        await work(n);
        longest = Math.max(longest, performance.now() - started);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, numbers.length)) }, worker));
  if (failure !== undefined) throw failure.error;
  return { notStarted: queue };
}
