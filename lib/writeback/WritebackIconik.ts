import { getAsset, getMetadataValues, iconikPath, IconikNotFoundError, MetadataValuesSchema, type CallOptions, type IconikClient } from '../iconik/index.js';
import type { FieldValues } from './planWriteback.js';

/** What the worker reads from iconik (an interface so unit tests can stub it). */
export interface WritebackIconik {
  /** The asset's status and external id; `undefined` when iconik has no such asset (purged). */
  getAsset(assetId: string, options?: CallOptions): Promise<{ status?: string | undefined; externalId?: string | undefined } | undefined>;
  /** The asset's current metadata values (field → values). */
  getMetadataValues(assetId: string, options?: CallOptions): Promise<FieldValues>;
}

/**
 * Reads iconik for write-back. Metadata: with a view id (`WRITEBACK_VIEW_ID`),
 * `GET /API/metadata/v1/assets/{id}/views/{view_id}/` — that view's values, readable by any token
 * with access to the view; without one, `GET /API/metadata/v1/assets/{id}/` — all of the asset's
 * values, which iconik's spec reserves for admins. A 404 on the values ("Metadata values for this
 * object and view doesn't exist") means the asset has none yet: empty, not an error.
 */
export class IconikWritebackReader implements WritebackIconik {
  readonly #client: IconikClient;
  readonly #viewId: string | undefined;

  constructor(client: IconikClient, options: { viewId?: string | undefined } = {}) {
    this.#client = client;
    this.#viewId = options.viewId;
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
    try {
      const result =
        this.#viewId !== undefined
          ? await getMetadataValues(this.#client, 'assets', assetId, this.#viewId, options)
          : // All values of the asset: not in lib/iconik, so requested here.
            await this.#client.request({ method: 'GET', path: iconikPath('metadata', 'assets', assetId), schema: MetadataValuesSchema }, options);
      return toFieldValues(result.metadata_values);
    } catch (error) {
      if (error instanceof IconikNotFoundError) return {};
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
