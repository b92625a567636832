/**
 * Root of the bridge's error family. Every area (iconik, ledger, ingest, webhook…) derives its own
 * errors from this so callers can tell "ours" from anything a library threw.
 */
export class BridgeError extends Error {
  /** Whether trying the same thing again later can succeed. */
  readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'BridgeError';
    this.retryable = options?.retryable ?? false;
  }
}

/** One problem with one setting; `ConfigError` carries all of them at once. */
export interface ConfigIssue {
  readonly setting: string;
  readonly problem: string;
}

/**
 * The configuration is invalid. The message lists every bad setting and why, and never a value
 * (a value may be a secret).
 */
export class ConfigError extends BridgeError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options?: ErrorOptions) {
    const lines = issues.map((i) => `  - ${i.setting}: ${i.problem}`);
    super(`Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, options);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** An event or message the bridge cannot understand; retrying it cannot help. */
export class InvalidEventError extends BridgeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, retryable: false });
    this.name = 'InvalidEventError';
  }
}
