import { randomUUID } from 'node:crypto';
import type { FaultInjector } from './FaultInjector.js';
import type { LeakyBucket } from './LeakyBucket.js';
import type { Credential, JobLifecycleOptions, RateLimitOptions } from './options.js';
import type { S3Backend } from './S3Backend.js';
import type { Stats } from './Stats.js';
import type { Store } from './store.js';
import type { Notifier } from './webhooks/Notifier.js';

/**
 * Everything shared by the request pipeline, the routes and the control API of one emulator
 * instance. Routes reach state only through this (never module scope), so two emulators in one
 * process stay independent.
 */
export interface Runtime {
  store: Store;
  /** Injected clock, epoch ms. */
  now(): number;
  /** The emulator's base URL (`http://127.0.0.1:PORT`), known once it listens. */
  baseUrl: string;
  credentials: Credential[];
  strict: boolean;
  rateLimit: Required<RateLimitOptions>;
  jobs: Required<JobLifecycleOptions>;
  limiter: LeakyBucket;
  faults: FaultInjector;
  stats: Stats;
  /** Present when an S3 endpoint is configured. */
  s3?: S3Backend;
  /** Webhook deliveries and the change feed (`emulator/webhooks/`); set by `startEmulator`. */
  notifier?: Notifier;
  /** Search index lag: a change becomes searchable `indexLagMs` after it (notes §13 [I]). */
  search?: { indexLagMs: number };
}

/** A new iconik id (iconik ids are UUIDs, notes §4 [C]). */
export function newId(): string {
  return randomUUID();
}

/**
 * A timestamp as iconik writes it: ISO 8601 with microseconds and an explicit `+00:00` offset,
 * e.g. `2021-07-30T15:16:54.406403+00:00` (notes §1 [C], TUT responses).
 */
export function iconikTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
