/**
 * Reads a secret's string by name through Powertools Parameters, cached `maxAgeSeconds` per
 * container: an SSM SecureString (decrypted) for a path starting with `/`, else a Secrets Manager
 * secret (name or ARN). The SDK clients are imported on first use: deployed functions need only
 * one of the two, local runs need neither, and neither belongs in a cold start's critical path.
 */
export type FetchSecretString = (name: string, maxAgeSeconds: number) => Promise<string | undefined>;

export const fetchSecretString: FetchSecretString = async (name, maxAgeSeconds) => {
  const value = name.startsWith('/')
    ? await (await import('@aws-lambda-powertools/parameters/ssm')).getParameter(name, { decrypt: true, maxAge: maxAgeSeconds })
    : await (await import('@aws-lambda-powertools/parameters/secrets')).getSecret(name, { maxAge: maxAgeSeconds });
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('utf8');
};
