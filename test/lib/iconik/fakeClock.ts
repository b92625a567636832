/**
 * A virtual clock for the limiter and retry layers: `now()` and `sleep(ms, signal)` that only move
 * when the test runs the timers. `run()` repeatedly lets pending promises settle, then jumps to the
 * earliest timer, so thousands of virtual seconds take milliseconds of real time.
 */
export class FakeClock {
  time = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Runs timers in time order until none is left (or `untilMs` of virtual time is reached). */
  async run(untilMs = Infinity): Promise<void> {
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (next === undefined || next.at > untilMs) return;
      this.timers.shift();
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

/** Lets every pending promise chain run (setImmediate fires after the microtask queue drains). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise<void>((r) => setImmediate(r));
}
