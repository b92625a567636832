import { loadConfig, type Config } from '../../../lib/config.js';
import type { AuditedJob } from '../../../lib/audit/decideStuckJob.js';
import type { AuditedStorage } from '../../../lib/audit/classifyStorage.js';
import type { AuditedWebhook } from '../../../lib/audit/classifyWebhook.js';
import type { AgreementAsset, AgreementFile, AuditAws, AuditIconik, AuditLedger, AuditRepairs, JobsQuery, LedgerObjectState, ListedObject, ObjectFacts } from '../../../lib/audit/ports.js';
import type { ProvenanceValue } from '../../../lib/audit/readProvenance.js';

/** One asset of the fake iconik as the agreement check reads it. */
export interface FakeAsset {
  asset: AgreementAsset;
  files: AgreementFile[];
  values: Record<string, ProvenanceValue[]>;
}

/** In-memory iconik for the audit's port: filters, sorting and paging like the real list endpoints. */
export class FakeIconik implements AuditIconik {
  storages: AuditedStorage[] = [];
  matching = new Set(['FILES', 'KEYFRAMES', 'PROXIES']);
  jobs: AuditedJob[] = [];
  webhooks: AuditedWebhook[] = [];
  assets = new Map<string, string>();
  /** Assets for the agreement check (`asset`, `assetFiles`, `provenanceValues`). */
  readonly full = new Map<string, FakeAsset>();
  /** Files per storage id (`storageFiles`). */
  readonly storageFileList = new Map<string, AgreementFile[]>();
  /** Every request made (the agreement's budget counter). */
  requests = 0;
  readonly calls: string[] = [];
  aborted: string[] = [];
  failed: string[] = [];
  failListJobs = false;

  async listStorages(page: number, perPage: number) {
    this.requests += 1;
    this.calls.push(`storages ${page}`);
    return paged(this.storages, page, perPage);
  }

  async matchingStorage(purpose: string) {
    this.calls.push(`matching ${purpose}`);
    return this.matching.has(purpose) ? { id: `m-${purpose}` } : undefined;
  }

  async listJobs(q: JobsQuery) {
    this.calls.push(`jobs ${q.status} ${q.date_modified} p${q.page}`);
    if (this.failListJobs) throw new Error('boom 500');
    const [from, to] = q.date_modified.split(';').map(Number) as [number, number];
    const matching = this.jobs
      .filter((j) => j.status === q.status)
      .filter((j) => {
        const t = Date.parse(j.date_modified ?? '');
        return t >= from && t <= to;
      })
      .sort((a, b) => Date.parse(a.date_modified ?? '') - Date.parse(b.date_modified ?? ''));
    return paged(matching, q.page, q.per_page);
  }

  async abortJobs(ids: readonly string[]) {
    this.aborted.push(...ids);
    for (const j of this.jobs) if (ids.includes(j.id)) (j as { status?: string }).status = 'ABORTED';
  }

  async failJob(id: string) {
    this.failed.push(id);
    for (const j of this.jobs) if (j.id === id) (j as { status?: string }).status = 'FAILED';
  }

  async listWebhooks(page: number, perPage: number) {
    return paged(this.webhooks, page, perPage);
  }

  async assetStatus(id: string) {
    const status = this.assets.get(id);
    return status === undefined ? undefined : { status };
  }

  async asset(id: string) {
    this.requests += 1;
    this.calls.push(`asset ${id}`);
    return this.full.get(id)?.asset;
  }

  async assetFiles(id: string) {
    this.requests += 1;
    return [...(this.full.get(id)?.files ?? [])];
  }

  async provenanceValues(id: string) {
    this.requests += 1;
    this.calls.push(`values ${id}`);
    return this.full.get(id)?.values ?? {};
  }

  async storageFiles(storageId: string, page: number, perPage: number) {
    this.requests += 1;
    this.calls.push(`storage files ${storageId} p${page}`);
    return paged(this.storageFileList.get(storageId) ?? [], page, perPage);
  }

  requestsMade() {
    return this.requests;
  }
}

/** A file record of the fake iconik. */
export function fakeFile(f: Partial<AgreementFile> & { id: string }): AgreementFile {
  return { assetId: undefined, versionId: undefined, status: 'CLOSED', size: undefined, checksum: undefined, storageId: undefined, directoryPath: undefined, name: undefined, ...f };
}

/** Records what the agreement's repairs were asked to do. */
export class FakeRepairs implements AuditRepairs {
  readonly refreshed: { bucket: string; key: string; assetId: string; eTag: string | undefined }[] = [];
  readonly removals: string[] = [];
  readonly enriched: string[] = [];
  enrichOutcome = 'enriched';
  constructor(private readonly iconik?: FakeIconik) {}

  async refreshProvenance(r: { bucket: string; key: string; assetId: string; head: ObjectFacts }) {
    if (this.iconik) this.iconik.requests += 3;
    this.refreshed.push({ bucket: r.bucket, key: r.key, assetId: r.assetId, eTag: r.head.eTag });
    return { changedFields: ['s3_status'] };
  }

  async applyRemoval(bucket: string, key: string) {
    if (this.iconik) this.iconik.requests += 3;
    this.removals.push(`${bucket}/${key}`);
    return 'flagged';
  }

