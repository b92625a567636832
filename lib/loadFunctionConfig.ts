import { type Config, type LoadConfigOptions, loadConfig } from './config.js';

/** What each function cannot run without: the deployed functions and the local stack load their config with it. */
export const functionConfigOptions = {
  ingest: { needsIconik: true, require: ['LEDGER_TABLE'] },
  webhook: { require: ['LEDGER_TABLE', 'WRITEBACK_QUEUE_URL'] },
  writeback: { needsIconik: true, require: ['LEDGER_TABLE'] },
  audit: { needsIconik: true, require: ['LEDGER_TABLE'] },
} as const satisfies Record<string, LoadConfigOptions>;

export type FunctionName = keyof typeof functionConfigOptions;

/**
 * The config of function `name` from `settings` (deployed: `process.env`; the local stack: its own
 * settings map). Throws one `ConfigError` listing every bad or missing setting.
 */
export function loadFunctionConfig(name: FunctionName, settings: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig(settings, functionConfigOptions[name]);
}
