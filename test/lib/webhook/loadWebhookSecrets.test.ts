import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import { WebhookSecretsError } from '../../../lib/webhook/errors.js';
import { loadWebhookSecrets, parseSecretValue } from '../../../lib/webhook/loadWebhookSecrets.js';

describe('loadWebhookSecrets', () => {
  it('reads {"current","previous"} JSON from the named secret, with the cache age', async () => {
    const fetch = vi.fn(async () => JSON.stringify({ current: 'new', previous: 'old' }));
    await expect(loadWebhookSecrets({ secretName: 'bridge/webhook', secret: 'ignored' }, { maxAgeSeconds: 300, fetch })).resolves.toEqual(['new', 'old']);
    expect(fetch).toHaveBeenCalledWith('bridge/webhook', 300);
  });

  it('reads a plain string secret', async () => {
    await expect(loadWebhookSecrets({ secretName: '/bridge/webhook' }, { maxAgeSeconds: 1, fetch: async () => ' plain ' })).resolves.toEqual(['plain']);
  });

  it('uses the environment only when no secret name is set (local mode)', async () => {
    const fetch = vi.fn();
    await expect(loadWebhookSecrets({ secret: 'a', secretPrevious: 'b' }, { maxAgeSeconds: 1, fetch })).resolves.toEqual(['a', 'b']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fails closed with a ConfigError when nothing is configured or the secret is empty', async () => {
    await expect(loadWebhookSecrets({}, { maxAgeSeconds: 1 })).rejects.toBeInstanceOf(ConfigError);
    await expect(loadWebhookSecrets({ secretName: 'x' }, { maxAgeSeconds: 1, fetch: async () => '{"current":""}' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('turns a store failure into a retryable error naming the secret, not its value', async () => {
    const error = await loadWebhookSecrets({ secretName: 'bridge/webhook' }, { maxAgeSeconds: 1, fetch: async () => Promise.reject(new Error('throttled')) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookSecretsError);
    expect((error as WebhookSecretsError).retryable).toBe(true);
    expect((error as Error).message).toContain('bridge/webhook');
  });

  it.each([
    ['{"current":"a"}', ['a']],
    ['{not json', ['{not json']],
    ['', []],
    ['{"previous":"b"}', ['b']],
  ])('parses %j', (raw, expected) => {
    expect(parseSecretValue(raw)).toEqual(expected);
  });
});
