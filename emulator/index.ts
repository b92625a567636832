// The emulator's public surface. It imports nothing from lib/ (docs/architecture.md).
export { startEmulator, type Emulator } from './startEmulator.js';
export { Control, type StorageStatusPatch } from './control/Control.js';
export {
  defaultCredential,
  defaultNonAdminCredential,
  defaultStorageIds,
  type Credential,
  type EmulatorOptions,
  type JobLifecycleOptions,
  type RateLimitOptions,
  type S3BackendOptions,
} from './options.js';
export type { FaultRule } from './FaultInjector.js';
export type { StatsSnapshot, RequestLogEntry } from './Stats.js';
export { Store, type StoredRecord } from './store.js';
export { tables } from './tables.js';
export { defineRoute, operationKey, type Route, type RouteContext, type RouteResult } from './route.js';
