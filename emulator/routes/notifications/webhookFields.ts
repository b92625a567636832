/** Writable `WebhookCreateSchema` fields (notes §8 [C]); the server manages the rest. */
export const writableWebhookFields = ['event_type', 'url', 'status', 'realm', 'operation', 'object_id', 'headers', 'query', 'name', 'description'] as const;
