import { IconikDeadlineError } from '../errors.js';
import { realNow, realSleep, type Now, type Sleep } from '../rateLimiter.js';
import type { RequestGate } from '../RequestGate.js';
import { adaptToRemaining, type AdaptOptions } from './adaptToRemaining.js';
import type { BudgetStore } from './BudgetStore.js';
import type { Refusal, Reservation } from './scheduleReservation.js';

export type RatePriority = 'high' | 'normal' | 'low';
export const ratePriorities = ['high', 'normal', 'low'] as const satisfies readonly RatePriority[];

/**
 * How far ahead of now each priority may book the account's schedule. A lower priority books only
 * while the schedule is booked less far ahead than its horizon, so the schedule never runs more
 * than the normal horizon (plus a block) ahead while ingest saturates it: write-back (high) books
 * the next free slot at once and waits about that long, while normal callers queue behind each
 * other; `low` runs only in the gaps the others leave. Short horizons keep that wait small; they
 * must stay longer than one DynamoDB round trip, or a process could not book its next block
 * before the current one runs out.
 */
export const PRIORITY_HORIZON_MS: Readonly<Record<RatePriority, number>> = { high: 1000, normal: 150, low: 40 };

export interface AccountBudgetOptions {
  readonly store: BudgetStore;
  /** The account's sustained limit (iconik: 50 requests/s). */
  readonly perSecond: number;
  /** Fraction of `perSecond` the bridge never books: left to people and other integrations. @default 0.06 */
  readonly reserve?: number;
  /** @default 'normal' */
  readonly priority?: RatePriority;
  /** Most slots booked at once (fewer when fewer callers wait). @default 10 */
  readonly maxBlock?: number;
  /** Adaptation to `RateLimit-Remaining`; `capacity` is the account's burst (iconik: 1000). */
  readonly adapt: AdaptOptions;
  /**
   * Requests/s this process may send on its own while the store cannot be reached (DynamoDB
   * errors): the static share of the old per-process limiter. @default 5 % of `perSecond`
   */
  readonly fallbackPerSecond?: number;
  /** Told about a store error (logged by the client, at most once a minute). */
  readonly onStoreError?: (error: unknown) => void;
  readonly now?: Now;
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

interface Waiter {
  readonly deadline: number | undefined;
  readonly describe: { method: string; path: string };
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly timer: AbortController;
}

/** A slot the schedule passed this long ago is dropped: using it now would be a burst. */
const STALE_SLOT_MS = 1000;
/** How far back the process's demand is measured. */
const DEMAND_WINDOW_MS = 1000;
/**
 * Demand booked ahead of the callers: more than a DynamoDB round trip (a few ms in AWS, tens of ms
 * on dynalite on a busy machine), so a process that keeps asking never waits for its own booking.
 */
const LOOKAHEAD_MS = 250;
/** The pump's nap while a booking is under way (it is woken as soon as slots arrive). */
const IDLE_NAP_MS = 60_000;

/**
 * One rate budget for every process of an iconik account. The processes book blocks of send slots
 * on one shared schedule (`BudgetStore`: a DynamoDB item) paced at the account's limit minus the
 * reserve, and send each request at its slot; so whatever number of Lambda instances, CLI runs and
 * local stacks run at once, together they send at most the booked rate, and one process alone gets
 * all of it. Priorities decide who books when the schedule is full (`PRIORITY_HORIZON_MS`).
 * iconik's `RateLimit-Remaining` (which counts the whole account) stretches every later booking
 * when someone else sends too (`adaptToRemaining`), and a 429 pauses this process's callers.
 *
 * Callers are served in arrival order; a caller whose deadline comes before its slot fails with
 * `IconikDeadlineError` (at once when the slot is known, else at the deadline).
 */
export class AccountBudget implements RequestGate {
  private readonly store: BudgetStore;
  private readonly rate: number;
  private readonly baseHorizonMs: number;
  private readonly maxBlock: number;
  private readonly adapt: AdaptOptions;
  private readonly fallbackPerSecond: number;
  private readonly now: Now;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly onStoreError: ((error: unknown) => void) | undefined;
  private readonly queue: Waiter[] = [];
  private readonly slots: number[] = [];
  /** When the slots in hand were booked (the newest booking's arrival; older ones are spent first). */
  private slotsReceivedAt = 0;
  /** Round trip of a booking, smoothed (ms). */
  private bookingLatencyMs = 0;
  private factor = 1;
  private pausedUntil = 0;
  private localTat = 0;
  private bookedUntil = 0;
  /** When the last callers asked (ring buffer): the process's recent demand. */
  private readonly asked: number[] = new Array<number>(64).fill(-Infinity);
  private askedHead = 0;
  /** When a caller last had to wait for a booking because no slot was in hand. */
  private starvedAt = -Infinity;
  private leasing = false;
  private pumping = false;
  private wake: AbortController | undefined;
  private readonly counters = { booked: 0, refused: 0, storeErrors: 0, dropped: 0 };

