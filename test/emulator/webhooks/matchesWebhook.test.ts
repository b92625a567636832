import { describe, expect, it } from 'vitest';
import { matchesWebhook } from '../../../emulator/webhooks/matchesWebhook.js';
import type { WebhookEvent } from '../../../emulator/webhooks/WebhookEvent.js';

const event: WebhookEvent = { system_domain_id: 'd', event_type: 'assets', realm: 'entity', operation: 'create', object_id: 'o1', request_id: 'r', data: {} };

describe('matchesWebhook', () => {
  it.each([
    [{ status: 'ENABLED', event_type: 'assets' }, true],
    [{ status: 'FAILING', event_type: 'ASSETS', realm: null, operation: null, object_id: null }, true],
    [{ status: 'ENABLED', event_type: 'assets', realm: 'entity', operation: 'Create', object_id: 'o1' }, true],
    [{ status: 'DISABLED', event_type: 'assets' }, false],
    [{ status: 'DELETED', event_type: 'assets' }, false],
    [{ status: 'ENABLED', event_type: 'collections' }, false],
    [{ status: 'ENABLED', event_type: 'assets', realm: 'metadata' }, false],
    [{ status: 'ENABLED', event_type: 'assets', operation: 'update' }, false],
    [{ status: 'ENABLED', event_type: 'assets', object_id: 'o2' }, false],
  ])('%j → %s', (hook, expected) => {
    expect(matchesWebhook(hook, event)).toBe(expected);
  });
});
