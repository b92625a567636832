import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

/** `FormatSchema` (files spec). */
export const FormatSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: lenientEnum('Format.status', ['ACTIVE', 'DELETED']).optional(),
  storage_methods: z.array(z.string()).nullish(),
});
export type Format = z.infer<typeof FormatSchema>;

/** Body of `POST /v1/assets/{asset_id}/formats/` (required `name`). */
export interface FormatCreate {
  readonly name: string;
  readonly user_id?: string;
  readonly metadata?: readonly Record<string, unknown>[];
  readonly storage_methods?: readonly string[];
  readonly [field: string]: unknown;
}
