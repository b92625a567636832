/** A block of the account's schedule this process may use: slots from `start` to `end` (epoch ms). */
export interface Reservation {
  readonly granted: true;
  readonly start: number;
  readonly end: number;
}

/** The schedule is booked too far ahead for this caller's priority: ask again at `retryAt`. */
export interface Refusal {
  readonly granted: false;
  readonly retryAt: number;
}

export interface ReservationRequest {
  /** Schedule time the block takes: slots × the account's interval (longer while slowed down). */
  readonly spanMs: number;
  readonly now: number;
  /** How far ahead of `now` the block may start (the caller's priority). */
  readonly horizonMs: number;
}

/**
 * GCRA on a shared schedule, decided from the schedule's end (`tat`, the theoretical arrival time
 * of the next free slot). Pure: the DynamoDB store applies the same rule as a conditional update.
 *
 * - Nothing booked ahead (`tat` unset or in the past): the block starts now. Unused time is not
 *   saved up, so the account never bursts after a quiet spell.
 * - Booked ahead but within the horizon: the block starts where the schedule ends.
 * - Booked beyond the horizon: refused until the schedule's end is within reach again.
 */
export function scheduleReservation(tat: number | undefined, request: ReservationRequest): Reservation | Refusal {
  const { spanMs, now, horizonMs } = request;
  if (tat === undefined || tat < now) return { granted: true, start: now, end: now + spanMs };
  if (tat <= now + horizonMs) return { granted: true, start: tat, end: tat + spanMs };
  return { granted: false, retryAt: tat - horizonMs };
}
