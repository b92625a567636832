/**
 * Wall time per phase of a job whose operations overlap (part uploads run 4 at once): each phase's
 * time is the union of its operations' intervals, so 4 parallel 1 s uploads count 1 s, not 4.
 * Used by the large-object benchmark to split an upload into part uploads and completion.
 */
export class PhaseTimer {
  private readonly intervals = new Map<string, Array<[number, number]>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `fn`, recording its interval under `phase` (also when it throws). */
  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await fn();
    } finally {
      this.record(phase, start, this.now());
    }
  }

  record(phase: string, start: number, end: number): void {
    const list = this.intervals.get(phase) ?? [];
    list.push([start, end]);
    this.intervals.set(phase, list);
  }

  /** Milliseconds per phase: the length of the union of the phase's intervals, rounded. */
  totals(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [phase, list] of this.intervals) {
      const sorted = [...list].sort((a, b) => a[0] - b[0]);
      let total = 0;
      let [from, to] = sorted[0]!;
      for (const [s, e] of sorted.slice(1)) {
        if (s > to) {
          total += to - from;
          [from, to] = [s, e];
        } else to = Math.max(to, e);
      }
      out[phase] = Math.round(total + (to - from));
    }
    return out;
  }
}
