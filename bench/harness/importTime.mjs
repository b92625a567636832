// Child of the cold-start benchmark (bench/coldStart.ts): imports one bundle as Lambda does (a file
// URL) and prints the import's duration in ms. Plain .mjs so no TypeScript loader is involved.
import { pathToFileURL } from 'node:url';

const started = performance.now();
const mod = await import(pathToFileURL(process.argv[2]).href);
const ms = performance.now() - started;
if (typeof mod.handler !== 'function') throw new Error(`${process.argv[2]} exports no handler`);
console.log(JSON.stringify({ importMs: ms }));
