import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/**
 * What a running local stack publishes for the CLI (`bridge put`, `bridge audit` …) to find it:
 * written at start, removed at stop. Holds loopback URLs and the local-only credentials.
 */
export const stackStateSchema = z.object({
  pid: z.number().int(),
  s3Url: z.string(),
  dynamoUrl: z.string(),
  sqsUrl: z.string(),
  iconikUrl: z.string(),
  webhookUrl: z.string(),
  bucket: z.string(),
  env: z.record(z.string(), z.string()),
});
export type StackState = z.infer<typeof stackStateSchema>;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `BRIDGE_STACK_STATE` moves it (tests run stacks side by side). */
export const defaultStackStatePath = process.env.BRIDGE_STACK_STATE ?? resolve(repoRoot, '.local-stack', 'stack.json');

export async function writeStackState(state: StackState, path = defaultStackStatePath): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export async function readStackState(path = defaultStackStatePath): Promise<StackState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = stackStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) return undefined;
  try {
    process.kill(parsed.data.pid, 0);
  } catch {
    return undefined; // the stack that wrote it is gone
  }
  return parsed.data;
}

export async function removeStackState(path = defaultStackStatePath): Promise<void> {
  await rm(path, { force: true });
}
