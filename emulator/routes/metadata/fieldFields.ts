/** Writable `MetadataFieldCreateSchema` fields (notes §7 [C]); `name` is fixed after create. */
export const writableFieldFields = [
  'label',
  'field_type',
  'description',
  'options',
  'multi',
  'required',
  'read_only',
  'auto_set',
  'hide_if_not_set',
  'is_block_field',
  'is_warning_field',
  'min_value',
  'max_value',
  'representative',
  'sortable',
  'use_as_facet',
  'source_url',
  'external_id',
] as const;

/** Field types iconik accepts (pythonik, "confirmed by API error messages", notes §7 [C]). */
export const fieldTypes = ['integer', 'float', 'boolean', 'string', 'string_exact', 'text', 'date', 'datetime', 'tag_cloud', 'url', 'drop_down', 'email'] as const;
