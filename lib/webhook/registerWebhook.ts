import { createWebhook, deleteWebhook, listWebhooks, updateWebhook, type CallOptions, type IconikClient, type Webhook, type WebhookCreate } from '../iconik/index.js';

/** One subscription: event type `assets`, one realm, one operation. */
export interface WebhookSubscription {
  readonly realm: string;
  readonly operation: string;
}

/**
 * What the bridge subscribes to, each pair in a form iconik documents: an explicit realm and an
 * explicit operation, as the spec's own `WebhookCreateSchema` example (`realm: "metadata"`,
 * `operation: "update"`) and the seed's delivered sample (`realm: "metadata"`, `operation:
 * "update"`). Not `operation: null`: the spec marks it nullable but never says that null means
 * "every operation" (the help page lists "All" among the choices; how the API spells it is a guess,
 * notes §8 "Allowed values"). Realms: `metadata` and `entity` are named by the spec's description,
 * `files` by iconik's help page ("FILES realm") and the automations' realm enum. Operations: the
 * help page's list (Create, Delete, Purge, Restore, Update), lower case as in the spec's examples.
 * - `metadata` create/update: values changed → write back (whether the first values of an object
 *   arrive as `create` or `update` is not documented, so both);
 * - `entity` create (webhook-driven enrichment of assets iconik made, e.g. by a scan), update,
 *   delete (tag the object deleted; a purge follows a delete, so it is not needed), restore (clear
 *   the tag);
 * - `files` create/update (a scanned file appears, an uploaded one closes: enrichment).
 */
export const WEBHOOK_SUBSCRIPTIONS: readonly WebhookSubscription[] = [
  { realm: 'metadata', operation: 'create' },
  { realm: 'metadata', operation: 'update' },
  { realm: 'entity', operation: 'create' },
  { realm: 'entity', operation: 'update' },
  { realm: 'entity', operation: 'delete' },
  { realm: 'entity', operation: 'restore' },
  { realm: 'files', operation: 'create' },
  { realm: 'files', operation: 'update' },
];

export interface RegisterWebhookOptions {
  /** The receiver's public URL (`WEBHOOK_URL`). */
  readonly url: string;
  /** Header iconik sends the secret in (`WEBHOOK_SECRET_HEADER`). */
  readonly secretHeader: string;
  /** The current secret. Never logged or returned. */
  readonly secret: string;
  readonly subscriptions?: readonly WebhookSubscription[];
  /** Name prefix shown in iconik's admin UI. @default "iconik-s3-bridge" */
  readonly name?: string;
}

export interface RegisteredWebhook {
  readonly id: string;
  readonly realm: string;
  /** The operation subscribed to; absent for a removed webhook of an older form. */
  readonly operation?: string;
  readonly action: 'created' | 'updated' | 'unchanged' | 'deleted';
}

/**
 * Registers (or repairs) the bridge's webhooks in iconik: event type `assets`, one webhook per
 * subscription (realm + operation), status `ENABLED`, the secret in `headers`. An existing webhook
 * with the same URL, realm and operation is updated in place (PUT: the spec has no PATCH) instead of
 * adding a duplicate, and left alone when it already matches; a `FAILING` one is re-enabled. The
 * bridge's own webhooks of another form at the same URL (the older one-per-realm `operation: null`
 * form, a realm no longer subscribed) are deleted, so an upgrade leaves exactly the subscriptions.
 * Idempotent: run it on every `bridge setup` and after rotating the secret.
 */
export async function registerWebhook(client: IconikClient, options: RegisterWebhookOptions, call?: CallOptions): Promise<RegisteredWebhook[]> {
  const existing = (await listWebhooks(client, call)).filter((w) => sameUrl(w.url, options.url) && w.status !== 'DELETED');
  const subscriptions = options.subscriptions ?? WEBHOOK_SUBSCRIPTIONS;
  const kept = new Set<string>();
  const results: RegisteredWebhook[] = [];
  for (const { realm, operation } of subscriptions) {
    const wanted: WebhookCreate = {
      name: `${options.name ?? 'iconik-s3-bridge'} (${realm} ${operation})`,
      url: options.url,
      event_type: 'assets',
      realm,
      operation,
      status: 'ENABLED',
      headers: { [options.secretHeader]: options.secret },
    };
    const current = existing.find((w) => !kept.has(w.id) && lower(w.realm) === realm && lower(w.operation) === operation);
    if (current === undefined) {
      const created = await createWebhook(client, wanted, call);
      results.push({ id: created.id, realm, operation, action: 'created' });
      continue;
    }
    kept.add(current.id);
    if (matches(current, wanted)) {
      results.push({ id: current.id, realm, operation, action: 'unchanged' });
    } else {
      await updateWebhook(client, current.id, wanted, call);
      results.push({ id: current.id, realm, operation, action: 'updated' });
    }
  }
  for (const stale of existing.filter((w) => !kept.has(w.id) && (w.event_type ?? 'assets') === 'assets')) {
    await deleteWebhook(client, stale.id, call);
    results.push({ id: stale.id, realm: stale.realm ?? '(all)', action: 'deleted' });
  }
  return results;
}

const lower = (value: string | null | undefined) => (value ?? '').toLowerCase();

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** iconik may not echo `headers` back: then the secret cannot be compared, so it is re-sent. */
function matches(current: Webhook, wanted: WebhookCreate): boolean {
  const headers = current.headers;
  return (
    current.status === 'ENABLED' &&
    current.event_type === wanted.event_type &&
    current.operation === wanted.operation &&
    current.name === wanted.name &&
    headers !== null &&
    headers !== undefined &&
    Object.keys(headers).length === Object.keys(wanted.headers ?? {}).length &&
    Object.entries(wanted.headers ?? {}).every(([k, v]) => headers[k] === v)
  );
}
