import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '../lib/errors.js';

/** What the local stack keeps in its state directory, next to stack.json. */
export const STATE_PARTS = ['s3', 'ledger', 'queues.json', 'emulator.json', 'iconik.json'] as const;

/**
 * The local stack's state directory (the folder of stack.json: `.local-stack/` by default), ready
 * for a run against `iconik` (`emulator`, or a real iconik URL): emptied first with `fresh`.
 * State made against another iconik is refused: its ledger names assets that iconik does not have.
 */
export async function prepareStateDir(stackStatePath: string, iconik: string, options: { fresh: boolean }): Promise<string> {
  const dir = dirname(stackStatePath);
  await mkdir(dir, { recursive: true });
  if (options.fresh) for (const part of STATE_PARTS) await rm(join(dir, part), { recursive: true, force: true });
  const marker = join(dir, 'iconik.json');
  const previous = await readFile(marker, 'utf8')
    .then((text) => (JSON.parse(text) as { iconik?: string }).iconik)
    .catch(() => undefined);
  if (previous !== undefined && previous !== iconik) {
    throw new ConfigError([
      {
        setting: 'ICONIK_URL',
        problem: `the state kept in ${dir} was made with iconik ${previous}, not ${iconik}: run \`bridge local --fresh\` to start clean (or move BRIDGE_STACK_STATE elsewhere)`,
      },
    ]);
  }
  await writeFile(marker, `${JSON.stringify({ iconik })}\n`);
  return dir;
}
