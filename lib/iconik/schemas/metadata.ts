import * as z from 'zod';
import { listEnvelope } from './listEnvelope.js';

/** `MetadataFieldSchema` (metadata spec). */
export const MetadataFieldSchema = z.looseObject({
  name: z.string(),
  label: z.string().nullish(),
  field_type: z.string().nullish(),
});
export type MetadataField = z.infer<typeof MetadataFieldSchema>;

/** `MetadataViewSchema` (metadata spec): a view and its fields. */
export const MetadataViewSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  view_fields: z
    .array(z.looseObject({ name: z.string() }))
    .nullish()
    .transform((v) => v ?? []),
});
export type MetadataView = z.infer<typeof MetadataViewSchema>;

/** `MetadataViewsSchema`: `GET /v1/views/` (no paging in the spec). */
export const MetadataViewsSchema = listEnvelope(MetadataViewSchema);

/** `MetadataFieldValueSchema`: `{field_values: [{value}], mode?}`. */
export const MetadataFieldValueSchema = z.looseObject({
  field_values: z
    .array(z.looseObject({ value: z.unknown().optional() }))
    .nullish()
    .transform((v) => v ?? []),
  mode: z.string().optional(),
});

/** `MetadataValuesSchema`: values of one object in one view. */
export const MetadataValuesSchema = z.looseObject({
  object_id: z.string().nullish(),
  object_type: z.string().nullish(),
  metadata_values: z
    .record(z.string(), MetadataFieldValueSchema)
    .nullish()
    .transform((v) => v ?? {}),
});
export type MetadataValues = z.infer<typeof MetadataValuesSchema>;

/** `MetadataCategorySchema` (metadata spec): `{name, label, view_ids}`. */
export const MetadataCategorySchema = z.looseObject({
  name: z.string(),
  label: z.string().nullish(),
  view_ids: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});
export type MetadataCategory = z.infer<typeof MetadataCategorySchema>;

/** Body of `POST /v1/fields/` (`MetadataFieldCreateSchema`: required `name, label, field_type`). */
export interface MetadataFieldCreate {
  readonly name: string;
  readonly label: string;
  readonly field_type: string;
  readonly [field: string]: unknown;
}

/** Body of `POST /v1/views/` (`MetadataViewInputSchema`: required `name, view_fields`). */
export interface MetadataViewCreate {
  readonly name: string;
  readonly description?: string;
  readonly view_fields: readonly { readonly name: string; readonly [k: string]: unknown }[];
  readonly [field: string]: unknown;
}

/** Body of `PUT /v1/{object_type}/{object_id}/views/{view_id}/`. */
export interface MetadataValuesUpdate {
  readonly metadata_values: Record<string, { readonly field_values: readonly { readonly value: unknown }[]; readonly mode?: 'overwrite' | 'append' | 'delete' }>;
}
