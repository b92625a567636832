import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

/** `WebhookSchema` (notifications spec). */
export const WebhookSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  event_type: z.string().nullish(),
  realm: z.string().nullish(),
  operation: z.string().nullish(),
  name: z.string().nullish(),
  status: lenientEnum('Webhook.status', ['ENABLED', 'DISABLED', 'FAILING', 'DELETED']).nullish(),
  headers: z.record(z.string(), z.string()).nullish(),
  query: z.string().nullish(),
  last_error: z.string().nullish(),
  first_failed_at: z.string().nullish(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

/** Body of `POST /v1/webhooks/` (`WebhookCreateSchema`: required `event_type, url, status`). */
export interface WebhookCreate {
  readonly url: string;
  readonly event_type: string;
  readonly status: string;
  readonly realm?: string | null;
  readonly operation?: string | null;
  readonly name?: string;
  readonly headers?: Record<string, string>;
  readonly query?: string;
  readonly [field: string]: unknown;
}
