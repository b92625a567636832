import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import {
  type MetadataCategory,
  MetadataCategorySchema,
  type MetadataField,
  type MetadataFieldCreate,
  MetadataFieldSchema,
  type MetadataValues,
  MetadataValuesSchema,
  type MetadataValuesUpdate,
  type MetadataView,
  type MetadataViewCreate,
  MetadataViewSchema,
  MetadataViewsSchema,
} from './schemas/metadata.js';
import type { CallOptions } from './sendTypes.js';

/** Streams `GET /API/metadata/v1/fields/` (keyset on `last_field_name`, 500 per page = the spec's default). */
export function listMetadataFields(client: IconikClient, options?: CallOptions): AsyncGenerator<MetadataField> {
  return client.paginateKeyset({ method: 'GET', path: iconikPath('metadata', 'fields'), schema: MetadataFieldSchema, perPage: 500, cursorParam: 'last_field_name', cursorField: 'name' }, options);
}

/** `GET /API/metadata/v1/fields/{field_name}/`. */
export function getMetadataField(client: IconikClient, name: string, options?: CallOptions): Promise<MetadataField> {
  return client.request({ method: 'GET', path: iconikPath('metadata', 'fields', name), schema: MetadataFieldSchema }, options);
}

/** `POST /API/metadata/v1/fields/` → 201. */
export function createMetadataField(client: IconikClient, field: MetadataFieldCreate, options?: CallOptions): Promise<MetadataField> {
  return client.request({ method: 'POST', path: iconikPath('metadata', 'fields'), body: field, schema: MetadataFieldSchema }, options);
}

/** `PATCH /API/metadata/v1/fields/{field_name}/`. */
export function patchMetadataField(client: IconikClient, name: string, changes: Record<string, unknown>, options?: CallOptions): Promise<MetadataField> {
  return client.request({ method: 'PATCH', path: iconikPath('metadata', 'fields', name), body: changes, schema: MetadataFieldSchema }, options);
}

/** `DELETE /API/metadata/v1/fields/{field_name}/` → 204. */
export async function deleteMetadataField(client: IconikClient, name: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('metadata', 'fields', name) }, options);
}

/** `GET /API/metadata/v1/views/` (not paged in the spec). */
export async function listMetadataViews(client: IconikClient, options?: CallOptions): Promise<MetadataView[]> {
  return (await client.request({ method: 'GET', path: iconikPath('metadata', 'views'), schema: MetadataViewsSchema }, options)).objects;
}

/** The view named `name` (exact match), or `undefined`. */
export async function findMetadataViewByName(client: IconikClient, name: string, options?: CallOptions): Promise<MetadataView | undefined> {
  return (await listMetadataViews(client, options)).find((v) => v.name === name);
}

/** `GET /API/metadata/v1/views/{view_id}/`. */
export function getMetadataView(client: IconikClient, viewId: string, options?: CallOptions): Promise<MetadataView> {
  return client.request({ method: 'GET', path: iconikPath('metadata', 'views', viewId), schema: MetadataViewSchema }, options);
}

/** `POST /API/metadata/v1/views/` → 201. */
export function createMetadataView(client: IconikClient, view: MetadataViewCreate, options?: CallOptions): Promise<MetadataView> {
  return client.request({ method: 'POST', path: iconikPath('metadata', 'views'), body: view, schema: MetadataViewSchema }, options);
}

/** `PATCH /API/metadata/v1/views/{view_id}/`. */
export function patchMetadataView(client: IconikClient, viewId: string, changes: Record<string, unknown>, options?: CallOptions): Promise<MetadataView> {
  return client.request({ method: 'PATCH', path: iconikPath('metadata', 'views', viewId), body: changes, schema: MetadataViewSchema }, options);
}

/** `DELETE /API/metadata/v1/views/{view_id}/` → 204. */
export async function deleteMetadataView(client: IconikClient, viewId: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('metadata', 'views', viewId) }, options);
}

/** `GET /API/metadata/v1/{object_type}/categories/{name}/`. */
export function getMetadataCategory(client: IconikClient, objectType: string, name: string, options?: CallOptions): Promise<MetadataCategory> {
  return client.request({ method: 'GET', path: iconikPath('metadata', objectType, 'categories', name), schema: MetadataCategorySchema }, options);
}

/** `PUT /API/metadata/v1/{object_type}/categories/{name}/` (`MetadataCategorySchema`), e.g. to add a view id. */
export function updateMetadataCategory(
  client: IconikClient,
  objectType: string,
  category: { readonly name: string; readonly label: string; readonly view_ids: readonly string[] },
  options?: CallOptions,
): Promise<MetadataCategory> {
  return client.request({ method: 'PUT', path: iconikPath('metadata', objectType, 'categories', category.name), body: category, schema: MetadataCategorySchema }, options);
}

/** `GET /API/metadata/v1/{object_type}/{object_id}/views/{view_id}/`. */
export function getMetadataValues(client: IconikClient, objectType: string, objectId: string, viewId: string, options?: CallOptions): Promise<MetadataValues> {
  return client.request({ method: 'GET', path: iconikPath('metadata', objectType, objectId, 'views', viewId), schema: MetadataValuesSchema }, options);
}

/** `PUT /API/metadata/v1/{object_type}/{object_id}/views/{view_id}/` → 200 with the values. */
export function putMetadataValues(client: IconikClient, objectType: string, objectId: string, viewId: string, values: MetadataValuesUpdate, options?: CallOptions): Promise<MetadataValues> {
  return client.request({ method: 'PUT', path: iconikPath('metadata', objectType, objectId, 'views', viewId), body: values, schema: MetadataValuesSchema }, options);
}
