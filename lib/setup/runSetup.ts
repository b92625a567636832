import { callOptionsOf } from '../enrich/callOptionsOf.js';
import type { Config } from '../config.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { metadataTargets } from '../enrich/metadataTargets.js';
import { findMissingTargets } from '../enrich/validateMetadataTargets.js';
import { ensureMetadataField, readMetadataField } from './ensureMetadataField.js';
import { ensureMetadataView } from './ensureMetadataView.js';
import { DEFAULT_ASSET_CATEGORY, ensureViewInCategory } from './ensureViewInCategory.js';
import { registerWebhookFromConfig } from './registerWebhookFromConfig.js';
import { s3SourceFields } from './s3SourceFields.js';
import { type SetupItem, type SetupResult, summariseSetup } from './setupResult.js';

/** What registering one webhook reported (`RegisteredWebhook` of `lib/webhook/registerWebhook.ts`). */
export interface WebhookRegistration {
  readonly id: string;
  readonly realm: string;
  readonly operation?: string;
  readonly action: 'created' | 'updated' | 'unchanged' | 'deleted';
}

export interface SetupDeps {
  readonly client: IconikClient;
  /**
   * Registers (or updates) the iconik webhooks to `WEBHOOK_URL`.
   * @default registerWebhookFromConfig (secret from `WEBHOOK_SECRET_NAME` / `WEBHOOK_SECRET`)
   */
  readonly registerWebhook?: (client: IconikClient, config: Config, options?: CallOptions) => Promise<readonly WebhookRegistration[]>;
}

export interface SetupOptions extends CallOptions {
  /** The category the view is added to. @default `{ name: 'default', label: 'Assets' }` */
  readonly category?: { readonly name: string; readonly label: string };
}

/**
 * `bridge setup`: makes iconik ready for the bridge, idempotently (overview "Metadata"):
 * 1. the provenance fields (`METADATA_FIELD_PREFIX` + bucket, key, version_id, etag, size,
 *    content_type, last_modified, uri, status, sidecar_status), created or patched;
 * 2. the view `METADATA_VIEW_NAME` listing them plus the existing target fields of
 *    `INGEST_METADATA_MAP` / `INGEST_PATH_RULES` (enrichment writes all of them in one PUT on this view)
 *    and, without `WRITEBACK_VIEW_ID`, the existing `WRITEBACK_TAG_FIELDS` (write-back reads this view
 *    then: the view-less read of all values is admin-only);
 * 3. the view in the assets' default category (existing view ids kept);
 * 4. the webhooks (one per realm and operation; older forms at the same URL removed), when `WEBHOOK_URL` is set.
 * Reads first and writes only what differs: a second run makes no write call.
 * Missing target fields are reported `missing` (`result.ok` false); setup does not invent their types.
 * @example
 * const result = await runSetup({ client }, loadConfig(process.env, { needsIconik: true }));
 * console.log(renderSetupResult(result));
 */
export async function runSetup(deps: SetupDeps, config: Config, options: SetupOptions = {}): Promise<SetupResult> {
  const { client } = deps;
  const call = callOptionsOf(options);
  const items: SetupItem[] = [];
  const fields = s3SourceFields(config.metadata.fieldPrefix);
  for (const field of fields) items.push(await ensureMetadataField(client, field, call));

  const missing = await findMissingTargets(client, config, call);
  const missingNames = new Set(missing.map((t) => t.field));
  for (const t of missing) items.push({ kind: 'target-field', name: t.field, outcome: 'missing', detail: `named by ${t.setting}; create it in iconik` });
  const targets = metadataTargets(config.ingest)
    .map((t) => t.field)
    .filter((f) => !missingNames.has(f));
  const tagFields = await writebackTagFields(client, config, items, call);
  const viewFields = [...new Set([...fields.map((f) => f.name), ...targets, ...tagFields])];

  const view = await ensureMetadataView(client, config.metadata.viewName, viewFields, call);
  items.push(view);
  items.push(await ensureViewInCategory(client, view.id, options.category ?? DEFAULT_ASSET_CATEGORY, call));

  if (config.webhook.url === undefined) items.push({ kind: 'webhook', name: 'webhook', outcome: 'skipped', detail: 'WEBHOOK_URL is not set' });
  else {
    const register = deps.registerWebhook ?? registerWebhookFromConfig;
    for (const hook of await register(client, config, call))
      items.push({ kind: 'webhook', name: `webhook (${hook.realm}${hook.operation !== undefined ? ` ${hook.operation}` : ''})`, outcome: hook.action, id: hook.id });
  }
  return summariseSetup(items);
}

/**
 * The `WRITEBACK_TAG_FIELDS` the bridge's view must list, so write-back (which reads that view when
 * `WRITEBACK_VIEW_ID` is unset) sees their values. With a view id set they are that view's business.
 * A field iconik does not have is reported `missing`, as for ingest targets.
 */
async function writebackTagFields(client: IconikClient, config: Config, items: SetupItem[], call: CallOptions): Promise<string[]> {
  if (config.writeback.viewId !== undefined) return [];
  const found: string[] = [];
  for (const name of new Set(config.writeback.tagFields)) {
    if ((await readMetadataField(client, name, call)) !== undefined) found.push(name);
    else items.push({ kind: 'target-field', name, outcome: 'missing', detail: 'named by WRITEBACK_TAG_FIELDS; create it in iconik' });
  }
  return found;
}
