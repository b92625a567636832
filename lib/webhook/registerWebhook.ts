import { createWebhook, listWebhooks, updateWebhook, type CallOptions, type IconikClient, type Webhook, type WebhookCreate } from '../iconik/index.js';

/**
 * The realms the bridge subscribes to (notes §8 "Allowed values"): `metadata` (values changed →
 * write back), `entity` (asset created, updated, deleted, restored) and `files` (a file appeared or
 * closed: with `entity` create, what webhook-driven enrichment of scanned assets needs; the help
 * page names a "FILES realm", notes §8). A webhook has one realm (or none,
 * meaning all, which would also send shares, segments, formats, files, jobs… that the receiver
 * only acknowledges), so there is one webhook per realm.
 */
export const WEBHOOK_REALMS = ['metadata', 'entity', 'files'] as const;

export interface RegisterWebhookOptions {
  /** The receiver's public URL (`WEBHOOK_URL`). */
  readonly url: string;
  /** Header iconik sends the secret in (`WEBHOOK_SECRET_HEADER`). */
  readonly secretHeader: string;
  /** The current secret. Never logged or returned. */
  readonly secret: string;
  readonly realms?: readonly string[];
  /** Name prefix shown in iconik's admin UI. @default "iconik-s3-bridge" */
  readonly name?: string;
}

export interface RegisteredWebhook {
  readonly id: string;
  readonly realm: string;
  readonly action: 'created' | 'updated' | 'unchanged';
}

/**
 * Registers (or repairs) the bridge's webhooks in iconik: event type `assets`, one per realm,
 * every operation, status `ENABLED`, the secret in `headers`. An existing webhook with the same
 * URL and realm is updated in place (PUT: the spec has no PATCH) instead of adding a duplicate, and
 * left alone when it already matches; a `FAILING` one is re-enabled. Idempotent: run it on every
 * `bridge setup` and after rotating the secret.
 */
export async function registerWebhook(client: IconikClient, options: RegisterWebhookOptions, call?: CallOptions): Promise<RegisteredWebhook[]> {
  const existing = (await listWebhooks(client, call)).filter((w) => sameUrl(w.url, options.url) && w.status !== 'DELETED');
  const results: RegisteredWebhook[] = [];
  for (const realm of options.realms ?? WEBHOOK_REALMS) {
    const wanted: WebhookCreate = {
      name: `${options.name ?? 'iconik-s3-bridge'} (${realm})`,
      url: options.url,
      event_type: 'assets',
      realm,
      operation: null,
      status: 'ENABLED',
      headers: { [options.secretHeader]: options.secret },
    };
    const current = existing.find((w) => (w.realm ?? '').toLowerCase() === realm);
    if (current === undefined) {
      const created = await createWebhook(client, wanted, call);
      results.push({ id: created.id, realm, action: 'created' });
    } else if (matches(current, wanted)) {
      results.push({ id: current.id, realm, action: 'unchanged' });
    } else {
      await updateWebhook(client, current.id, wanted, call);
      results.push({ id: current.id, realm, action: 'updated' });
    }
  }
  return results;
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** iconik may not echo `headers` back: then the secret cannot be compared, so it is re-sent. */
function matches(current: Webhook, wanted: WebhookCreate): boolean {
  const headers = current.headers;
  return (
    current.status === 'ENABLED' &&
    current.event_type === wanted.event_type &&
    (current.operation ?? null) === null &&
    current.name === wanted.name &&
    headers !== null &&
    headers !== undefined &&
    Object.keys(headers).length === Object.keys(wanted.headers ?? {}).length &&
    Object.entries(wanted.headers ?? {}).every(([k, v]) => headers[k] === v)
  );
}
