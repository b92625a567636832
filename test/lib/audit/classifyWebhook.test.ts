import { describe, expect, it } from 'vitest';
import { classifyWebhook, missingBridgeWebhook, sameWebhookUrl } from '../../../lib/audit/classifyWebhook.js';

const bridgeUrl = 'https://abc.execute-api.us-east-1.amazonaws.com/webhook';

describe('sameWebhookUrl', () => {
  it('ignores a trailing slash and host case, not the path', () => {
    expect(sameWebhookUrl('https://ABC.example.com/hook/', 'https://abc.example.com/hook')).toBe(true);
    expect(sameWebhookUrl('https://abc.example.com/hook2', 'https://abc.example.com/hook')).toBe(false);
  });
});

describe('classifyWebhook', () => {
  it('accepts the bridge webhook when ENABLED', () => {
    expect(classifyWebhook({ id: 'w1', url: `${bridgeUrl}/`, status: 'ENABLED' }, bridgeUrl)).toEqual({ isBridge: true });
  });

  it('reports the bridge webhook DISABLED as critical', () => {
    const v = classifyWebhook({ id: 'w1', url: bridgeUrl, status: 'DISABLED' }, bridgeUrl);
    expect(v.isBridge).toBe(true);
    expect(v.finding).toMatchObject({ kind: 'webhook-disabled', severity: 'critical', subject: 'w1' });
  });

  it('reports the bridge webhook FAILING with last_error and first_failed_at', () => {
    const v = classifyWebhook({ id: 'w1', url: bridgeUrl, status: 'FAILING', last_error: '502 Bad Gateway', first_failed_at: '2026-11-27T10:00:00Z' }, bridgeUrl);
    expect(v.finding?.kind).toBe('webhook-failing');
    expect(v.finding?.message).toContain('502 Bad Gateway');
    expect(v.finding?.message).toContain('2026-11-27T10:00:00Z');
    expect(v.finding?.details).toMatchObject({ last_error: '502 Bad Gateway', first_failed_at: '2026-11-27T10:00:00Z' });
  });

  it('treats a DELETED bridge webhook as absent', () => {
    expect(classifyWebhook({ id: 'w1', url: bridgeUrl, status: 'DELETED' }, bridgeUrl)).toEqual({ isBridge: false });
  });

  it('lists other FAILING webhooks as info and ignores other healthy or disabled ones', () => {
    expect(classifyWebhook({ id: 'w2', url: 'https://x.example/h', status: 'FAILING' }, bridgeUrl).finding).toMatchObject({
      kind: 'other-webhook-failing',
      severity: 'info',
    });
    expect(classifyWebhook({ id: 'w3', url: 'https://x.example/h', status: 'DISABLED' }, bridgeUrl).finding).toBeUndefined();
  });

  it('cannot recognise the bridge webhook without a bridge URL', () => {
    expect(classifyWebhook({ id: 'w1', url: bridgeUrl, status: 'DISABLED' }, undefined)).toEqual({ isBridge: false });
  });
});

describe('missingBridgeWebhook', () => {
  it('names the URL', () => {
    expect(missingBridgeWebhook(bridgeUrl)).toMatchObject({ kind: 'webhook-missing', subject: bridgeUrl, severity: 'critical' });
  });
});