  async enrichScanned(assetId: string) {
    if (this.iconik) this.iconik.requests += 5;
    this.enriched.push(assetId);
    return { outcome: this.enrichOutcome };
  }
}

function paged<T>(all: readonly T[], page: number, perPage: number) {
  return { objects: all.slice((page - 1) * perPage, page * perPage), pages: Math.max(1, Math.ceil(all.length / perPage)) };
}

export class FakeAws implements AuditAws {
  readonly buckets = new Map<string, ListedObject[]>();
  unreachable = new Set<string>();
  readonly puts = new Map<string, { body: string; contentType: string }>();
  readonly messages: { queueUrl: string; body: string }[] = [];
  readonly alerts: { topicArn: string; subject: string; message: string }[] = [];

  async headBucket(bucket: string) {
    if (this.unreachable.has(bucket)) throw Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });
  }

  /** HEAD facts beyond the listing (SSE, version id, content type), by `bucket/key`. */
  readonly heads = new Map<string, Partial<ObjectFacts>>();
  /** Object bodies for `objectMd5`, by `bucket/key`. */
  readonly bodies = new Map<string, Buffer>();
  readonly md5Reads: string[] = [];
  readonly listings: string[] = [];

  async listObjects(bucket: string, token: string | undefined, startAfter?: string) {
    this.listings.push([bucket, token, startAfter].filter((p) => p !== undefined).join(' '));
    const all = [...(this.buckets.get(bucket) ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const start = token !== undefined ? Number(token) : startAfter !== undefined ? all.findIndex((o) => o.key > startAfter) : 0;
    if (start < 0) return { objects: [], nextToken: undefined };
    const next = start + 2;
    return { objects: all.slice(start, next), nextToken: next < all.length ? String(next) : undefined };
  }

  async objectExists(bucket: string, key: string) {
    return (this.buckets.get(bucket) ?? []).some((o) => o.key === key);
  }

  async headObject(bucket: string, key: string) {
    const o = (this.buckets.get(bucket) ?? []).find((x) => x.key === key);
    if (o === undefined) return undefined;
    return {
      size: o.size,
      eTag: o.eTag?.replace(/"/g, ''),
      versionId: undefined,
      lastModified: o.lastModified,
      contentType: undefined,
      serverSideEncryption: undefined,
      sseCustomerAlgorithm: undefined,
      userMetadata: undefined,
      ...this.heads.get(`${bucket}/${key}`),
    };
  }

  async objectMd5(bucket: string, key: string) {
    this.md5Reads.push(`${bucket}/${key}`);
    const body = this.bodies.get(`${bucket}/${key}`);
    if (body === undefined) throw new Error(`no body for ${bucket}/${key}`);
    const { createHash } = await import('node:crypto');
    return { md5: createHash('md5').update(body).digest('hex'), bytes: body.length };
  }

  async putObject(bucket: string, key: string, body: string, contentType: string) {
    this.puts.set(`${bucket}/${key}`, { body, contentType });
  }

  async sendMessages(queueUrl: string, bodies: readonly string[]) {
    for (const body of bodies) this.messages.push({ queueUrl, body });
    return { failedIndexes: [] };
  }

  async publishAlert(topicArn: string, subject: string, message: string) {
    this.alerts.push({ topicArn, subject, message });
  }
}

export class FakeLedger implements AuditLedger {
  readonly cursors = new Map<string, unknown>();
  readonly objects = new Map<string, LedgerObjectState>();
  /** Asset ids with an `asset#` item. */
  readonly assetItems = new Set<string>();

  async knownAssets(ids: readonly string[]) {
    return new Set(ids.filter((id) => this.assetItems.has(id)));
  }

  async loadCursor(check: string) {
    return this.cursors.get(check);
  }

  async saveCursor(check: string, cursor: unknown) {
    if (cursor === undefined) this.cursors.delete(check);
    else this.cursors.set(check, structuredClone(cursor));
  }

  async objectStates(bucket: string, objects: readonly { key: string }[]) {
    const out = new Map<string, LedgerObjectState>();
    for (const o of objects) {
      const s = this.objects.get(`${bucket}/${o.key}`);
      if (s) out.set(o.key, s);
    }
    return out;
  }

  async scanObjects(startKey: Record<string, unknown> | undefined, limit: number) {
    const all = [...this.objects.values()];
    const start = Number(startKey?.i ?? 0);
    const next = start + limit;
    return { items: all.slice(start, next), nextKey: next < all.length ? { i: next } : undefined };
  }
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    ICONIK_APP_ID: 'app',
    ICONIK_AUTH_TOKEN: 'token',
    LEDGER_TABLE: 'ledger',
    AUDIT_REPORT_BUCKET: 'reports',
    AUDIT_ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
    WEBHOOK_URL: 'https://bridge.example.com/webhook',
    WATCH_BUCKETS: 'media',
    INGEST_QUEUE_URL: 'http://queue.local/ingest',
    ...env,
  });
}

export const T0 = Date.parse('2026-11-28T12:00:00Z');
export const minutesAgo = (m: number) => new Date(T0 - m * 60_000).toISOString();
