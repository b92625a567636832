import { sidecarKey } from './sidecarKey.js';

/** Where write-back sidecars go (`WRITEBACK_SIDECAR_SUFFIX`, `_PREFIX`, `_BUCKET`). */
export interface SidecarSettings {
  readonly suffix: string;
  readonly prefix?: string | undefined;
  /** A bucket of their own, outside every iconik storage. */
  readonly bucket?: string | undefined;
}

/**
 * The sidecar of `s3://bucket/key`: in the source bucket at `sidecarKey` (`<key><suffix>` or
 * `<prefix>/<key><suffix>`), or — with `WRITEBACK_SIDECAR_BUCKET` — in that bucket at
 * `[<prefix>/]<source bucket>/<key><suffix>`, so sidecars of two watched buckets never collide.
 */
export function sidecarLocation(source: { readonly bucket: string; readonly key: string }, settings: SidecarSettings): { bucket: string; key: string } {
  if (settings.bucket === undefined) return { bucket: source.bucket, key: sidecarKey(source.key, settings) };
  return { bucket: settings.bucket, key: sidecarKey(`${source.bucket}/${source.key}`, settings) };
}
