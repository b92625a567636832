import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../lib/config.js';
import { ConfigError } from '../../../../lib/errors.js';
import { AccountBudget, accountBudgetFromConfig } from '../../../../lib/iconik/index.js';

const credentials = { ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'token' };

describe('the rate budget settings', () => {
  it('share the account budget wherever the ledger table is known (functions, CLI, local stack), else pace per process', () => {
    expect(loadConfig({ ...credentials, LEDGER_TABLE: 'ledger' }).iconik.rate.budget).toBe('account');
    expect(loadConfig(credentials).iconik.rate.budget).toBe('process');
    expect(loadConfig({ ...credentials, LEDGER_TABLE: 'ledger', ICONIK_RATE_BUDGET: 'process' }).iconik.rate.budget).toBe('process');
  });

  it('refuses ICONIK_RATE_BUDGET=account without a table, and bad reserves and priorities, naming the setting', () => {
    const problem = (env: Record<string, string>) => {
      try {
        loadConfig({ ...credentials, ...env });
      } catch (error) {
        return (error as ConfigError).issues.map((i) => i.setting);
      }
      return [];
    };
    expect(problem({ ICONIK_RATE_BUDGET: 'account' })).toEqual(['LEDGER_TABLE']);
    expect(problem({ ICONIK_RATE_RESERVE: '0.95' })).toEqual(['ICONIK_RATE_RESERVE']);
    expect(problem({ ICONIK_RATE_PRIORITY: 'urgent' })).toEqual(['ICONIK_RATE_PRIORITY']);
  });

  it('builds the account budget only when asked for', () => {
    expect(accountBudgetFromConfig(loadConfig({ ...credentials, LEDGER_TABLE: 'ledger', ICONIK_RATE_PRIORITY: 'high' }), { db: {} as never })).toBeInstanceOf(AccountBudget);
    expect(accountBudgetFromConfig(loadConfig(credentials))).toBeUndefined();
  });
});
