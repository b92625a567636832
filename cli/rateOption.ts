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
 * The `--rate` as this process's `ICONIK_RATE_CAP`: applied on top of the account's shared budget
 * (or of the process's share), so the command never sends more than asked, and never more than the
 * account allows.
 */
export function capForRate(rate: number, accountPerSecond: number): string {
  if (rate > accountPerSecond) throw new UsageError(`--rate ${rate} is above the account's limit (ICONIK_RATE_PER_SECOND = ${accountPerSecond})`);
  return String(rate);
}
