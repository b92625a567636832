import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';

/**
 * Start-up check of where write-back sidecars go, for what the configuration alone decides (pure).
 * With `INGEST_MODE=register` or `scan`, every ingested object lies inside an iconik S3 storage (those
 * modes need one), so a sidecar next to it (no `WRITEBACK_SIDECAR_BUCKET`, no `WRITEBACK_SIDECAR_PREFIX`)
 * would lie in the storage too, and a scan would import it as an asset. What only iconik knows (a
 * prefix or bucket that is itself inside a storage, `auto` mode) is checked per write
 * (`IconikWritebackReader.storageCovering`).
 * @throws ConfigError naming `WRITEBACK_SIDECAR` and the ways out.
 */
export function checkSidecarPlacement(config: Pick<Config, 'ingest' | 'writeback'>): void {
  const { writeback } = config;
  const mode = config.ingest.mode;
  if (!writeback.sidecar || (mode !== 'register' && mode !== 'scan')) return;
  if (writeback.sidecarBucket !== undefined || writeback.sidecarPrefix !== undefined) return;
  throw new ConfigError([
    {
      setting: 'WRITEBACK_SIDECAR',
      problem: `with INGEST_MODE=${mode} the watched bucket is an iconik storage, and a sidecar next to its object would be imported by a scan; set WRITEBACK_SIDECAR_BUCKET (or a WRITEBACK_SIDECAR_PREFIX outside the storage's path), or WRITEBACK_SIDECAR=false`,
    },
  ]);
}
