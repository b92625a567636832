import type { Route } from '../route.js';
import { getMatchingStorage } from './files/getMatchingStorage.js';
import { getMatchingStorageByMethod } from './files/getMatchingStorageByMethod.js';
import { getStorage } from './files/getStorage.js';
import { listStorages } from './files/listStorages.js';

/**
 * Every implemented iconik operation. To add one: write `routes/<service>/<operation>.ts` exporting a
 * `defineRoute({...})`, import it here, add it to this list, run `npx tsx emulator/spec/vendor.ts`.
 * Keep the list grouped by service and sorted.
 */
export const routes: readonly Route[] = [
  // files: storages
  listStorages,
  getStorage,
  getMatchingStorage,
  getMatchingStorageByMethod,
];
