import * as z from 'zod';

/** `CollectionSchema` (assets spec). */
export const CollectionSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  parent_id: z.string().nullish(),
});
export type Collection = z.infer<typeof CollectionSchema>;

/** One item of `GET /v1/collections/{collection_id}/contents/` (`CollectionContentInfoSchema`-like). */
export const CollectionContentSchema = z.looseObject({
  id: z.string(),
  object_type: z.string().nullish(),
  title: z.string().nullish(),
});
export type CollectionContent = z.infer<typeof CollectionContentSchema>;

/** Body of `POST /v1/collections/` (`CollectionInputSchema`). */
export interface CollectionCreate {
  readonly title: string;
  readonly parent_id?: string;
  readonly [field: string]: unknown;
}
