import * as z from 'zod';

/** One document of `SearchDocumentsSchema.objects` (assets, collections…). */
export const SearchDocumentSchema = z.looseObject({
  id: z.string(),
  object_type: z.string().nullish(),
  title: z.string().nullish(),
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

/** Body of `POST /v1/search/` (`SearchCriteriaSchema`). */
export interface SearchCriteria {
  readonly query?: string;
  readonly doc_types?: readonly string[];
  readonly filter?: {
    readonly operator: string;
    readonly terms?: readonly { readonly name: string; readonly value?: unknown; readonly value_in?: readonly unknown[]; readonly range?: Record<string, unknown> }[];
    readonly filters?: readonly unknown[];
  };
  readonly sort?: readonly { readonly name: string; readonly order?: 'asc' | 'desc' }[];
  readonly include_fields?: readonly string[];
  readonly metadata_view_id?: string;
  readonly [field: string]: unknown;
}
