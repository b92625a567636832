/** The parts of an esbuild metafile this reads. */
export interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }>; imports: Array<{ path: string; kind: string }> }>;
}

/**
 * Bytes per npm package (or per source folder) in the files Node loads before the handler runs: the
 * entry output and the chunks it imports statically, transitively (chunks behind `import()` load on
 * first use and are not counted). Sorted, largest first.
 */
export function packagesAtStart(metafile: Metafile, entry: string): Array<{ name: string; bytes: number }> {
  const bytes = new Map<string, number>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    const output = metafile.outputs[file];
    if (seen.has(file) || output === undefined) return;
    seen.add(file);
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, -1).join('/');
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
    for (const i of output.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  return [...bytes].map(([name, b]) => ({ name, bytes: b })).sort((a, b) => b.bytes - a.bytes);
}
