/**
 * One scripted fault. `operation` is an operation key (`files POST /v1/assets/{asset_id}/files/`),
 * `*` for every iconik operation, or an upload target: `gcs PUT upload` (the GCS-style resumable
 * endpoint). The first matching rule with times left fires (with `probability`, drawn from the
 * seeded generator so a run is reproducible).
 */
export interface FaultRule {
  operation: string;
  /** Answer this status instead of running the operation (500, 502, 503, 429…). */
  status?: number;
  /** With status 429: send `Retry-After` with this many seconds. */
  retryAfterSeconds?: number;
  /** Delay before answering (or before the status/reset). */
  latencyMs?: number;
  /** Destroy the connection without an answer. */
  reset?: boolean;
  /** Upload targets only: accept this many bytes of the body, then reset the connection. */
  afterBytes?: number;
  /** Chance this rule fires when it matches. @default 1 */
  probability?: number;
  /** How many times it fires before it is spent. @default unlimited */
  times?: number;
}

/** A rule that fired, as the request pipeline applies it. */
export type Fault = Omit<FaultRule, 'probability' | 'times'>;

/**
 * Holds the fault rules and decides, per request, which one fires. The random draws come from a
 * seeded generator (mulberry32) so a failing test reproduces with the same seed.
 */
export class FaultInjector {
  private rules: (FaultRule & { left: number })[] = [];
  private state: number;

  constructor(private readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Replaces every rule (and restarts the random sequence). */
  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY }));
    this.state = this.seed >>> 0;
  }

  /** Adds rules after the existing ones. */
  add(rules: readonly FaultRule[]): void {
    this.rules.push(...rules.map((r) => ({ ...r, left: r.times ?? Number.POSITIVE_INFINITY })));
  }

  /** The current rules with the times each has left. */
  list(): readonly (FaultRule & { left: number })[] {
    return this.rules;
  }

  /** The fault to apply to a request of `operation`, if any (consumes one of its `times`). */
  pick(operation: string): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.left <= 0) continue;
      if (rule.operation !== operation && !(rule.operation === '*' && !operation.startsWith('gcs '))) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.left -= 1;
      const { probability: _p, times: _t, left: _l, ...fault } = rule;
      return fault;
    }
    return undefined;
  }

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
