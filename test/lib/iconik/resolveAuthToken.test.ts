import { beforeEach, describe, expect, it, vi } from 'vitest';

const getSecret = vi.fn();
const getParameter = vi.fn();
vi.mock('@aws-lambda-powertools/parameters/secrets', () => ({ getSecret }));
vi.mock('@aws-lambda-powertools/parameters/ssm', () => ({ getParameter }));

const { loadConfig } = await import('../../../lib/config.js');
const { resolveAuthToken } = await import('../../../lib/iconik/resolveAuthToken.js');
const { IconikClient, IconikError } = await import('../../../lib/iconik/index.js');

const env = { ICONIK_APP_ID: 'app', SECRETS_CACHE_SECONDS: '120' };

describe('resolveAuthToken', () => {
  beforeEach(() => {
    getSecret.mockReset();
    getParameter.mockReset();
  });

  it('returns the env token as is', () => {
    expect(resolveAuthToken(loadConfig({ ...env, ICONIK_AUTH_TOKEN: 'tok' }))).toBe('tok');
  });

  it('reads a Secrets Manager secret (name or ARN) with the configured cache age', async () => {
    getSecret.mockResolvedValue('  from-secret \n');
    const provider = resolveAuthToken(loadConfig({ ...env, ICONIK_AUTH_TOKEN_SECRET: 'arn:aws:secretsmanager:us-east-1:1:secret:iconik' }));

    expect(typeof provider).toBe('function');
    expect(await (provider as () => Promise<string>)()).toBe('from-secret');
    expect(getSecret).toHaveBeenCalledWith('arn:aws:secretsmanager:us-east-1:1:secret:iconik', { maxAge: 120 });
  });

  it('reads an SSM SecureString, decrypted, when the name starts with /', async () => {
    getParameter.mockResolvedValue('{"token":"from-ssm"}');
    const provider = resolveAuthToken(loadConfig({ ...env, ICONIK_AUTH_TOKEN_SECRET: '/bridge/iconik-token' })) as () => Promise<string>;

    expect(await provider()).toBe('from-ssm');
    expect(getParameter).toHaveBeenCalledWith('/bridge/iconik-token', { decrypt: true, maxAge: 120 });
  });

  it('fails with a retryable IconikError naming the secret, never a value, when the fetch fails', async () => {
    getSecret.mockRejectedValue(new Error('AccessDenied for value s3cr3t'));
    const provider = resolveAuthToken(loadConfig({ ...env, ICONIK_AUTH_TOKEN_SECRET: 'iconik' })) as () => Promise<string>;

    const error = await provider().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IconikError);
    expect((error as Error).message).toContain('iconik');
    expect(JSON.stringify(error) + String((error as Error).cause)).not.toContain('s3cr3t');
  });

  it('builds a client from Config', () => {
    const client = IconikClient.fromConfig(loadConfig({ ...env, ICONIK_AUTH_TOKEN: 'tok' }));

    expect(client.stats()).toEqual({ requests: 0, rateLimited: 0, retries: 0, waitMs: 0, errors: 0 });
  });
});
