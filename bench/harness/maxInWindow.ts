/** Largest number of `times` (ms) falling in any window of `width` ms that starts at one of them. */
export function maxInWindow(times: readonly number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + width) end += 1;
    max = Math.max(max, end - start);
  }
  return max;
}
