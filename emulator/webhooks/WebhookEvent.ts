/**
 * An event as iconik delivers it to a webhook: the keys of the real payloads (notes §8 [C], BEN
 * sample and docs/reference/iconik-api-overview.txt): `system_domain_id, event_type, realm, operation, object_id,
 * user_id, request_id, data`.
 */
export interface WebhookEvent {
  system_domain_id: string;
  event_type: string;
  realm: string;
  operation: string;
  object_id: string;
  user_id?: string;
  request_id: string;
  data: Record<string, unknown>;
}
