import type { WebhookEvent } from './WebhookEvent.js';

/** The subscription fields of a webhook record (`WebhookSchema`, notes §8 [C]). */
export interface WebhookSubscription {
  [key: string]: unknown;
  status?: unknown;
  event_type?: unknown;
  realm?: unknown;
  operation?: unknown;
  object_id?: unknown;
}

/**
 * Whether `hook` wants `event`: it is ENABLED or FAILING (a failing hook keeps being called, notes
 * §8 "keeps failing" [I]), its `event_type` equals the event's, and each of `realm`, `operation`,
 * `object_id` is null/absent ("All", notes §8 [I]) or equal to the event's. Comparison ignores case
 * (the help page writes "Create", the API "create"). The `query` expression is not evaluated
 * (divergence, README). Pure.
 */
export function matchesWebhook(hook: WebhookSubscription, event: WebhookEvent): boolean {
  if (hook.status !== 'ENABLED' && hook.status !== 'FAILING') return false;
  const same = (want: unknown, got: string) => want === null || want === undefined || want === '' || String(want).toLowerCase() === got.toLowerCase();
  return (
    String(hook.event_type ?? '').toLowerCase() === event.event_type.toLowerCase() && same(hook.realm, event.realm) && same(hook.operation, event.operation) && same(hook.object_id, event.object_id)
  );
}
