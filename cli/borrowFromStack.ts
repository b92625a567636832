import type { StackState } from '../local/stackState.js';

/**
 * The things a command talks to, and the variables that name each. A command takes every target
 * from one place: the environment, or the running local stack. Never some from each: production
 * iconik with the local ledger would record real assets in a throw-away table.
 */
export const TARGETS = {
  iconik: ['ICONIK_URL', 'ICONIK_APP_ID', 'ICONIK_AUTH_TOKEN', 'ICONIK_AUTH_TOKEN_SECRET'],
  S3: ['AWS_ENDPOINT_URL_S3'],
  ledger: ['AWS_ENDPOINT_URL_DYNAMODB', 'LEDGER_TABLE'],
  queues: ['AWS_ENDPOINT_URL_SQS', 'INGEST_QUEUE_URL', 'WRITEBACK_QUEUE_URL'],
} as const;
export type Target = keyof typeof TARGETS;

const DEFAULT_ICONIK_URL = 'https://app.iconik.io';
const set = (env: Readonly<Record<string, string | undefined>>, name: string) => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};
const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The targets the environment names itself, differently from the stack: a different ICONIK_URL
 * (iconik credentials without ICONIK_URL mean iconik's default host), a different S3 or DynamoDB
 * endpoint, ledger table or queue.
 */
export function ownTargets(stack: StackState, env: Readonly<Record<string, string | undefined>>): Target[] {
  const own: Target[] = [];
  const iconikNamed = TARGETS.iconik.some((n) => set(env, n) !== undefined);
  if (iconikNamed && !sameUrl(set(env, 'ICONIK_URL') ?? DEFAULT_ICONIK_URL, stack.iconikUrl)) own.push('iconik');
  for (const target of ['S3', 'ledger', 'queues'] as const) {
    if (TARGETS[target].some((n) => set(env, n) !== undefined && stack.env[n] !== undefined && set(env, n) !== stack.env[n])) own.push(target);
  }
  return own;
}

export type BorrowDecision =
  /** Use the stack: these variables (missing in the environment) come from it. */
  | { readonly use: 'stack'; readonly borrowed: Readonly<Record<string, string>>; readonly needFromEnvironment: readonly string[] }
  /** The environment names its own targets: take nothing from the stack. */
  | { readonly use: 'environment'; readonly own: readonly Target[] };

/**
 * Whether a command next to a running stack uses the stack's settings, and which. With the stack,
 * every variable the environment lacks is borrowed; a secret the stack keeps as a reference is
 * filled from `localSecrets` (`local`) or must be in the environment (`environment`).
 */
export function borrowFromStack(stack: StackState, env: Readonly<Record<string, string | undefined>>, localSecrets: Readonly<Record<string, string>>): BorrowDecision {
  const own = ownTargets(stack, env);
  if (own.length > 0) return { use: 'environment', own };
  const borrowed: Record<string, string> = {};
  for (const [name, value] of Object.entries(stack.env)) if (set(env, name) === undefined) borrowed[name] = value;
  const needFromEnvironment: string[] = [];
  for (const [name, source] of Object.entries(stack.secrets)) {
    if (set(env, name) !== undefined) continue;
    const local = localSecrets[name];
    if (source === 'local' && local !== undefined) borrowed[name] = local;
    else needFromEnvironment.push(name);
  }
  return { use: 'stack', borrowed, needFromEnvironment };
}
