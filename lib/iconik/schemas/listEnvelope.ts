import * as z from 'zod';

/**
 * iconik's list envelope (`objects`, `page`, `pages`, `next_url`, `scroll_id`…), e.g. `StoragesReadSchema`,
 * `JobsSchema`, `AssetsSchema`. Only `objects` is required; everything else drives pagination when present.
 */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.looseObject({
    objects: z
      .array(item)
      .nullish()
      .transform((v) => v ?? []),
    page: z.number().nullish(),
    pages: z.number().nullish(),
    per_page: z.number().nullish(),
    total: z.number().nullish(),
    next_url: z.string().nullish(),
    scroll_id: z.string().nullish(),
  });
}

export type ListEnvelope<T> = {
  objects: T[];
  page?: number | null | undefined;
  pages?: number | null | undefined;
  per_page?: number | null | undefined;
  total?: number | null | undefined;
  next_url?: string | null | undefined;
  scroll_id?: string | null | undefined;
};
