import { describe, expect, it } from 'vitest';
import { maxInWindow } from '../../../../bench/harness/maxInWindow.js';
import { AccountBudget, type AccountBudgetOptions, type RatePriority } from '../../../../lib/iconik/budget/AccountBudget.js';
import type { BudgetStore } from '../../../../lib/iconik/budget/BudgetStore.js';
import { MemoryBudgetStore } from '../../../../lib/iconik/budget/MemoryBudgetStore.js';
import { IconikDeadlineError } from '../../../../lib/iconik/errors.js';
import { seededRandom } from '../../../../bench/harness/seededRandom.js';
import { FakeClock } from '../fakeClock.js';

const call = { method: 'GET', path: '/API/assets/v1/assets/' };
const LIMIT = 50;
let seed = 1;

/** One process's budget on the shared store, on the fake clock, with iconik's numbers. */
function budget(clock: FakeClock, store: BudgetStore, options: Partial<AccountBudgetOptions> = {}): AccountBudget {
  return new AccountBudget({ store, perSecond: LIMIT, reserve: 0.06, adapt: { capacity: 1000 }, now: clock.now, sleep: clock.sleep, random: seededRandom(seed++), ...options });
}

/** `callers` loops that each take a slot as soon as the previous one was granted, until `untilMs`. */
function saturate(b: AccountBudget, clock: FakeClock, callers: number, untilMs: number, times: number[] = []): { times: number[]; done: Promise<unknown> } {
  const loop = async () => {
    while (clock.now() < untilMs) {
      await b.acquire(undefined, call);
      times.push(clock.now());
    }
  };
  return { times, done: Promise.all(Array.from({ length: callers }, loop)) };
}

/** One request every `everyMs` (a steady demand below the budget), until `untilMs`; records the wait of each. */
function steady(b: AccountBudget, clock: FakeClock, everyMs: number, untilMs: number): { times: number[]; waits: number[]; done: Promise<unknown> } {
  const times: number[] = [];
  const waits: number[] = [];
  const loop = async () => {
    while (clock.now() < untilMs) {
      const asked = clock.now();
      await b.acquire(undefined, call);
      times.push(clock.now());
      waits.push(clock.now() - asked);
      await clock.sleep(everyMs);
    }
  };
  return { times, waits, done: loop() };
}

/** An open-loop demand: a request every 1/perSecond s whether or not the earlier ones were served. */
function offer(b: AccountBudget, clock: FakeClock, perSecond: number, untilMs: number): { times: number[]; waits: number[] } {
  const times: number[] = [];
  const waits: number[] = [];
  void (async () => {
    while (clock.now() < untilMs) {
      const asked = clock.now();
      void b.acquire(undefined, call).then(() => {
        times.push(clock.now());
        waits.push(clock.now() - asked);
      });
      await clock.sleep(1000 / perSecond);
    }
  })();
  return { times, waits };
}

