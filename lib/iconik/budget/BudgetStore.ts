import type { Refusal, Reservation, ReservationRequest } from './scheduleReservation.js';

/** Where the account's schedule lives: DynamoDB deployed and locally (dynalite), memory in unit tests. */
export interface BudgetStore {
  /** Books `spanMs` of the account's schedule for this process, or says when to ask again. */
  reserve(request: ReservationRequest): Promise<Reservation | Refusal>;
}
