import { getDynamoClient } from '../../aws/clients.js';
import type { Config } from '../../config.js';
import { ledgerKeys, type LedgerDb } from '../../ledger/table.js';
import type { Now, Sleep } from '../rateLimiter.js';
import { AccountBudget } from './AccountBudget.js';
import { DynamoBudgetStore } from './DynamoBudgetStore.js';

export interface AccountBudgetDeps {
  /** Default: the process's shared DynamoDB client (`AWS_ENDPOINT_URL_DYNAMODB` locally). */
  readonly db?: LedgerDb;
  readonly onStoreError?: (error: unknown) => void;
  readonly now?: Now;
  readonly sleep?: Sleep;
}

/**
 * The account budget the configuration asks for (`ICONIK_RATE_BUDGET`), or `undefined` when each
 * process paces itself (`process`). The schedule is the ledger table's `budget#<App-ID>` item; while
 * it cannot be reached the process falls back to `ICONIK_RATE_SHARE` of the limit.
 */
export function accountBudgetFromConfig(config: Config, deps: AccountBudgetDeps = {}): AccountBudget | undefined {
  const { rate, appId } = config.iconik;
  if (rate.budget !== 'account' || config.ledgerTable === undefined || appId === undefined) return undefined;
  return new AccountBudget({
    store: new DynamoBudgetStore({ db: deps.db ?? getDynamoClient(), tableName: config.ledgerTable, key: ledgerKeys.budget(appId) }),
    perSecond: rate.perSecond,
    reserve: rate.reserve,
    priority: rate.priority,
    adapt: { capacity: rate.windowMax },
    fallbackPerSecond: rate.perSecond * rate.share,
    ...(deps.onStoreError === undefined ? {} : { onStoreError: deps.onStoreError }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
  });
}
