import { EmulatorHttpError, notFound } from '../errors.js';
import type { FaultRule } from '../FaultInjector.js';
import type { JobLifecycleOptions } from '../options.js';
import type { Runtime } from '../runtime.js';
import { newId } from '../runtime.js';
import type { StatsSnapshot } from '../Stats.js';
import type { StoredRecord, StoreSnapshot } from '../store.js';
import { gcsObject } from '../resources/gcsObject.js';
import { tables } from '../tables.js';
import type { WebhookDelivery, WebhookDeliveryOptions } from '../webhooks/Notifier.js';

/** Fields of a storage the control API may set (audits read them, notes §11.12). */
export interface StorageStatusPatch {
  status?: 'ACTIVE' | 'INACTIVE' | 'FAILING';
  status_message?: string | null;
  scanner_status?: string | null;
  last_scanned?: string | null;
}

/**
 * The emulator's test controls, used in-process (`emulator.control`) and over HTTP under
 * `/_emulator/` (see `handleControl`). Nothing here is iconik behaviour.
 */
export class Control {
  constructor(
    private readonly rt: Runtime,
    private readonly initialState: () => void,
  ) {}

  /** Back to the start state: default storages only, no faults, empty stats and rate buckets. */
  reset(): void {
    this.rt.store.reset();
    this.rt.faults.set([]);
    this.rt.stats.reset();
    this.rt.limiter.reset();
    this.initialState();
  }

  /**
   * Inserts records, `{ <table>: [record, ...] }` (e.g. `{ storages: [...], jobs: [...] }`). A record
   * without `id` gets a new UUID. Records are stored as given: seed them in iconik's shape.
   */
  seed(data: Record<string, StoredRecord[] | Omit<StoredRecord, 'id'>[]>): Record<string, string[]> {
    const ids: Record<string, string[]> = {};
    for (const [table, rows] of Object.entries(data)) {
      if (!Array.isArray(rows)) throw new EmulatorHttpError(400, { [table]: 'Must be a list of records.' });
      ids[table] = rows.map((row) => this.rt.store.put(table, { ...row, id: typeof row.id === 'string' ? row.id : newId() } as StoredRecord).id);
    }
    return ids;
  }

  /** The whole state (tables and base64 blobs). */
  state(): StoreSnapshot {
    return this.rt.store.snapshot();
  }

  setFaults(rules: FaultRule[]): void {
    this.rt.faults.set(rules);
  }

  addFaults(rules: FaultRule[]): void {
    this.rt.faults.add(rules);
  }

  faults(): readonly FaultRule[] {
    return this.rt.faults.list();
  }

  /** Sets status fields of a storage (`status`, `status_message`, `scanner_status`, `last_scanned`). */
  setStorageStatus(storageId: string, patch: StorageStatusPatch): StoredRecord {
    const storage = this.rt.store.get(tables.storages, storageId);
    if (storage === undefined) throw notFound("Storage doesn't exist");
    Object.assign(storage, patch);
    return storage;
  }

  /** How jobs created from now on by keyframes/mediainfo triggers progress. */
  setJobLifecycle(lifecycle: JobLifecycleOptions): void {
    Object.assign(this.rt.jobs, lifecycle);
  }

  stats(): StatsSnapshot {
    return this.rt.stats.snapshot();
  }

  /** Every webhook delivery so far, with its status (`PENDING`, `DELIVERED`, `FAILED`) and attempts. */
  webhookDeliveries(): WebhookDelivery[] {
    return this.rt.notifier?.deliveries() ?? [];
  }

  /** Looks for changes now and waits until every webhook delivery (retries included) has ended. */
  flushWebhooks(): Promise<void> {
    return this.rt.notifier?.flush() ?? Promise.resolve();
  }

  /** Webhook retry count/backoff/timeout for deliveries started from now on. */
  setWebhookDelivery(options: WebhookDeliveryOptions): void {
    this.rt.notifier?.configure(options);
  }

  /** Search index lag: a change becomes searchable `indexLagMs` after it. */
  setIndexLag(indexLagMs: number): void {
    this.rt.search = { indexLagMs };
  }

  /**
   * The bytes of a GCS file's storage object (at its object key), or undefined: an upload is only
   * readable once composed (`multipart/gcs/compose_url/`), and another file with the same object
   * key may have overwritten it.
   */
  gcsBytes(fileId: string): Buffer | undefined {
    const file = this.rt.store.get(tables.files, fileId);
    const key = file === undefined ? undefined : gcsObject(this.rt, file).landed;
    return key === undefined ? undefined : this.rt.store.blobs.get(key);
  }

  /** The bytes of a GCS file's finished upload that no compose has made final yet (or undefined). */
  gcsUncomposedBytes(fileId: string): Buffer | undefined {
    const file = this.rt.store.get(tables.files, fileId);
    return file === undefined ? undefined : this.rt.store.blobs.get(gcsObject(this.rt, file).uploaded);
  }
}
