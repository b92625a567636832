import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

export const storagePurposes = ['KEYFRAMES', 'FILES', 'PROXIES', 'EXPORTS', 'ARCHIVE', 'FACES'] as const;
export type StoragePurpose = (typeof storagePurposes)[number];

/** `StorageSchema` / `StorageReadSchema` (files spec). `settings` depends on `method` (S3: bucket, path, region…). */
export const StorageSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  method: lenientEnum('Storage.method', ['FILE', 'HTTP', 'FTP', 'SFTP', 'S3', 'B2', 'GCS', 'PORTAL', 'CUSTOM', 'AZURE']),
  purpose: lenientEnum('Storage.purpose', storagePurposes).nullish(),
  status: lenientEnum('Storage.status', ['ACTIVE', 'INACTIVE', 'FAILING']).nullish(),
  status_message: z.string().nullish(),
  scanner_status: z.string().nullish(),
  last_scanned: z.string().nullish(),
  default: z.boolean().nullish(),
  settings: z
    .looseObject({
      bucket: z.string().nullish(),
      path: z.string().nullish(),
      region: z.string().nullish(),
      endpoint: z.string().nullish(),
    })
    .nullish(),
});
export type Storage = z.infer<typeof StorageSchema>;

/** Body of `POST /v1/storages/{storage_id}/scan/` (`StorageScanSchema`). */
export interface StorageScan {
  readonly files?: readonly string[];
  readonly paths?: readonly string[];
  readonly ignore_already_active?: boolean;
}
