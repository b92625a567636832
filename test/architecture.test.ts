import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of the layout (docs/architecture.md): `lib/` never depends on the entry points
 * that use it, the emulator never shares code with the client it is a witness against, and runtime
 * imports form no cycle. Read from the sources with the TypeScript parser, so `import type` (erased
 * at build time) does not count as a runtime edge.
 */
const root = resolve(import.meta.dirname, '..');
const layers = ['lib', 'functions', 'emulator', 'cli', 'local', 'bench', 'scripts'] as const;

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly runtime: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node))
    return (
      node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly))
    );
  const clause = node.importClause;
  if (clause === undefined) return false; // a side-effect import
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const edges: Edge[] = [];
  const add = (specifier: string, runtime: boolean) => {
    if (!specifier.startsWith('.')) return;
    edges.push({ from: relative(root, file), to: relative(root, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))), runtime });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, !isTypeOnly(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** An import of a package (not a relative path): the names it binds, or `*` for a namespace, default or side-effect import. */
interface PackageImport {
  readonly from: string;
  readonly specifier: string;
  readonly names: readonly string[] | '*';
}

/** Every import and re-export of a package, `import type` included (a type names the client too). */
function packageImportsOf(file: string): PackageImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: PackageImport[] = [];
  for (const node of source.statements) {
    if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || node.moduleSpecifier === undefined || !ts.isStringLiteral(node.moduleSpecifier)) continue;
    const specifier = node.moduleSpecifier.text;
    if (specifier.startsWith('.')) continue;
    let names: readonly string[] | '*' = '*';
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)) {
        names = clause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text);
      }
    } else if (node.exportClause !== undefined && ts.isNamedExports(node.exportClause)) {
      names = node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
    }
    found.push({ from: relative(root, file), specifier, names });
  }
  return found;
}

const files = layers.flatMap((layer) => sourceFiles(join(root, layer)));
const edges = files.flatMap(importsOf);
const layerOf = (path: string) => path.split('/')[0] ?? '';

/** The DynamoDB SDK: whoever imports its commands can read or write the ledger table. */
const DYNAMODB_PACKAGES = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
/** The ledger's owner, and the one place lib/ builds the deployed client. */
const ledgerOwner = (path: string) => path.startsWith('lib/ledger/') || path === 'lib/aws/clients.ts';
/** Entry points that build a client for a stack of their own (local stack, benchmarks) may name these. */
const CLIENT_CLASSES = ['DynamoDBClient', 'DynamoDBDocumentClient'];
const dynamoImports = files.flatMap(packageImportsOf).filter((i) => DYNAMODB_PACKAGES.includes(i.specifier));
const describeImport = (i: PackageImport) => `${i.from} imports ${i.names === '*' ? '*' : i.names.join(', ')} from ${i.specifier}`;

function crossings(from: string, forbidden: readonly string[]): string[] {
  return edges.filter((e) => layerOf(e.from) === from && forbidden.includes(layerOf(e.to))).map((e) => `${e.from} → ${e.to}`);
}

/** Runtime import cycles, each as its path of files (Tarjan's strongly connected components). */
function runtimeCycles(): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges.filter((edge) => edge.runtime)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component);
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

describe('architecture', () => {
  it('reads the import graph (a parser that finds nothing would make every rule pass)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges.filter((e) => layerOf(e.from) === 'functions' && layerOf(e.to) === 'lib').length).toBeGreaterThan(4);
  });

  it('lib imports nothing of functions, local, cli, bench, scripts or the emulator', () => {
    expect(crossings('lib', ['functions', 'local', 'cli', 'bench', 'scripts', 'emulator'])).toEqual([]);
  });

  it('the emulator imports nothing of lib or of the entry points (a bug cannot hide in both)', () => {
    expect(crossings('emulator', ['lib', 'functions', 'local', 'cli', 'bench'])).toEqual([]);
  });

  it('the CLI, the local stack and the benchmarks build through lib, never through functions/ (deployed wiring only)', () => {
    expect([...crossings('cli', ['functions']), ...crossings('local', ['functions']), ...crossings('bench', ['functions'])]).toEqual([]);
  });

  it('functions import nothing of local, cli or bench', () => {
    expect(crossings('functions', ['local', 'cli', 'bench'])).toEqual([]);
  });

  it('every function is thin wiring: a handler from lib, at most 80 lines', () => {
    const functionFiles = files.filter((f) => layerOf(relative(root, f)) === 'functions');
    expect(functionFiles.length).toBeGreaterThanOrEqual(4);
    const fat = functionFiles.map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length })).filter((f) => f.lines > 80);
    expect(fat).toEqual([]);
    for (const f of functionFiles) expect(readFileSync(f, 'utf8'), relative(root, f)).toMatch(/export const handler = create\w+Handler\(/);
  });

  it("every function's handler module in lib is thin too: at most 80 lines, the work in modules of its own", () => {
    const handlerModules = files.filter((f) => /^lib\/.*Handler\.ts$/.test(relative(root, f)));
    expect(handlerModules.length).toBeGreaterThanOrEqual(5);
    const fat = handlerModules.map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length })).filter((f) => f.lines > 80);
    expect(fat).toEqual([]);
  });

  it('every handler is wired by defineHandler (one dependency cache, deadline and abort signal)', () => {
    const direct = edges.filter((e) => e.runtime && e.to === 'lib/middleware/withStandardMiddleware.ts' && e.from !== 'lib/middleware/defineHandler.ts').map((e) => e.from);
    expect(direct).toEqual([]);
  });

  it('sees the DynamoDB imports (a scan that finds none would make the ledger rules pass)', () => {
    expect(dynamoImports.filter((i) => i.from.startsWith('lib/ledger/')).length).toBeGreaterThan(4);
  });

  it('only lib/ledger talks to the ledger table: the rest of lib imports nothing of the DynamoDB SDK, not even a type', () => {
    // Table creation is lib/ledger's too (`ensureLedgerTable`); lib/aws/clients.ts only builds the client.
    expect(dynamoImports.filter((i) => layerOf(i.from) === 'lib' && !ledgerOwner(i.from)).map(describeImport)).toEqual([]);
  });

  it('outside lib, the DynamoDB SDK is imported only to build a client (local stack, benchmarks), never a command', () => {
    const commands = dynamoImports.filter((i) => layerOf(i.from) !== 'lib' && (i.names === '*' || i.names.some((n) => !CLIENT_CLASSES.includes(n))));
    expect(commands.map(describeImport)).toEqual([]);
  });

  it('has no runtime import cycle', () => {
    expect(runtimeCycles()).toEqual([]);
  });
});
