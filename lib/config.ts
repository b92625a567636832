import * as z from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';

/**
 * Every setting the bridge reads from the environment, in one table. Each entry is the variable
 * name users type, its zod schema (with the default) and the line the configuration table in docs/configuration.md
 * shows. `test/lib/config.test.ts` keeps the docs table and this table in step.
 *
 * AWS endpoints for local servers are not here on purpose: the AWS SDK reads its own standard
 * variables (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SQS`, `AWS_REGION`).
 */

const bool = (dflt: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 't', 'f'].includes(v), {
      message: 'must be true or false',
    })
    .transform((v) => ['1', 'true', 'yes', 'on', 'y', 't'].includes(v))
    .optional()
    .transform((v) => v ?? dflt);

const int = (dflt: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .optional()
    .transform((v) => v ?? dflt);

const num = (dflt: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .optional()
    .transform((v) => v ?? dflt);

const optionalNum = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .optional();

const optionalText = z.string().trim().min(1).optional();

const list = (dflt: readonly string[] = []) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? [...dflt]
        : v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0),
    );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, dflt: T[number]) =>
  z
    .enum(values, { message: `must be one of ${values.join(', ')}` })
    .optional()
    .transform((v) => v ?? dflt);

const json = <T extends z.ZodType>(schema: T, dflt: z.infer<T>) =>
  z
    .string()
    .optional()
    .transform((v, ctx): z.infer<T> => {
      if (v === undefined || v.trim() === '') return dflt;
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
      const result = schema.safeParse(parsed);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
          ctx.addIssue({ code: 'custom', message: `${issue.message}${where}` });
        }
        return z.NEVER;
      }
      return result.data as z.infer<T>;
    });