  constructor(options: AccountBudgetOptions) {
    this.store = options.store;
    this.rate = options.perSecond * (1 - (options.reserve ?? 0.06));
    this.baseHorizonMs = PRIORITY_HORIZON_MS[options.priority ?? 'normal'];
    this.maxBlock = Math.max(1, Math.floor(options.maxBlock ?? 10));
    this.adapt = options.adapt;
    this.fallbackPerSecond = options.fallbackPerSecond ?? options.perSecond * 0.05;
    this.onStoreError = options.onStoreError;
    this.now = options.now ?? realNow;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  get slowDownFactor(): number {
    return this.factor;
  }

  /** Blocks booked, refusals (schedule full for this priority), store errors, slots dropped unused, a booking's smoothed round trip. */
  stats(): { booked: number; refused: number; storeErrors: number; dropped: number; bookingLatencyMs: number } {
    return { ...this.counters, bookingLatencyMs: Math.round(this.bookingLatencyMs) };
  }

  acquire(deadline: number | undefined, describe: { method: string; path: string }, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (deadline !== undefined && deadline <= this.now()) return Promise.reject(this.deadlineError(describe, 'it has passed'));
    return new Promise<void>((resolve, reject) => {
      const timer = new AbortController();
      const waiter: Waiter = { deadline, describe, resolve, reject, timer };
      if (signal) {
        const onAbort = () => this.settle(waiter, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        timer.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), { once: true });
      }
      if (deadline !== undefined) {
        this.sleep(deadline - this.now(), timer.signal).then(
          () => this.settle(waiter, this.deadlineError(describe, 'no slot of the account budget came before it')),
          () => undefined,
        );
      }
      this.queue.push(waiter);
      this.asked[this.askedHead] = this.now();
      this.askedHead = (this.askedHead + 1) % this.asked.length;
      this.book();
      if (!this.pumping) void this.pump();
    });
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  observeRemaining(remaining: number): number {
    this.factor = adaptToRemaining(remaining, this.adapt);
    return this.factor;
  }

  /** Milliseconds of schedule one slot takes now (longer while slowed down). */
  private intervalMs(): number {
    return 1000 / (this.rate * this.factor);
  }

  /**
   * Slots this process should hold: the callers waiting now, plus those expected to ask while a
   * booking is under way (its recent demand × `LOOKAHEAD_MS`, rounded down so a caller asking a
   * few times a second books one slot at a time and wastes none).
   */
  private wanted(): number {
    if (this.queue.length === 0) return 0;
    const now = this.now();
    const recent = this.asked.filter((t) => t > now - DEMAND_WINDOW_MS).length;
    const expected = Math.floor((recent / DEMAND_WINDOW_MS) * Math.max(LOOKAHEAD_MS, 2 * this.bookingLatencyMs));
    // A busy process (a block's worth of asks in the last second) whose callers recently found no
    // slot in hand is held back by its own bookings (slow round trips, few callers): it keeps a
    // whole block ahead until it stops asking. A quiet one (write-back's few calls) books exactly
    // what it asks for, so it wastes no slot of the account.
    const starved = this.starvedAt > now - DEMAND_WINDOW_MS && recent >= this.maxBlock ? this.blockSize() : 0;
    return Math.max(this.queue.length + expected, starved);
  }

  /**
   * Slots per booking: `maxBlock`, larger (up to 4×) while a booking's round trip is longer than
   * half a block of schedule, so one booking at a time still keeps up with the account's rate.
   */
  private blockSize(): number {
    const blockMs = this.maxBlock * this.intervalMs();
    return this.maxBlock * Math.min(4, Math.max(1, Math.ceil((2 * this.bookingLatencyMs) / blockMs)));
  }

  /** Starts booking when fewer slots are in hand than wanted (one booking at a time). */
  private book(): void {
    if (this.leasing || this.wanted() <= this.slots.length) return;
    this.leasing = true;
    void this.bookWhileNeeded().finally(() => {
      this.leasing = false;
      this.poke();
    });
  }

  private async bookWhileNeeded(): Promise<void> {
    for (let wanted = this.wanted(); wanted > this.slots.length; wanted = this.wanted()) {
      const count = Math.min(this.blockSize(), wanted - this.slots.length);
      const interval = this.intervalMs();
      const now = this.now();
      // The schedule reaches at least as far as this process's own last block: no need to ask
      // the store (and be refused) before that end is within the horizon.
      if (this.bookedUntil - this.horizonMs > now) {
        await this.sleep(this.bookedUntil - this.horizonMs - now + this.jitter(count * interval)).catch(() => undefined);
        continue;
      }
      let decision: Reservation | Refusal;
      try {
        decision = await this.store.reserve({ spanMs: count * interval, now, horizonMs: this.horizonMs });
        this.bookingLatencyMs += (this.now() - now - this.bookingLatencyMs) / 8;
      } catch (error) {
        this.counters.storeErrors += 1;
        this.onStoreError?.(error);
        decision = this.reserveLocally(count, now);
      }
      if (decision.granted) {
        this.bookedUntil = decision.end;
        this.counters.booked += 1;
        const step = (decision.end - decision.start) / count;
        for (let i = 0; i < count; i += 1) this.slots.push(decision.start + i * step);
        this.slotsReceivedAt = this.now();
        this.poke();
        continue;
      }
      this.counters.refused += 1;
      await this.sleep(Math.max(1, decision.retryAt - now) + this.jitter(count * interval)).catch(() => undefined);
    }
  }

  /**
   * How far ahead this process may book: its priority's horizon plus two booking round trips, so a
   * slow store (dynalite on a busy machine) still gets the next block booked before the current
   * one runs out. The round trip is about the same for every process, so the priorities keep
   * their order.
   */
  private get horizonMs(): number {
    return this.baseHorizonMs + 2 * this.bookingLatencyMs;
  }

  /**
   * When the schedule reopens, every process that waits for it comes back: spread them over a
   * little of the window (half a block, at most half the horizon, so a lone process still books its
   * next block before the current one ends) so they do not all try in the same millisecond.
   */
  private jitter(blockMs: number): number {
    return (this.random() * Math.min(blockMs, this.horizonMs)) / 2;
  }

  /** Without the shared schedule, pace this process alone at the fallback rate. */
  private reserveLocally(count: number, now: number): Reservation {
    const start = Math.max(this.localTat, now);
    this.localTat = start + (count * 1000) / this.fallbackPerSecond;
    return { granted: true, start, end: this.localTat };
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
        const now = this.now();
        // Slots held unused while the schedule moved on are dropped (sending them now would be a
        // burst); slots that arrived late from a slow booking are still used.
        for (let oldest = this.slots[0]; oldest !== undefined && oldest < now - STALE_SLOT_MS && this.slotsReceivedAt < now - STALE_SLOT_MS; oldest = this.slots[0]) {
          this.slots.shift();
          this.counters.dropped += 1;
        }
        this.book();
        const slot = this.slots[0];
        if (slot === undefined) {
          this.starvedAt = now;
          await this.nap(IDLE_NAP_MS);
          continue;
        }
        const at = Math.max(slot, this.pausedUntil);
        if (head.deadline !== undefined && at > head.deadline) {
          // Its slot comes too late: fail it now and offer the slot to the next caller.
          this.settle(head, this.deadlineError(head.describe, `the account budget's next slot is ${Math.ceil(at - now)} ms away`));
          continue;
        }
        if (at > now) {
          await this.nap(at - now);
          continue;
        }
        this.slots.shift();
        this.settle(head);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async nap(ms: number): Promise<void> {
    const wake = new AbortController();
    this.wake = wake;
    try {
      await this.sleep(ms, wake.signal);
    } catch {
      // woken: slots arrived
    } finally {
      if (this.wake === wake) this.wake = undefined;
    }
  }

  private poke(): void {
    this.wake?.abort();
  }

  private settle(waiter: Waiter, error?: unknown): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    waiter.timer.abort();
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }

  private deadlineError(describe: { method: string; path: string }, detail: string): IconikDeadlineError {
    return new IconikDeadlineError(describe, detail);
  }
}
