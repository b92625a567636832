import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { readMetadataField } from '../setup/ensureMetadataField.js';
import { metadataTargets } from './metadataTargets.js';

/**
 * Start-up check: every field `INGEST_METADATA_MAP` and `INGEST_PATH_RULES` write to must exist in
 * iconik, so an unknown target is a config error at start, not a runtime surprise on the first
 * ingest. One GET per target; call once per container (cold start) or from `bridge setup`.
 * @throws ConfigError naming each missing field and the setting that names it.
 */
export async function validateMetadataTargets(client: IconikClient, config: Pick<Config, 'ingest'>, options?: CallOptions): Promise<void> {
  const missing = await findMissingTargets(client, config, options);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((t) => ({ setting: t.setting, problem: `target field "${t.field.slice(0, 100)}" does not exist in iconik` })));
  }
}

/** The configured targets iconik does not have. */
export async function findMissingTargets(client: IconikClient, config: Pick<Config, 'ingest'>, options?: CallOptions) {
  const targets = metadataTargets(config.ingest);
  const found = await Promise.all(targets.map(async (t) => ((await readMetadataField(client, t.field, options)) === undefined ? t : undefined)));
  return found.filter((t) => t !== undefined);
}