const httpUrl = z
  .string()
  .trim()
  .url({ message: 'must be a URL' })
  .refine((u) => /^https?:\/\//.test(u), { message: 'must start with https:// (or http:// for a local server)' })
  .transform((u) => u.replace(/\/+$/, ''));

/** A regex given by a user, compiled once at start so a typo is a config error, not a runtime one. */
const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

export const pathRuleSchema = z.object({
  /** Regex with named groups, matched against the object key. */
  pattern: regexSource,
  /** Named group → iconik metadata field name. Omitted: each group name is the field name. */
  fields: z.record(z.string(), z.string()).optional(),
});

interface Setting {
  readonly schema: z.ZodType;
  readonly doc: string;
  /** Shown in docs/configuration.md; secrets are documented but never logged. */
  readonly secret?: boolean;
}

/** The settings table. Keys are the environment variable names. */
export const settings = {
  // iconik connection
  ICONIK_URL: { schema: httpUrl.optional().transform((v) => v ?? 'https://app.iconik.io'), doc: 'iconik base URL (regional hosts allowed, e.g. `https://app.iconik.io`, `https://eu.iconik.io`).' },
  ICONIK_APP_ID: { schema: optionalText, doc: 'iconik App-ID the bridge authenticates as. Required by every function that calls iconik.' },
  ICONIK_AUTH_TOKEN: { schema: optionalText, doc: 'iconik Auth-Token, for local use only. Deployed functions use `ICONIK_AUTH_TOKEN_SECRET`.', secret: true },
  ICONIK_AUTH_TOKEN_SECRET: {
    schema: optionalText,
    doc: 'Name or ARN of the Secrets Manager secret holding the Auth-Token, or an SSM SecureString parameter path (starting with `/`). Cached for `SECRETS_CACHE_SECONDS`.',
  },
  ICONIK_RATE_PER_SECOND: { schema: num(50, 0.1, 10_000), doc: "iconik's sustained request limit per second for the whole account." },
  ICONIK_RATE_WINDOW_MAX: { schema: int(1000, 1), doc: "iconik's burst limit: requests allowed in any `ICONIK_RATE_WINDOW_SECONDS` window." },
  ICONIK_RATE_WINDOW_SECONDS: { schema: num(20, 1, 3600), doc: 'Length of the burst window in seconds.' },
  ICONIK_RATE_BUDGET: {
    schema: oneOf(['auto', 'account', 'process'] as const, 'auto'),
    doc: "`account`: every process using this App-ID (Lambda instances, CLI, local stack) books one shared schedule in `LEDGER_TABLE` (item `budget#<App-ID>`), so together they stay under the account's limit and one alone may use all of it. `process`: each process paces itself at `ICONIK_RATE_SHARE` of the limit, unaware of the others. `auto`: `account` when `LEDGER_TABLE` is set.",
  },
  ICONIK_RATE_RESERVE: {
    schema: num(0.06, 0, 0.9),
    doc: 'Fraction of `ICONIK_RATE_PER_SECOND` the shared budget never books: left to people and other integrations (they also get room through `RateLimit-Remaining`).',
  },
  ICONIK_RATE_PRIORITY: {
    schema: oneOf(['high', 'normal', 'low'] as const, 'normal'),
    doc: 'Who gets the shared budget first when it is full: `high` (write-back, a person waits), `normal` (ingest, audits, CLI), `low` (only what the others leave).',
  },
  ICONIK_RATE_CAP: {
    schema: optionalNum(0.1, 10_000),
    doc: "At most this many iconik requests per second from this process, on top of the shared budget or the share (the CLI's `--rate`). Unset: no cap of its own.",
  },
  ICONIK_RATE_SHARE: {
    schema: num(1, 0.001, 1),
    doc: "With `ICONIK_RATE_BUDGET=process`, this process's share (0–1] of the account's limit. With the shared budget, the share it falls back to while `LEDGER_TABLE` cannot be reached.",
  },
  ICONIK_TIMEOUT_MS: { schema: int(30_000, 100, 900_000), doc: 'Timeout of one iconik request in milliseconds.' },
  ICONIK_MAX_RETRIES: { schema: int(5, 0, 50), doc: 'Retries of one retryable iconik request (429, 5xx, network) before giving up.' },
  DEADLINE_MARGIN_MS: { schema: int(5_000, 0, 600_000), doc: "Time kept back from the Lambda's remaining time: no wait or retry runs into it." },
  SECRETS_CACHE_SECONDS: { schema: int(300, 0, 86_400), doc: 'How long secrets fetched from Secrets Manager / SSM are cached in a warm function.' },

  // AWS resources
  LEDGER_TABLE: { schema: optionalText, doc: 'DynamoDB table of the ingest ledger and webhook dedupe entries.' },
  INGEST_QUEUE_URL: { schema: optionalText, doc: 'SQS queue of S3 notifications (audits re-enqueue missing objects here).' },
  WRITEBACK_QUEUE_URL: { schema: optionalText, doc: 'SQS queue the webhook receiver enqueues iconik events on.' },
  WATCH_BUCKETS: { schema: list(), doc: 'Comma-separated buckets the bridge ingests from (audits and webhook enrichment look only at these).' },
  RETRY_DELAYS_SECONDS: {
    schema: list(['30', '120', '600']).pipe(
      z.array(
        z
          .string()
          .regex(/^\d+$/, { message: 'must be whole seconds' })
          .transform(Number)
          .pipe(z.number().max(43_200, { message: 'must be at most 43200 (the SQS limit)' })),
      ),
    ),
    doc: "Comma-separated waits (seconds, ±20 % jitter) before a failed SQS message (ingest, write-back) is delivered again, after its 1st, 2nd, … failure; the last repeats. Set by `ChangeMessageVisibility`, instead of waiting the queue's visibility timeout. The last delivery (`INGEST_MAX_RECEIVES`) comes back at once, to the DLQ.",
  },

  // ingest
  INGEST_MODE: {
    schema: oneOf(['auto', 'upload', 'register', 'scan'] as const, 'auto'),
    doc: '`upload` copies bytes into iconik storage; `register` creates records in place (bucket is an iconik storage); `scan` asks iconik to scan; `auto` registers (or scans) when the object lies in an iconik S3 storage, else uploads.',
  },
  INGEST_AUTO_IN_STORAGE: { schema: oneOf(['register', 'scan'] as const, 'register'), doc: 'What `auto` does for objects inside an iconik S3 storage.' },
  INGEST_STORAGE_ID: { schema: optionalText, doc: "FILES storage to upload into; default: iconik's matching FILES storage." },
  INGEST_INCLUDE: { schema: list(), doc: 'Comma-separated glob patterns of keys to ingest (`*` within a folder, `**` across folders); empty means all.' },
  INGEST_EXCLUDE: { schema: list(), doc: 'Comma-separated glob patterns of keys never to ingest.' },
  INGEST_MIN_SIZE_BYTES: { schema: int(0, 0), doc: 'Objects smaller than this are skipped (zero-byte folder markers are always skipped).' },
  INGEST_PART_SIZE_MB: { schema: int(16, 5, 5120), doc: 'Smallest multipart part size in MiB; grows with the object so 5 TiB fits in 10,000 parts.' },
  INGEST_PART_CONCURRENCY: { schema: int(4, 1, 64), doc: 'Parts uploaded at once per object (memory ≈ concurrency × part size).' },
  INGEST_KEYFRAMES: { schema: bool(true), doc: 'Ask iconik to generate keyframes/proxies after the file is closed.' },
  INGEST_MEDIAINFO: {
    schema: bool(false),
    doc: "Also ask iconik for a separate media info job after the file is closed (one more call per object). iconik's own upload example and real clients trigger only keyframes.",
  },
  INGEST_LEASE_SECONDS: { schema: int(900, 10, 43_200), doc: 'How long one ingest attempt holds its ledger claim before another delivery may take over.' },
  INGEST_TAG_OBJECTS: { schema: bool(true), doc: 'Tag each ingested S3 object with its iconik asset id.' },
  INGEST_MAX_RECEIVES: {
    schema: int(5, 1, 1000),
    doc: "Delivery count (SQS `ApproximateReceiveCount`) at which an ingest failure is final: cleaned up, FAILED in the ledger, the message left to the DLQ. Match the queue's `maxReceiveCount`.",
  },
  INGEST_DELETE_POLICY: {
    schema: oneOf(['ignore', 'flag', 'delete'] as const, 'flag'),
    doc: "On `ObjectRemoved`: `flag` marks the asset's S3 status deleted, `delete` soft-deletes the asset, `ignore` does nothing.",
  },
  INGEST_VERSION_POLICY: { schema: oneOf(['new-version', 'new-asset'] as const, 'new-version'), doc: 'A new S3 version of an ingested key becomes a new iconik asset version, or a new asset.' },
  INGEST_SIDECAR_PATTERNS: { schema: list(['{key}.json', '{key}.metadata.json']), doc: 'Comma-separated JSON sidecar names, `{key}` standing for the media key.' },
  INGEST_METADATA_MAP: { schema: json(z.record(z.string(), z.string()), {}), doc: 'JSON object mapping S3 user metadata names (without `x-amz-meta-`) to iconik field names.' },
  INGEST_PATH_RULES: { schema: json(z.array(pathRuleSchema), []), doc: 'JSON array of `{ "pattern": regex with named groups, "fields"?: {group: field} }` applied to the key.' },
  INGEST_COLLECTIONS_ROOT_ID: { schema: optionalText, doc: "When set, the key's folders become nested iconik collections under this collection." },
  METADATA_VIEW_NAME: {
    schema: z
      .string()
      .trim()
      .min(1)
      .optional()
      .transform((v) => v ?? 'S3 Source'),
    doc: 'Name of the metadata view `bridge setup` creates for S3 provenance.',
  },
  METADATA_FIELD_PREFIX: {
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, { message: 'must be lower-case letters, digits and _' })
      .optional()
      .transform((v) => v ?? 's3_'),
    doc: 'Prefix of the provenance metadata field names (`s3_bucket`, `s3_key`…).',
  },

  // webhook receiver
  WEBHOOK_SECRET_HEADER: {
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .optional()
      .transform((v) => v ?? 'x-bridge-webhook-secret'),
    doc: 'Header iconik sends the shared secret in (set on the webhook by `bridge setup`).',
  },
  WEBHOOK_SECRET: { schema: optionalText, doc: 'Webhook secret, for local use only. Deployed: `WEBHOOK_SECRET_NAME`.', secret: true },
  WEBHOOK_SECRET_PREVIOUS: { schema: optionalText, doc: 'The previous webhook secret, still accepted during rotation (local use).', secret: true },
  WEBHOOK_SECRET_NAME: { schema: optionalText, doc: 'Secrets Manager secret (or SSM path) holding `{"current": "...", "previous": "..."}` or a plain secret string.' },
  WEBHOOK_SYSTEM_DOMAIN_ID: { schema: optionalText, doc: 'When set, webhooks from any other iconik system domain are refused (403).' },
  WEBHOOK_MAX_BODY_BYTES: {
    schema: int(262_144, 1024, 6_291_456),
    doc: 'Largest webhook body read; a larger authenticated delivery is acknowledged (202 `ignored`, reason `too-large`) and counted (`WebhookUnusable`).',
  },
  WEBHOOK_DEDUPE_HOURS: { schema: int(48, 1, 720), doc: 'How long a webhook `request_id` is remembered for dedupe.' },
  WEBHOOK_URL: { schema: httpUrl.optional(), doc: 'Public URL of the receiver, registered in iconik by `bridge setup`.' },
  WEBHOOK_ENRICH: {
    schema: bool(true),
    doc: "The write-back worker enriches assets iconik creates from watched buckets (scan mode, auto-scan, a user's scan) when their `entity` create or `files` event arrives: provenance, mapped user metadata, sidecars, ledger, asset id tag.",
  },

  // write-back
  WRITEBACK_TAG_FIELDS: { schema: list(), doc: 'Comma-separated iconik field names written back to S3 object tags (tag key = field name).' },
  WRITEBACK_SIDECAR: { schema: bool(true), doc: "Write a JSON sidecar with the view's values next to the object." },
  WRITEBACK_SIDECAR_SUFFIX: {
    schema: z
      .string()
      .min(1)
      .optional()
      .transform((v) => v ?? '.iconik.json'),
    doc: 'Suffix of the write-back sidecar (`<key><suffix>`).',
  },
  WRITEBACK_SIDECAR_PREFIX: { schema: optionalText, doc: 'When set, sidecars go under this prefix instead of next to the object.' },
  WRITEBACK_SIDECAR_BUCKET: {
    schema: optionalText,
    doc: 'When set, sidecars go to this bucket (`[<prefix>/]<source bucket>/<key><suffix>`) instead of the source bucket. Needed with `INGEST_MODE=register`/`scan`: a sidecar inside an iconik storage would be imported by a scan, so write-back never writes one there.',
  },
  WRITEBACK_VIEW_ID: {
    schema: optionalText,
    doc: 'Metadata view whose values write-back reads (tags and sidecar). Unset: the view named `METADATA_VIEW_NAME`, which `bridge setup` creates with the `WRITEBACK_TAG_FIELDS` in it (never the admin-only view-less read).',
  },

  // audits
  AUDIT_REPORT_BUCKET: { schema: optionalText, doc: 'Bucket audit reports are written to.' },
  AUDIT_REPORT_PREFIX: {
    schema: z
      .string()
      .optional()
      .transform((v) => (v ?? 'bridge-audits').replace(/^\/+|\/+$/g, '')),
    doc: 'Key prefix of audit reports (`<prefix>/<check>/<timestamp>.json|.md`).',
  },
  AUDIT_ALERT_TOPIC_ARN: { schema: optionalText, doc: 'SNS topic alerts are published to.' },
  AUDIT_ALERT_SEVERITY: { schema: oneOf(['info', 'warning', 'critical'] as const, 'warning'), doc: 'Lowest finding severity that publishes an alert.' },
  AUDIT_REPAIRS: {
    schema: list(),
    doc: 'Comma-separated repairs to perform (dry-run when empty): `fail-stale-transfers`, `abort-stuck-jobs`, `reenqueue-missing`, `reingest-disagreeing`, `fix-deleted-flag`, `enrich-unprovenanced`.',
  },
  AUDIT_JOB_WINDOW_HOURS: { schema: int(24, 1, 24 * 90), doc: 'How far back the jobs audit looks for FAILED jobs.' },
  AUDIT_STUCK_MINUTES: {
    schema: json(z.record(z.string(), z.number().positive()), {}),
    doc: 'JSON object of job type → minutes after which a STARTED/READY/WAITING job counts as stuck; `"default"` applies to the rest (60).',
  },
  AUDIT_SCAN_STALE_HOURS: { schema: int(24, 1, 24 * 90), doc: 'A scanning storage whose `last_scanned` is older than this is reported.' },
  AUDIT_AGREEMENT_MAX_CALLS: {
    schema: int(600, 10, 100_000),
    doc: 'iconik requests one `agreement` run may make (repairs included); the run stops starting objects before it would pass them and the next run continues from its cursor.',
  },
  AUDIT_AGREEMENT_VERIFY_MD5: {
    schema: bool(false),
    doc: 'The `agreement` check reads (streams) an object to compute its MD5 when its ETag is not one (multipart, SSE-KMS, SSE-C), instead of comparing its size only.',
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;

const envSchema = z.object(
  Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, v.schema])) as {
    [K in SettingName]: (typeof settings)[K]['schema'];
  },
);

