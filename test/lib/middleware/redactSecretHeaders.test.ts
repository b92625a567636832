import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redactSecretHeaders } from '../../../lib/middleware/redactSecretHeaders.js';
import { repoRoot } from '../../cli/runBridge.js';

const SECRET = 'very-secret-webhook-value-0123456789';

describe('redactSecretHeaders', () => {
  it('replaces the values of secret headers, keeps the others, and leaves the event unchanged', () => {
    const event = {
      headers: { 'x-bridge-webhook-secret': SECRET, authorization: 'Bearer x', 'content-type': 'application/json', 'x-custom-key': 'k' },
      cookies: ['session=abc'],
      body: '{}',
    };
    const redacted = redactSecretHeaders(event, ['X-Custom-Key']);
    expect(redacted.headers).toEqual({ 'x-bridge-webhook-secret': '[redacted]', authorization: '[redacted]', 'content-type': 'application/json', 'x-custom-key': '[redacted]' });
    expect(redacted.cookies).toEqual(['[redacted]']);
    expect(event.headers['x-bridge-webhook-secret']).toBe(SECRET);
  });

  it('passes events without headers through', () => {
    expect(redactSecretHeaders({ Records: [] })).toEqual({ Records: [] });
    expect(redactSecretHeaders(undefined)).toBeUndefined();
  });
});

describe('POWERTOOLS_LOGGER_LOG_EVENT=true', () => {
  it('logs the webhook request without its secret header value (the deployed webhook function, in a process of its own)', () => {
    // The logger reads its settings when first imported: a child process starts from a clean slate.
    const script = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'functions', 'webhook.ts')).href)});
      const event = { version: '2.0', routeKey: 'POST /iconik/webhook', rawPath: '/iconik/webhook', rawQueryString: '',
        headers: { 'content-type': 'application/json', 'x-bridge-webhook-secret': '${SECRET}' },
        requestContext: { http: { method: 'POST', path: '/iconik/webhook' }, requestId: 'r1' }, body: '{}', isBase64Encoded: false };
      const context = { functionName: 'webhook', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10000 };
      await handler(event, context).catch(() => undefined);
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        POWERTOOLS_LOGGER_LOG_EVENT: 'true',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        WEBHOOK_SECRET: SECRET,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain('Lambda invocation event');
    expect(out).toContain('"x-bridge-webhook-secret":"[redacted]"');
    expect(out).not.toContain(SECRET);
  });
});
