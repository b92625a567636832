import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code and docs cite only what the repository holds (issue #16): a fresh clone has no folder beside
 * it, so a cited path, or a "notes §N" section, must be found here. The reference copies themselves
 * (`docs/reference/`) are not scanned: they cite their own sources outside the project.
 */
const root = resolve(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mjs|md|yml)$/.test(f) && !f.startsWith('docs/reference/') && f !== 'test/citations.test.ts' && existsSync(join(root, f)));
const lines = tracked.flatMap((file) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .map((text, i) => ({ where: `${file}:${i + 1}`, file, text })),
);

/** Paths that are named but made at run time (outputs, the local stack's state, demo keys), or are test data for a path parser. */
const notFiles = new Set(['bench/results/partial.json', 'results/partial.json', 'lib/ingest/a.ts', 'lib/ingest/b.ts', '.local-stack/stack.json', 'demo/interview.mov.iconik.json']);
/** A path in backticks may be written from the repository root, the citing file's folder or its top folder (`spec/relaxations.ts` in emulator/). */
const quotedPath = /`([\w.-]+\/[\w./-]*\.(?:ts|md|json|mjs|txt|yml))`/g;
const resolves = (file: string, path: string) => [root, join(root, dirname(file)), join(root, file.split('/')[0] ?? '')].some((base) => existsSync(join(base, path)));
const repoPath = /(?<![\w/.-])((?:lib|docs|test|emulator|bench|local|cli|functions|scripts|bin)\/[A-Za-z0-9_./-]*\.(?:ts|md|json|mjs|txt|yml))/g;

const notesSections = new Set([...readFileSync(join(root, 'docs/reference/iconik-api-notes.md'), 'utf8').matchAll(/^## (\d+)\./gm)].map((m) => m[1]));

describe('citations', () => {
  it('reads the sources (a scan that finds nothing would make every rule pass)', () => {
    expect(tracked.length).toBeGreaterThan(300);
    expect(lines.filter((l) => /notes §\d/.test(l.text)).length).toBeGreaterThan(50);
    expect(notesSections.size).toBeGreaterThan(8);
  });

  it('every repository path cited in code and docs exists', () => {
    const missing = lines.flatMap(({ where, file, text }) =>
      [...text.matchAll(repoPath)]
        .map((m) => (m[1] ?? '').replace(/\.$/, ''))
        .filter((path) => !notFiles.has(path) && !existsSync(join(root, path)) && !existsSync(join(root, dirname(file), path)))
        .map((path) => `${where} cites ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('every path in backticks resolves from the root, the citing folder or its top folder', () => {
    const missing = lines.flatMap(({ where, file, text }) =>
      [...text.matchAll(quotedPath)]
        .map((m) => m[1] ?? '')
        .filter((path) => !notFiles.has(path) && !resolves(file, path))
        .map((path) => `${where} cites ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('every "notes §N" is a section of docs/reference/iconik-api-notes.md', () => {
    const unknown = lines.flatMap(({ where, text }) => [...text.matchAll(/notes §(\d+)/g)].filter((m) => !notesSections.has(m[1] ?? '')).map((m) => `${where}: §${m[1]}`));
    expect(unknown).toEqual([]);
  });

  it('nothing cites the documents outside the repository (design.md, style.md, ../shared)', () => {
    const outside = lines
      .filter(({ text }) =>
        /\.\.\/shared\b|(?<![\w/-])(?:design|style)\.md\b|iconik-api-notes\.md|iconik-api-overview\.txt|iconik-real-clients\.md/.test(text.replace(/docs\/reference\/[\w.-]+/g, '')),
      )
      .map((l) => l.where);
    expect(outside).toEqual([]);
  });
});