/** The parsed environment, keyed by variable name. */
export type Settings = z.output<typeof envSchema>;

/** The bridge's configuration, grouped by area. */
export function toConfig(s: Settings) {
  return {
    iconik: {
      url: s.ICONIK_URL,
      appId: s.ICONIK_APP_ID,
      authToken: s.ICONIK_AUTH_TOKEN,
      authTokenSecret: s.ICONIK_AUTH_TOKEN_SECRET,
      rate: {
        perSecond: s.ICONIK_RATE_PER_SECOND,
        windowMax: s.ICONIK_RATE_WINDOW_MAX,
        windowSeconds: s.ICONIK_RATE_WINDOW_SECONDS,
        share: s.ICONIK_RATE_SHARE,
        budget: s.ICONIK_RATE_BUDGET === 'process' || (s.ICONIK_RATE_BUDGET === 'auto' && s.LEDGER_TABLE === undefined) ? ('process' as const) : ('account' as const),
        reserve: s.ICONIK_RATE_RESERVE,
        priority: s.ICONIK_RATE_PRIORITY,
        cap: s.ICONIK_RATE_CAP,
      },
      timeoutMs: s.ICONIK_TIMEOUT_MS,
      maxRetries: s.ICONIK_MAX_RETRIES,
    },
    deadlineMarginMs: s.DEADLINE_MARGIN_MS,
    secretsCacheSeconds: s.SECRETS_CACHE_SECONDS,
    ledgerTable: s.LEDGER_TABLE,
    ingestQueueUrl: s.INGEST_QUEUE_URL,
    writebackQueueUrl: s.WRITEBACK_QUEUE_URL,
    watchBuckets: s.WATCH_BUCKETS,
    retryDelaysSeconds: s.RETRY_DELAYS_SECONDS,
    ingest: {
      mode: s.INGEST_MODE,
      autoInStorage: s.INGEST_AUTO_IN_STORAGE,
      storageId: s.INGEST_STORAGE_ID,
      include: s.INGEST_INCLUDE,
      exclude: s.INGEST_EXCLUDE,
      minSizeBytes: s.INGEST_MIN_SIZE_BYTES,
      partSizeBytes: s.INGEST_PART_SIZE_MB * 1024 * 1024,
      partConcurrency: s.INGEST_PART_CONCURRENCY,
      keyframes: s.INGEST_KEYFRAMES,
      mediainfo: s.INGEST_MEDIAINFO,
      leaseSeconds: s.INGEST_LEASE_SECONDS,
      tagObjects: s.INGEST_TAG_OBJECTS,
      maxReceives: s.INGEST_MAX_RECEIVES,
      deletePolicy: s.INGEST_DELETE_POLICY,
      versionPolicy: s.INGEST_VERSION_POLICY,
      sidecarPatterns: s.INGEST_SIDECAR_PATTERNS,
      metadataMap: s.INGEST_METADATA_MAP,
      pathRules: s.INGEST_PATH_RULES,
      collectionsRootId: s.INGEST_COLLECTIONS_ROOT_ID,
    },
    metadata: {
      viewName: s.METADATA_VIEW_NAME,
      fieldPrefix: s.METADATA_FIELD_PREFIX,
    },
    webhook: {
      secretHeader: s.WEBHOOK_SECRET_HEADER,
      secret: s.WEBHOOK_SECRET,
      secretPrevious: s.WEBHOOK_SECRET_PREVIOUS,
      secretName: s.WEBHOOK_SECRET_NAME,
      systemDomainId: s.WEBHOOK_SYSTEM_DOMAIN_ID,
      maxBodyBytes: s.WEBHOOK_MAX_BODY_BYTES,
      dedupeHours: s.WEBHOOK_DEDUPE_HOURS,
      url: s.WEBHOOK_URL,
      enrich: s.WEBHOOK_ENRICH,
    },
    writeback: {
      tagFields: s.WRITEBACK_TAG_FIELDS,
      sidecar: s.WRITEBACK_SIDECAR,
      sidecarSuffix: s.WRITEBACK_SIDECAR_SUFFIX,
      sidecarPrefix: s.WRITEBACK_SIDECAR_PREFIX,
      sidecarBucket: s.WRITEBACK_SIDECAR_BUCKET,
      viewId: s.WRITEBACK_VIEW_ID,
    },
    audit: {
      reportBucket: s.AUDIT_REPORT_BUCKET,
      reportPrefix: s.AUDIT_REPORT_PREFIX,
      alertTopicArn: s.AUDIT_ALERT_TOPIC_ARN,
      alertSeverity: s.AUDIT_ALERT_SEVERITY,
      repairs: s.AUDIT_REPAIRS,
      jobWindowHours: s.AUDIT_JOB_WINDOW_HOURS,
      stuckMinutes: s.AUDIT_STUCK_MINUTES,
      scanStaleHours: s.AUDIT_SCAN_STALE_HOURS,
      agreementMaxCalls: s.AUDIT_AGREEMENT_MAX_CALLS,
      agreementVerifyMd5: s.AUDIT_AGREEMENT_VERIFY_MD5,
    },
  };
}

