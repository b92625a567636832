// `bridge --help`, `bridge <command> --help`, `bridge --version` and bare `bridge` without loading
// TypeScript: their texts are cached (node_modules/.cache, written by the CLI itself the first time
// and at `npm ci` by the prepare script) with a hash of the sources they come from (cli/,
// lib/audit/finding.ts, package.json). A changed source means a stale cache: not used.
// Plain JavaScript on purpose: it runs before tsx is loaded.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cachePath = join(root, 'node_modules', '.cache', 'iconik-s3-bridge', 'cli-help.json');

/** A hash of the files the help texts are made of. */
function sources() {
  const files = ['package.json', join('lib', 'audit', 'finding.ts')];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.ts')) files.push(join(dir, entry.name));
    }
  };
  walk('cli');
  const hash = createHash('sha256');
  for (const f of files.sort())
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(root, f)))
      .update('\0');
  return hash.digest('hex');
}

/** What argv asks, when it is a help or version request the cache can answer; else undefined. */
export function helpRequest(argv) {
  const [first, second, ...rest] = argv;
  if (first === undefined) return { kind: 'usage' };
  if (second === undefined && ['--help', '-h', 'help'].includes(first)) return { kind: 'top' };
  if (second === undefined && ['--version', '-V', 'version'].includes(first)) return { kind: 'version' };
  if (rest.length === 0 && (second === '--help' || second === '-h') && !first.startsWith('-')) return { kind: 'command', name: first };
  return undefined;
}

/** Answers a help request from a fresh cache: the exit code, or undefined (no cache, stale, unknown command). */
export function serveFromCache(request) {
  let cache;
  try {
    cache = JSON.parse(readFileSync(cachePath, 'utf8'));
    const now = sources();
    if (now !== cache.sources) return undefined;
  } catch {
    return undefined;
  }
  switch (request.kind) {
    case 'usage':
      process.stderr.write(`${cache.top}\n`);
      return 2;
    case 'top':
      process.stdout.write(`${cache.top}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${cache.version}\n`);
      return 0;
    case 'command': {
      const usage = cache.commands[request.name];
      if (usage === undefined) return undefined;
      process.stdout.write(`${usage}\n\n`);
      return 0;
    }
  }
  return undefined;
}

/** Writes the cache from the CLI's own texts (`helpTexts()` of cli/bridge.ts). Best effort. */
export function writeCache(texts) {
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(cachePath, `${JSON.stringify({ ...texts, sources: sources() })}\n`);
  } catch {
    // a read-only checkout: every help request then goes through TypeScript, only slower
  }
}

export const helpCachePath = relative(root, cachePath);
