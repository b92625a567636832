/**
 * `fn` over `items` with at most `concurrency` calls at once, started in item order; the results in
 * item order. The first error is rethrown once the calls in flight settle; no call starts after it.
 */
export async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  // One iterator shared by the workers: each takes the next item when it is free.
  const next = items.entries();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (const [i, item] of next) {
      if (failure !== undefined) return;
      try {
        results[i] = await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
