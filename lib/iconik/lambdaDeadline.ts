/**
 * The deadline for iconik calls inside a Lambda invocation: now + remaining time − margin (epoch ms).
 * Pass it as `CallOptions.deadline`, or compute it per invocation in the client's `deadline` provider,
 * so no rate-limit wait or retry outlives the function (`DEADLINE_MARGIN_MS`).
 */
export function lambdaDeadline(context: { getRemainingTimeInMillis(): number }, marginMs: number, now: number = Date.now()): number {
  return now + Math.max(0, context.getRemainingTimeInMillis() - marginMs);
}
