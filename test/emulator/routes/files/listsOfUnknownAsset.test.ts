import { describe, expect, it } from 'vitest';
import { useEmulator } from '../useEmulator.js';

const unknown = '00000000-0000-4000-8000-00000000dead';

describe('asset sub-resource lists of an unknown asset', () => {
  const t = useEmulator();

  // The 404 texts are the spec's own descriptions for these operations (files.json).
  it.each([
    { path: `/API/files/v1/assets/${unknown}/files/`, text: "Files for this asset don't exist" },
    { path: `/API/files/v1/assets/${unknown}/file_sets/`, text: "FileSets for this asset don't exist" },
    { path: `/API/files/v1/assets/${unknown}/formats/`, text: "Formats for this asset don't exist" },
    { path: `/API/files/v1/assets/${unknown}/formats/${unknown}/storages/${unknown}/file_sets/`, text: "FileSets for this asset don't exist" },
  ])('answers 404 "$text" for $path', async ({ path, text }) => {
    const res = await t.api('GET', path);

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [text] });
  });
});
