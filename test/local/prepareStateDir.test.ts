import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.js';
import { prepareStateDir } from '../../local/prepareStateDir.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridge-state-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('prepareStateDir', () => {
  it('keeps the state of the same iconik, and --fresh removes it (and only it)', async () => {
    expect(await prepareStateDir(join(dir, 'stack.json'), 'emulator', { fresh: false })).toBe(dir);
    await mkdir(join(dir, 's3'));
    await writeFile(join(dir, 'queues.json'), '{}');
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await prepareStateDir(join(dir, 'stack.json'), 'emulator', { fresh: false });
    expect((await readdir(dir)).sort()).toEqual(['iconik.json', 'notes.txt', 'queues.json', 's3']);
    await prepareStateDir(join(dir, 'stack.json'), 'emulator', { fresh: true });
    expect((await readdir(dir)).sort()).toEqual(['iconik.json', 'notes.txt']);
  });

  it('refuses state made against another iconik (its ledger names assets that iconik lacks), unless --fresh', async () => {
    await prepareStateDir(join(dir, 'stack.json'), 'emulator', { fresh: false });
    await expect(prepareStateDir(join(dir, 'stack.json'), 'https://app.iconik.io', { fresh: false })).rejects.toThrow(ConfigError);
    await expect(prepareStateDir(join(dir, 'stack.json'), 'https://app.iconik.io', { fresh: false })).rejects.toThrow(/was made with iconik emulator.*--fresh/);
    expect(await prepareStateDir(join(dir, 'stack.json'), 'https://app.iconik.io', { fresh: true })).toBe(dir);
  });
});
