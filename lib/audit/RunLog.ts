import type { RepairOutcome } from './AuditReport.js';

class RepairTally {
  done = 0;
  failed = 0;
  readonly sample: string[] = [];
  readonly errors: string[] = [];
  constructor(readonly repair: string) {}
}

/**
 * The side facts of one run besides findings: what was scanned, what could not be checked, what
 * was repaired. Bounded like the findings (a few samples and error lines, counters for the rest).
 */
export class RunLog {
  readonly #scanned = new Map<string, number>();
  readonly #errors: string[] = [];
  readonly #notes: string[] = [];
  readonly #repairs = new Map<string, RepairTally>();
  #droppedErrors = 0;

  count(what: string, n = 1): void {
    this.#scanned.set(what, (this.#scanned.get(what) ?? 0) + n);
  }

  /** Part of the check could not run. The message must name the call, never a secret. */
  error(message: string): void {
    if (this.#errors.length < 20) this.#errors.push(message.slice(0, 500));
    else this.#droppedErrors += 1;
  }

  note(message: string): void {
    if (!this.#notes.includes(message)) this.#notes.push(message);
  }

  repaired(repair: string, id: string): void {
    const t = this.#tally(repair);
    t.done += 1;
    if (t.sample.length < 10) t.sample.push(id);
  }

  repairFailed(repair: string, id: string, reason: string): void {
    const t = this.#tally(repair);
    t.failed += 1;
    if (t.errors.length < 5) t.errors.push(`${id}: ${reason}`.slice(0, 300));
  }

  get scanned(): Record<string, number> {
    return Object.fromEntries(this.#scanned);
  }

  get errors(): string[] {
    return this.#droppedErrors > 0 ? [...this.#errors, `…and ${this.#droppedErrors} more errors`] : [...this.#errors];
  }

  get notes(): string[] {
    return [...this.#notes];
  }

  get repairs(): RepairOutcome[] {
    return [...this.#repairs.values()].map((t) => ({ repair: t.repair, done: t.done, failed: t.failed, sample: t.sample, errors: t.errors }));
  }

  #tally(repair: string): RepairTally {
    let t = this.#repairs.get(repair);
    if (t === undefined) {
      t = new RepairTally(repair);
      this.#repairs.set(repair, t);
    }
    return t;
  }
}
