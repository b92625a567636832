import type { BudgetStore } from './BudgetStore.js';
import { scheduleReservation, type Refusal, type Reservation, type ReservationRequest } from './scheduleReservation.js';

/**
 * The schedule in memory: one process's clients sharing one budget (unit tests; a stand-in for the
 * DynamoDB item with exactly its rule). `reservations` counts the granted blocks.
 */
export class MemoryBudgetStore implements BudgetStore {
  tat: number | undefined;
  reservations = 0;

  reserve(request: ReservationRequest): Promise<Reservation | Refusal> {
    const decision = scheduleReservation(this.tat, request);
    if (decision.granted) {
      this.tat = decision.end;
      this.reservations += 1;
    }
    return Promise.resolve(decision);
  }
}
