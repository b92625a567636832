import { finding, type Finding } from './finding.js';

/** The webhook fields the audit reads (iconik `WebhookSchema`). */
export interface AuditedWebhook {
  readonly id?: string | null | undefined;
  readonly name?: string | null | undefined;
  readonly url?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly event_type?: string | null | undefined;
  readonly realm?: string | null | undefined;
  readonly last_error?: string | null | undefined;
  readonly first_failed_at?: string | null | undefined;
}

/** URLs compare without a trailing slash, with scheme and host in lower case. */
export function sameWebhookUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u.trim());
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
    } catch {
      return u.trim().replace(/\/+$/, '');
    }
  };
  return norm(a) === norm(b);
}

/** What one webhook says about the bridge's webhook. */
export interface WebhookVerdict {
  /** The webhook is the bridge's (same URL) and not deleted: the bridge is not "missing". */
  readonly isBridge: boolean;
  readonly finding?: Finding;
}

/**
 * Classifies one webhook. The bridge's own (URL = `WEBHOOK_URL`) is a problem when DISABLED or
 * FAILING; any other webhook is listed only when FAILING. A DELETED one counts as absent.
 */
export function classifyWebhook(w: AuditedWebhook, bridgeUrl: string | undefined): WebhookVerdict {
  const id = w.id ?? '(no id)';
  const isBridge = bridgeUrl !== undefined && typeof w.url === 'string' && sameWebhookUrl(w.url, bridgeUrl) && w.status !== 'DELETED';
  const details = {
    name: w.name ?? null,
    url: w.url ?? null,
    status: w.status ?? null,
    event_type: w.event_type ?? null,
    realm: w.realm ?? null,
    last_error: w.last_error?.slice(0, 500) ?? null,
    first_failed_at: w.first_failed_at ?? null,
  };
  const since = w.first_failed_at ? ` since ${w.first_failed_at}` : '';
  const error = w.last_error ? `: ${w.last_error.slice(0, 200)}` : '';
  if (isBridge && w.status === 'DISABLED') {
    return { isBridge, finding: finding('webhook-disabled', id, `The bridge's webhook ${id} is DISABLED: iconik sends the bridge no events`, { details }) };
  }
  if (isBridge && w.status === 'FAILING') {
    return { isBridge, finding: finding('webhook-failing', id, `The bridge's webhook ${id} is FAILING${since}${error}`, { details }) };
  }
  if (!isBridge && w.status === 'FAILING') {
    return { isBridge, finding: finding('other-webhook-failing', id, `Webhook ${w.name ?? id} (${w.url ?? 'no url'}) is FAILING${since}${error}`, { details }) };
  }
  return { isBridge };
}

/** No webhook points at the bridge's receiver. */
export function missingBridgeWebhook(bridgeUrl: string): Finding {
  return finding('webhook-missing', bridgeUrl, `No iconik webhook points at the bridge (${bridgeUrl}); run \`bridge setup\``, {
    details: { url: bridgeUrl },
  });
}
