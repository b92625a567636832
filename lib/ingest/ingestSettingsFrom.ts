import { type Config, loadConfig } from '../config.js';
import type { IngestSettings } from './ingestObject.js';

/** The ingest settings of the bridge's `Config` (handler and CLI build them the same way). */
export function ingestSettingsFrom(config: Config): IngestSettings {
  const i = config.ingest;
  return {
    mode: i.mode,
    autoInStorage: i.autoInStorage,
    partSizeBytes: i.partSizeBytes,
    partConcurrency: i.partConcurrency,
    keyframes: i.keyframes,
    mediainfo: i.mediainfo,
    leaseSeconds: i.leaseSeconds,
    tagObjects: i.tagObjects,
    filter: {
      include: i.include,
      exclude: i.exclude,
      minSizeBytes: i.minSizeBytes,
      writebackSuffix: config.writeback.sidecarSuffix,
      writebackPrefix: config.writeback.sidecarPrefix,
      sidecarPatterns: i.sidecarPatterns,
    },
  };
}

/** The ingest settings with every setting at its default (lib/config.ts): what tests and benchmarks start from. */
export const defaultIngestSettings: IngestSettings = ingestSettingsFrom(loadConfig({}));