const between = (times: readonly number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;

describe('AccountBudget', () => {
  it('lets one process alone use the whole budget (the account limit minus the reserve), never more', async () => {
    const clock = new FakeClock();
    const b = budget(clock, new MemoryBudgetStore());

    const run = saturate(b, clock, 8, 20_000);
    await clock.run(22_000);
    await run.done;

    // 47 req/s booked: ≥ 0.9 × the limit, and no 1 s window above the booked rate (+ one block's rounding).
    expect(between(run.times, 0, 20_000) / 20).toBeGreaterThanOrEqual(0.9 * LIMIT);
    expect(between(run.times, 0, 20_000) / 20).toBeLessThanOrEqual(0.94 * LIMIT + 0.1);
    expect(maxInWindow(run.times, 1000)).toBeLessThanOrEqual(48);
  });

  it('shares the budget between processes: together they send what one would, split about evenly', async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    const runs = Array.from({ length: 6 }, () => saturate(budget(clock, store), clock, 4, 20_000));

    await clock.run(22_000);
    await Promise.all(runs.map((r) => r.done));

    const all = runs.flatMap((r) => r.times);
    expect(between(all, 0, 20_000) / 20).toBeGreaterThanOrEqual(0.9 * LIMIT);
    expect(maxInWindow(all, 10_000)).toBeLessThanOrEqual(0.94 * LIMIT * 10 + 5);
    for (const r of runs) expect(between(r.times, 0, 20_000) / 20).toBeGreaterThan((0.94 * LIMIT) / 6 / 2);
  });

  it('books small blocks: one slot per ask for a quiet caller (no slot wasted), up to maxBlock when many wait', async () => {
    const clock = new FakeClock();
    const lone = new MemoryBudgetStore();
    const single = steady(budget(clock, lone), clock, 250, 2_000); // a quiet process: 4 asks a second
    await clock.run(4_000);
    await single.done;
    expect(lone.reservations).toBe(single.times.length);

    const busy = new MemoryBudgetStore();
    const many = saturate(budget(clock, busy, { maxBlock: 5 }), clock, 20, clock.now() + 2_000);
    await clock.run(clock.now() + 4_000);
    await many.done;
    expect(many.times.length).toBeGreaterThan(80);
    expect(busy.reservations).toBeLessThanOrEqual(Math.ceil(many.times.length / 5) + 5);
  });

  it('serves write-back (high) ahead of saturating ingest and a backfill (normal): its demand is met, the backfill shares with ingest', async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    const ingest = Array.from({ length: 4 }, () => saturate(budget(clock, store, { priority: 'normal' }), clock, 4, 20_000));
    const writeback = offer(budget(clock, store, { priority: 'high' }), clock, 15, 20_000);
    const backfill = offer(budget(clock, store, { priority: 'normal' }), clock, 15, 20_000); // the same demand

    await clock.run(22_000);
    await Promise.all(ingest.map((r) => r.done));

    const ingestRate =
      between(
        ingest.flatMap((r) => r.times),
        0,
        20_000,
      ) / 20;
    const writebackRate = between(writeback.times, 0, 20_000) / 20;
    const backfillRate = between(backfill.times, 0, 20_000) / 20;
    expect(writebackRate).toBeGreaterThanOrEqual(14.5);
    expect(Math.max(...writeback.waits)).toBeLessThanOrEqual(400);
    expect(backfillRate).toBeLessThan(0.75 * writebackRate);
    expect(ingestRate + writebackRate + backfillRate).toBeGreaterThanOrEqual(0.9 * LIMIT);
    expect(ingestRate + writebackRate + backfillRate).toBeLessThanOrEqual(0.94 * LIMIT + 0.5);
  });

  it('gives low priority only what the others leave, and everything once they stop', async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    const normal = saturate(budget(clock, store, { priority: 'normal' }), clock, 8, 10_000);
    const low = saturate(budget(clock, store, { priority: 'low' as RatePriority }), clock, 8, 20_000);

    await clock.run(22_000);
    await Promise.all([normal.done, low.done]);

    expect(between(low.times, 1_000, 10_000)).toBeLessThan(between(normal.times, 1_000, 10_000) / 10);
    expect(between(low.times, 12_000, 20_000) / 8).toBeGreaterThanOrEqual(0.9 * LIMIT);
  });

  it('slows every later booking down as RateLimit-Remaining falls, and recovers when it refills', async () => {
    const clock = new FakeClock();
    const b = budget(clock, new MemoryBudgetStore());
    const run = saturate(b, clock, 8, 30_000);

    await clock.run(10_000);
    b.observeRemaining(1000 - 40); // the account's bucket holds 40: someone else sends too
    const factor = b.slowDownFactor;
    await clock.run(20_000);
    b.observeRemaining(999);
    await clock.run(32_000);
    await run.done;

    expect(factor).toBeCloseTo(0.5, 5); // (40 − 10) of a 60-request span
    const full = between(run.times, 2_000, 10_000) / 8;
    const slowed = between(run.times, 12_000, 20_000) / 8;
    expect(slowed / full).toBeGreaterThan(0.45);
    expect(slowed / full).toBeLessThan(0.55);
    expect(between(run.times, 22_000, 30_000) / 8).toBeCloseTo(full, -0.5);
  });

  it('fails a caller whose slot comes after its deadline, at once when the slot is known, and the slot goes to the next', async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    store.tat = 100; // the schedule is booked 100 ms ahead (within the normal horizon)
    const b = budget(clock, store, { maxBlock: 1 });

    const late = b.acquire(50, call);
    let patientAt = -1;
    const patient = b.acquire(undefined, call).then(() => (patientAt = clock.now()));
    const rejected = late.then(
      () => 'granted',
      (e: unknown) => e,
    );
    await clock.run(1_000);

    expect(await rejected).toBeInstanceOf(IconikDeadlineError);
    await patient;
    expect(patientAt).toBe(100); // the first slot booked, which the late caller could not use
  });

  it('stops waiting when the caller aborts', async () => {
    const clock = new FakeClock();
    const store = new MemoryBudgetStore();
    store.tat = 10_000_000; // booked far beyond any horizon
    const b = budget(clock, store);
    const abort = new AbortController();

    const waiting = b.acquire(undefined, call, abort.signal).then(
      () => 'granted',
      (e: unknown) => e,
    );
    await clock.run(1_000);
    abort.abort(new Error('stop'));

    expect(await waiting).toEqual(new Error('stop'));
  });

  it('falls back to its own pace (ICONIK_RATE_SHARE of the limit) while the store fails', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const broken: BudgetStore = { reserve: () => Promise.reject(new Error('ResourceNotFoundException')) };
    const b = budget(clock, broken, { fallbackPerSecond: 5, onStoreError: (e) => errors.push(e) });

    const run = saturate(b, clock, 4, 10_000);
    await clock.run(12_000);
    await run.done;

    expect(between(run.times, 0, 10_000) / 10).toBeGreaterThanOrEqual(4.5);
    expect(between(run.times, 0, 10_000) / 10).toBeLessThanOrEqual(5.5);
    expect(errors.length).toBeGreaterThan(0);
    expect(b.stats().storeErrors).toBe(errors.length);
  });

  it('holds its callers after a 429 (pauseFor)', async () => {
    const clock = new FakeClock();
    const b = budget(clock, new MemoryBudgetStore());
    const run = saturate(b, clock, 4, 5_000);

    await clock.run(1_000);
    const pausedAt = clock.now();
    b.pauseFor(2_000);
    await clock.run(7_000);
    await run.done;

    expect(between(run.times, pausedAt + 1, pausedAt + 2_000)).toBe(0);
    expect(between(run.times, pausedAt + 2_000, 5_000)).toBeGreaterThan(70);
  });
});