export type Config = ReturnType<typeof toConfig>;

const KNOWN_REPAIRS = ['fail-stale-transfers', 'abort-stuck-jobs', 'reenqueue-missing', 'reingest-disagreeing', 'fix-deleted-flag', 'enrich-unprovenanced'];

export interface LoadConfigOptions {
  /** Settings this function cannot run without (reported together with every other problem). */
  readonly require?: readonly SettingName[];
  /** Whether the iconik credentials are needed (App-ID plus a token or a token secret). */
  readonly needsIconik?: boolean;
}

/**
 * Parses the environment into the bridge's configuration. Pure: pass `process.env`.
 * Throws one `ConfigError` listing every bad or missing setting; no value ever appears in it.
 */
export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): Config {
  // Empty strings mean "unset": serverless and shells often export VAR= for optional settings.
  const cleaned = Object.fromEntries(Object.keys(settings).map((k) => [k, env[k] === undefined || env[k]?.trim() === '' ? undefined : env[k]]));
  const issues: ConfigIssue[] = [];
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    for (const issue of result.error.issues) {
      issues.push({ setting: String(issue.path[0] ?? 'environment'), problem: issue.message });
    }
  }
  for (const name of options.require ?? []) {
    if (cleaned[name] === undefined) issues.push({ setting: name, problem: 'is required' });
  }
  if (options.needsIconik) {
    if (cleaned.ICONIK_APP_ID === undefined && !(options.require ?? []).includes('ICONIK_APP_ID')) {
      issues.push({ setting: 'ICONIK_APP_ID', problem: 'is required' });
    }
    if (cleaned.ICONIK_AUTH_TOKEN === undefined && cleaned.ICONIK_AUTH_TOKEN_SECRET === undefined) {
      issues.push({ setting: 'ICONIK_AUTH_TOKEN_SECRET', problem: 'is required (or ICONIK_AUTH_TOKEN for local use)' });
    }
  }
  if (result.success && result.data.ICONIK_RATE_BUDGET === 'account' && cleaned.LEDGER_TABLE === undefined) {
    issues.push({ setting: 'LEDGER_TABLE', problem: 'is required by ICONIK_RATE_BUDGET=account (the shared budget lives there)' });
  }
  if (result.success) {
    for (const repair of result.data.AUDIT_REPAIRS) {
      if (!KNOWN_REPAIRS.includes(repair)) {
        issues.push({ setting: 'AUDIT_REPAIRS', problem: `unknown repair "${repair.slice(0, 40)}" (known: ${KNOWN_REPAIRS.join(', ')})` });
      }
    }
  }
  if (issues.length > 0 || !result.success) throw new ConfigError(dedupeIssues(issues));
  return toConfig(result.data);
}

function dedupeIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.setting}\u0000${i.problem}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
