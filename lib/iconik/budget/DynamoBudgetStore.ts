import { BudgetLedger } from '../../ledger/BudgetLedger.js';
import type { LedgerDb } from '../../ledger/table.js';
import type { BudgetStore } from './BudgetStore.js';
import { scheduleReservation, type Refusal, type Reservation, type ReservationRequest } from './scheduleReservation.js';

export interface DynamoBudgetStoreOptions {
  readonly db: LedgerDb;
  readonly tableName: string;
  /** The item's key, `ledgerKeys.budget(account)`. */
  readonly key: string;
}

/** Races lost in a row before giving the caller a short refusal instead (many processes at once). */
const MAX_RACES = 4;

/**
 * The account's schedule as the ledger's `budget#` item (`BudgetLedger`: `tat`, where the booked
 * schedule ends), booked with one conditional update per block:
 *
 * - extend: `tat + span` if `now ≤ tat ≤ now + horizon` (someone booked ahead of us);
 * - restart: `now + span` if the item is new or `tat < now` (the schedule ran dry).
 *
 * The store guesses which of the two applies from the `tat` it last saw; when the guess fails it
 * reads the item (consistent read) and either books the other way or returns a refusal with the
 * time the schedule will be within the caller's horizon again.
 */
export class DynamoBudgetStore implements BudgetStore {
  private lastTat: number | undefined;
  private readonly ledger: BudgetLedger;
  private readonly key: string;

  constructor(options: DynamoBudgetStoreOptions) {
    this.ledger = new BudgetLedger(options.db, options.tableName);
    this.key = options.key;
  }

  async reserve(request: ReservationRequest): Promise<Reservation | Refusal> {
    let tat = this.lastTat;
    for (let race = 0; race < MAX_RACES; race += 1) {
      const decision = scheduleReservation(tat, request);
      if (!decision.granted) return decision;
      const mode = decision.start === request.now && (tat === undefined || tat < request.now) ? 'restart' : 'extend';
      const booked = await this.ledger.book(this.key, mode, request);
      if (booked !== undefined) {
        this.lastTat = booked;
        return { granted: true, start: booked - request.spanMs, end: booked };
      }
      tat = this.lastTat = await this.ledger.readTat(this.key);
    }
    return { granted: false, retryAt: request.now + request.spanMs };
  }
}
