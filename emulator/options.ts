import type { StoredRecord } from './store.js';
import type { WebhookDeliveryOptions } from './webhooks/Notifier.js';

/** One accepted App-ID / Auth-Token pair and who it authenticates as. */
export interface Credential {
  appId: string;
  authToken: string;
  userId: string;
  systemDomainId: string;
  /**
   * Whether the token's user is an iconik admin. The spec reserves some operations for admins
   * ("This endpoint is available only for admins"); a non-admin token gets 403 there.
   * @default true
   */
  admin?: boolean;
}

/** Where the bytes of S3 storages live: a real S3-protocol server (s3rver in tests). */
export interface S3BackendOptions {
  /** Endpoint URL, e.g. `http://127.0.0.1:4569`. */
  endpoint: string;
  /** Bucket of the default S3 FILES storage (must exist). */
  bucket: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default 'S3RVER' */
  accessKeyId?: string;
  /** @default 'S3RVER' */
  secretAccessKey?: string;
  /**
   * Hand out presigned URLs that go through the emulator (`<emulator>/_s3/...`, forwarded to the
   * S3 server unchanged) so faults can hit the bytes: operations `s3 PUT part`, `s3 PUT object`,
   * `s3 POST create`, `s3 POST complete` (e.g. `afterBytes` + `reset` breaks a part mid-upload).
   * @default false
   */
  proxy?: boolean;
}

/** iconik's rate limit as the emulator models it (notes §10 [C numbers via AE / I mechanics]). */
export interface RateLimitOptions {
  /** @default true */
  enabled?: boolean;
  /** Bucket size in requests. @default 1000 */
  capacity?: number;
  /** Leak rate in requests per second. @default 50 */
  drainPerSecond?: number;
  /** Send `Retry-After` (seconds) with 429; iconik's behaviour is unknown (notes §10 [?]). @default true */
  retryAfter?: boolean;
}

/** How jobs created by keyframes/mediainfo triggers progress (notes §13 [I]). */
export interface JobLifecycleOptions {
  /** Time from READY to STARTED and from STARTED to the end state. @default 50 */
  stepMs?: number;
  /** `finish` → FINISHED, `fail` → FAILED, `stuck` → stays STARTED forever. @default 'finish' */
  outcome?: 'finish' | 'fail' | 'stuck';
}

/** Options of `startEmulator`. Every field is optional; defaults are documented per field. */
export interface EmulatorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Accepted credentials. @default [defaultCredential, defaultNonAdminCredential] */
  credentials?: Credential[];
  /** Validate every response against the spec; a violation becomes a loud 500. @default false */
  strict?: boolean;
  rateLimit?: RateLimitOptions;
  jobs?: JobLifecycleOptions;
  /** S3 backend for S3 storages. Without it the default FILES storage is the GCS-style one. */
  s3?: S3BackendOptions;
  /** Storage records to start with. @default the set from `defaultStorages()` */
  storages?: StoredRecord[];
  /** Clock in epoch ms (rate limiter, timestamps, job progress). @default Date.now */
  now?: () => number;
  /** Seed of the fault injector's random choices. @default 1 */
  seed?: number;
  /** Load state from this JSON file at start (if it exists) and save it there on stop. */
  statePath?: string;
  /** Webhook delivery retries/backoff/timeout (`emulator/webhooks/Notifier.ts`). */
  webhooks?: WebhookDeliveryOptions;
  /** Search eventual consistency: a change is searchable `indexLagMs` after it. @default 0 */
  search?: { indexLagMs?: number };
}

/**
 * The credential accepted when none are configured. Documented in emulator/README.md; the CLI
 * overrides App-ID/Auth-Token from `ICONIK_APP_ID`/`ICONIK_AUTH_TOKEN`.
 */
export const defaultCredential: Credential = {
  appId: 'emulator-app-id',
  authToken: 'emulator-auth-token',
  userId: '00000000-0000-4000-8000-0000000000a1',
  systemDomainId: '00000000-0000-4000-8000-0000000000d1',
};

/**
 * A second credential accepted by default: the same App-ID and domain, another user, **not an
 * admin** — the kind of token a deployed bridge normally runs with. Tests choose it to check that
 * nothing depends on an admin-only endpoint.
 */
export const defaultNonAdminCredential: Credential = {
  appId: 'emulator-app-id',
  authToken: 'emulator-user-token',
  userId: '00000000-0000-4000-8000-0000000000a2',
  systemDomainId: '00000000-0000-4000-8000-0000000000d1',
  admin: false,
};

/** Fixed ids of the default storages, so tests and local config can name them. */
export const defaultStorageIds = {
  filesS3: '00000000-0000-4000-8000-000000000051',
  filesGcs: '00000000-0000-4000-8000-000000000052',
  keyframes: '00000000-0000-4000-8000-000000000053',
  proxies: '00000000-0000-4000-8000-000000000054',
} as const;
