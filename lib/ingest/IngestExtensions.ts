import type { SourceObjectInfo } from '../aws/s3SourceObject.js';
import type { ObjectIdentity } from '../ledger/IngestLedger.js';

/** Time limits handed to an extension. */
export interface ExtensionCall {
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * What other areas add to the ingest flow (enrichment, sidecars, deletes, versions: `lib/enrich/`),
 * kept behind this interface so the flow does not depend on them and tests can leave them out.
 * Every member is optional; `buildIngestDeps` wires the real ones.
 */
export interface IngestExtensions {
  /**
   * Where a new object version goes, asked before the asset is created: `undefined` creates an
   * asset; `{ assetId, addVersion: true }` adds an iconik version to that asset
   * (`INGEST_VERSION_POLICY=new-version`); `{ assetId, addVersion: false }` reuses the asset as is;
   * `unchanged: true`: the write has the bytes of the key's current iconik version (same ETag and
   * size), so nothing is made and only the provenance is refreshed. `size`: the write's size.
   */
  existingAsset?(identity: ObjectIdentity & { readonly size?: number }, call: ExtensionCall): Promise<{ assetId: string; addVersion: boolean; unchanged?: boolean } | undefined>;
  /** Adds a version to an asset; returns the new version id. */
  addVersion?(assetId: string, call: ExtensionCall): Promise<string>;
  /** Writes metadata (provenance, path rules, user metadata, sidecars) once the file exists. Idempotent. */
  enrich?(request: { bucket: string; key: string; head: SourceObjectInfo; assetId: string } & ExtensionCall): Promise<void>;
  /** A sidecar object arrived (it never becomes an asset). `retry`: its media is still being ingested. */
  sidecarArrived?(request: { bucket: string; key: string } & ExtensionCall): Promise<'done' | 'retry'>;
  /** An object (or one version of it) was removed from S3. */
  objectRemoved?(request: { bucket: string; key: string; versionId?: string | undefined } & ExtensionCall): Promise<void>;
}
