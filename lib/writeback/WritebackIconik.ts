import { findMetadataViewByName, getAsset, getMetadataValues, IconikNotFoundError, type CallOptions, type IconikClient } from '../iconik/index.js';
import { StorageDirectory } from '../ingest/StorageDirectory.js';
import { WritebackViewMissingError } from './errors.js';
import { findStorageCovering } from './findStorageCovering.js';
import type { FieldValues } from './planWriteback.js';

/** What the worker reads from iconik (an interface so unit tests can stub it). */
export interface WritebackIconik {
  /** The asset's status and external id; `undefined` when iconik has no such asset (purged). */
  getAsset(assetId: string, options?: CallOptions): Promise<{ status?: string | undefined; externalId?: string | undefined } | undefined>;
  /** The asset's current metadata values (field → values). */
  getMetadataValues(assetId: string, options?: CallOptions): Promise<FieldValues>;
  /**
   * The iconik S3 storage whose scanned path holds `s3://bucket/key`, if any: a sidecar written
   * there would be imported as an asset by the next scan.
   */
  storageCovering(bucket: string, key: string, options?: CallOptions): Promise<{ readonly id: string } | undefined>;
}

/** Which view write-back reads: a configured id, else the view of that name (resolved once). */
export type WritebackViewChoice = { readonly viewId: string } | { readonly viewName: string };

/**
 * Reads iconik for write-back, with endpoints any token with the usual roles may call. Metadata:
 * `GET /API/metadata/v1/assets/{id}/views/{view_id}/` (role `can_read_metadata_values`) on
 * `WRITEBACK_VIEW_ID`, or — the default — on the view named `METADATA_VIEW_NAME`, the one
 * `bridge setup` creates (with the `WRITEBACK_TAG_FIELDS` in it), found by name through
 * `GET /API/metadata/v1/views/` once per container. Never `GET /API/metadata/v1/assets/{id}/`:
 * iconik's spec reserves it for admins, so with a normal token every write-back would fail.
 * A 404 on the values ("Metadata values for this object and view doesn't exist") means the asset
 * has none yet: empty, not an error.
 */
export class IconikWritebackReader implements WritebackIconik {
  readonly #client: IconikClient;
  readonly #view: WritebackViewChoice;
  readonly #storages: StorageDirectory;
  #resolved: Promise<string> | undefined;

  /** `storages`: iconik's storage list, cached (one per container; ingest's `StorageDirectory`). */
  constructor(client: IconikClient, view: WritebackViewChoice, storages: StorageDirectory = new StorageDirectory(client)) {
    this.#client = client;
    this.#view = view;
    this.#storages = storages;
  }

  async storageCovering(bucket: string, key: string, options?: CallOptions) {
    return findStorageCovering({ bucket, key }, await this.#storages.locations(options));
  }

  /** The reader `config` asks for: `WRITEBACK_VIEW_ID` when set, else the view `METADATA_VIEW_NAME`. */
  static fromConfig(client: IconikClient, config: { readonly writeback: { readonly viewId?: string | undefined }; readonly metadata: { readonly viewName: string } }): IconikWritebackReader {
    const { viewId } = config.writeback;
    return new IconikWritebackReader(client, viewId !== undefined ? { viewId } : { viewName: config.metadata.viewName });
  }

  async getAsset(assetId: string, options?: CallOptions) {
    try {
      const asset = await getAsset(this.#client, assetId, options);
      return { status: asset.status ?? undefined, externalId: asset.external_id ?? undefined };
    } catch (error) {
      if (error instanceof IconikNotFoundError) return undefined;
      throw error;
    }
  }

  async getMetadataValues(assetId: string, options?: CallOptions): Promise<FieldValues> {
    const viewId = await this.#viewId(options);
    try {
      const result = await getMetadataValues(this.#client, 'assets', assetId, viewId, options);
      return toFieldValues(result.metadata_values);
    } catch (error) {
      if (error instanceof IconikNotFoundError) return {};
      throw error;
    }
  }

  /** The view id; a failed look-up is not cached, so the next message tries again. */
  async #viewId(options?: CallOptions): Promise<string> {
    const view = this.#view;
    if ('viewId' in view) return view.viewId;
    this.#resolved ??= findMetadataViewByName(this.#client, view.viewName, options).then((found) => {
      if (found === undefined) throw new WritebackViewMissingError(view.viewName);
      return found.id;
    });
    try {
      return await this.#resolved;
    } catch (error) {
      this.#resolved = undefined;
      throw error;
    }
  }
}

/** `{field: {field_values: [{value}]}}` → `{field: [value…]}`. */
export function toFieldValues(metadataValues: Readonly<Record<string, { field_values: readonly { value?: unknown }[] }>>): FieldValues {
  const out: Record<string, unknown[]> = {};
  for (const [field, entry] of Object.entries(metadataValues)) out[field] = entry.field_values.map((v) => v.value ?? null);
  return out;
}
