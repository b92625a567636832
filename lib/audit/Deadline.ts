/**
 * The time budget of one run: the Lambda's remaining time minus a margin kept for writing the
 * report, saving the cursor and alerting (`defineHandler` computes it; the CLI gives minutes). Time is injected so tests decide when it runs out.
 */
export class Deadline {
  /** Epoch ms after which no new page is started. */
  readonly at: number;
  readonly #now: () => number;

  constructor(at: number, now: () => number = Date.now) {
    this.at = at;
    this.#now = now;
  }

  /** Whether there is still time to start one more unit of work that takes about `reserveMs`. */
  hasTime(reserveMs = 0): boolean {
    return this.#now() + reserveMs < this.at;
  }
}
