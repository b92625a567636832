/**
 * A run's iconik request budget (`AUDIT_AGREEMENT_MAX_CALLS`), measured on the client's own request
 * counter (so retries and the requests repairs make count too). A unit of work is started only when
 * the requests it may need still fit.
 */
export class CallBudget {
  readonly max: number;
  readonly #made: () => number;
  readonly #start: number;

  constructor(made: () => number, max: number) {
    this.#made = made;
    this.max = max;
    this.#start = made();
  }

  /** Requests made since the run began. */
  get spent(): number {
    return this.#made() - this.#start;
  }

  /** Whether `reserve` more requests fit. */
  allows(reserve: number): boolean {
    return this.spent + reserve <= this.max;
  }
}
