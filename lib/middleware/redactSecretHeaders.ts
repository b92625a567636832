/** Header names whose values are credentials: the webhook's shared secret and the usual suspects. */
const SECRET_HEADER = /secret|token|auth|signature|cookie|api-key|password/i;

/**
 * The event as it may be logged: every header whose name says it carries a credential (the
 * webhook's secret header, `WEBHOOK_SECRET_HEADER`, matches by its default name and `extra`
 * names any other) has its value replaced by `[redacted]`. Pure: the event itself is not changed.
 */
export function redactSecretHeaders<E>(event: E, extra: readonly string[] = []): E {
  if (typeof event !== 'object' || event === null) return event;
  const names = new Set(extra.map((n) => n.toLowerCase()));
  const isSecret = (name: string) => SECRET_HEADER.test(name) || names.has(name.toLowerCase());
  const redact = (headers: unknown) =>
    typeof headers === 'object' && headers !== null
      ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSecret(k) ? (Array.isArray(v) ? v.map(() => '[redacted]') : '[redacted]') : v]))
      : headers;
  const e = event as Record<string, unknown>;
  const out: Record<string, unknown> = { ...e };
  if ('headers' in e) out.headers = redact(e.headers);
  if ('multiValueHeaders' in e) out.multiValueHeaders = redact(e.multiValueHeaders);
  if ('cookies' in e && Array.isArray(e.cookies)) out.cookies = e.cookies.map(() => '[redacted]');
  return out as E;
}
