import { UsageError } from './command.js';

/** `--rate <requests/s>`: a cap on this command's iconik requests per second. */
export const rateOption = { type: 'string' } as const;

/** The `--rate` value, checked: a positive number of requests per second (or none given). */
export function readRate(value: unknown): { rate?: number } {
  if (value === undefined) return {};
  const rate = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(rate) || rate <= 0) throw new UsageError(`--rate takes requests per second > 0, got "${String(value)}"`);
  return { rate };
}

/**
 * The `ICONIK_RATE_SHARE` that makes the client's limiter (refilling at
 * `ICONIK_RATE_PER_SECOND × ICONIK_RATE_SHARE`) pace at `rate`; the burst window scales with it.
 */
export function shareForRate(rate: number, accountPerSecond: number): number {
  const share = rate / accountPerSecond;
  if (share > 1) throw new UsageError(`--rate ${rate} is above the account's limit (ICONIK_RATE_PER_SECOND = ${accountPerSecond})`);
  return Math.max(share, 0.001);
}
