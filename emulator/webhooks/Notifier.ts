import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime.js';
import { iconikTimestamp, newId } from '../runtime.js';
import type { StoredRecord } from '../store.js';
import { tables } from '../tables.js';
import { ChangeFeed, type RecordChange } from './ChangeFeed.js';
import { matchesWebhook } from './matchesWebhook.js';
import type { WebhookEvent } from './WebhookEvent.js';

/** How webhook deliveries are retried (iconik's numbers are unknown, notes §8 [?]). */
export interface WebhookDeliveryOptions {
  /** Retries after the first failed attempt of one delivery. @default 3 */
  retries?: number;
  /** Wait before retry n is `backoffMs * 2^(n-1)`. @default 200 */
  backoffMs?: number;
  /** Per-attempt timeout. @default 5000 */
  timeoutMs?: number;
  /** How often in-place record changes are looked for. @default 50 */
  pollMs?: number;
}

/** Emulator-only record of one delivery of one event to one webhook (table `webhookDeliveries`). */
export interface WebhookDelivery extends StoredRecord {
  webhook_id: string;
  url: string;
  payload: WebhookEvent;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  response_status: number | null;
  error: string | null;
  date_created: string;
}

/** Which iconik event a change of a watched table is (notes §8: realms [C entity/files, I mapping]). */
const realms: Record<string, { event_type: string; realm: string }> = {
  [tables.assets]: { event_type: 'assets', realm: 'entity' },
  [tables.files]: { event_type: 'assets', realm: 'files' },
  collections: { event_type: 'collections', realm: 'entity' },
};

/**
 * Turns state changes into webhook deliveries: a `ChangeFeed` over assets, files and collections
 * (swept after every store `put` and every `pollMs`, so in-place route updates are seen too) plus
 * events routes emit themselves (metadata values). Deliveries are real HTTP POSTs with the webhook's
 * `headers`, made in the background so the API response is not delayed; a failed attempt is retried
 * with exponential backoff, and a delivery whose attempts all fail sets the webhook `FAILING` with
 * `first_failed_at`, `last_error`, `last_payload` (notes §8 [C fields / I thresholds]). A later
 * success sets it back to `ENABLED` [I].
 */
export class Notifier {
  readonly feed: ChangeFeed;
  private readonly options: Required<WebhookDeliveryOptions>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private sweepQueued = false;
  private stopped = false;
  /** Aborts deliveries (and their backoff waits) in flight when the emulator stops. */
  private readonly stopping = new AbortController();
  private idle = true;

  constructor(
    private readonly rt: Runtime,
    options: WebhookDeliveryOptions = {},
  ) {
    this.options = { retries: 3, backoffMs: 200, timeoutMs: 5000, pollMs: 50, ...options };
    this.feed = new ChangeFeed(rt.store, Object.keys(realms), rt.now);
    this.idle = false;
    rt.store.onPut(() => this.queueSweep());
    this.timer = setInterval(() => this.sweep(), this.options.pollMs);
    this.timer.unref();
  }

  /** Replaces retry settings for deliveries started from now on. */
  configure(options: WebhookDeliveryOptions): void {
    Object.assign(this.options, options);
  }

  /**
   * Looks for changed records now and emits their events. While no webhook is ENABLED or FAILING
   * nothing is compared (a diff costs a pass over every watched record); when one appears, the
   * state at that moment becomes the baseline, so a new hook hears only later changes.
   */
  sweep(): void {
    if (this.stopped) return;
    const listening = this.rt.store.all(tables.webhooks).some((h) => h.status === 'ENABLED' || h.status === 'FAILING');
    if (!listening) {
      this.idle = true;
      return;
    }
    if (this.idle) {
      this.idle = false;
      this.feed.rebase();
      return;
    }
    for (const change of this.feed.sweep()) this.emitChange(change);
  }

  /** Sends `event` to every matching webhook (in the background). */
  emit(event: WebhookEvent): void {
    for (const hook of this.rt.store.all(tables.webhooks)) {
      if (!matchesWebhook(hook, event)) continue;
      const delivery = this.rt.store.put<WebhookDelivery>(tables.webhookDeliveries, {
        id: newId(),
        webhook_id: hook.id,
        url: String(hook.url),
        payload: event,
        status: 'PENDING',
        attempts: 0,
        response_status: null,
        error: null,
        date_created: iconikTimestamp(this.rt.now()),
      });
      const headers = (hook.headers ?? {}) as Record<string, string>;
      const run = this.deliver(hook, delivery, headers).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
  }

  /** A new event id in iconik's form (32 hex digits, notes §8 sample [C]). */
  static requestId(): string {
    return randomBytes(16).toString('hex');
  }

  /** Sweeps, then waits until every delivery (retries included) has succeeded or failed. */
  async flush(): Promise<void> {
    this.sweep();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Every delivery so far (emulator-only records, oldest first). */
  deliveries(): WebhookDelivery[] {
    return this.rt.store.all<WebhookDelivery>(tables.webhookDeliveries);
  }

  /** Stops polling and aborts deliveries in flight (they end FAILED). */
  stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stopping.abort();
    return Promise.allSettled([...this.inFlight]).then(() => undefined);
  }

  private queueSweep(): void {
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    queueMicrotask(() => {
      this.sweepQueued = false;
      this.sweep();
    });
  }

  private emitChange(change: RecordChange): void {
    const kind = realms[change.table];
    const record = change.after ?? change.before;
    if (kind === undefined || record === undefined) return;
    const user = record.updated_by_user ?? record.created_by_user ?? record.user_id;
    this.emit({
      system_domain_id: this.rt.credentials[0]?.systemDomainId ?? '',
      event_type: kind.event_type,
      realm: kind.realm,
      operation: change.op,
      object_id: record.id,
      ...(typeof user === 'string' ? { user_id: user } : {}),
      request_id: Notifier.requestId(),
      data: record,
    });
  }

  private async deliver(hook: StoredRecord, delivery: WebhookDelivery, headers: Record<string, string>): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await sleep(this.options.backoffMs * 2 ** (attempt - 1), this.stopping.signal);
      if (attempt > 0 && this.stopping.signal.aborted) break;
      delivery.attempts = attempt + 1;
      try {
        const res = await fetch(delivery.url, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.stopping.signal]),
        });
        delivery.response_status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          delivery.status = 'DELIVERED';
          delivery.error = null;
          if (hook.status === 'FAILING') Object.assign(hook, { status: 'ENABLED', first_failed_at: null });
          return;
        }
        delivery.error = `HTTP ${res.status}`;
      } catch (error) {
        delivery.error = (error as Error).message;
      }
    }
    delivery.status = 'FAILED';
    const at = iconikTimestamp(this.rt.now());
    Object.assign(hook, {
      status: hook.status === 'ENABLED' || hook.status === 'FAILING' ? 'FAILING' : hook.status,
      first_failed_at: typeof hook.first_failed_at === 'string' ? hook.first_failed_at : at,
      last_error: delivery.error ?? 'delivery failed',
      last_payload: body,
    });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
