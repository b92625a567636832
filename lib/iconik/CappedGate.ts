import type { RequestGate } from './RequestGate.js';

/**
 * Two gates in series: a request waits for a slot of each. The account budget decides what the
 * account can afford; the cap (`ICONIK_RATE_CAP`, the CLI's `--rate`) keeps this one process below
 * what its operator asked for, whatever the budget would allow.
 */
export class CappedGate implements RequestGate {
  readonly #cap: RequestGate;
  readonly #budget: RequestGate;

  constructor(cap: RequestGate, budget: RequestGate) {
    this.#cap = cap;
    this.#budget = budget;
  }

  async acquire(deadline: number | undefined, describe: { method: string; path: string }, signal?: AbortSignal): Promise<void> {
    // The cap first: a capped process does not book account slots it would then leave unused.
    await this.#cap.acquire(deadline, describe, signal);
    await this.#budget.acquire(deadline, describe, signal);
  }

  pauseFor(ms: number): void {
    this.#cap.pauseFor(ms);
    this.#budget.pauseFor(ms);
  }

  observeRemaining(remaining: number): number {
    return Math.min(this.#cap.observeRemaining(remaining), this.#budget.observeRemaining(remaining));
  }

  get slowDownFactor(): number {
    return Math.min(this.#cap.slowDownFactor, this.#budget.slowDownFactor);
  }
}
