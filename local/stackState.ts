import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { StackStateError } from './StackStateError.js';

/**
 * Where a secret setting of the running stack comes from. The file never holds a secret's value:
 * `local` is a well-known loopback-only value (the emulator's credentials, the local webhook
 * secret; `localSecretValues`), `environment` means the variable of the same name in the
 * environment of whoever needs it (real iconik credentials stay where the user keeps them).
 */
export const secretSourceSchema = z.enum(['local', 'environment']);
export type SecretSource = z.infer<typeof secretSourceSchema>;

/**
 * What a running local stack publishes for the CLI (`bridge put`, `bridge audit` …) to find it:
 * written at start, removed at stop. Holds loopback URLs, settings, and references to secrets.
 */
export const stackStateSchema = z.object({
  pid: z.number().int(),
  s3Url: z.string(),
  dynamoUrl: z.string(),
  sqsUrl: z.string(),
  iconikUrl: z.string(),
  webhookUrl: z.string(),
  bucket: z.string(),
  /** The handlers' settings, secrets left out. */
  env: z.record(z.string(), z.string()),
  /** Secret setting → where its value is. */
  secrets: z.record(z.string(), secretSourceSchema),
});
export type StackState = z.infer<typeof stackStateSchema>;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the local stack keeps its state (stack.json, S3, ledger, queues, emulator). */
export const defaultStateDir = resolve(repoRoot, '.local-stack');
/** `BRIDGE_STACK_STATE` moves it (tests run stacks side by side). */
export const defaultStackStatePath = process.env.BRIDGE_STACK_STATE ?? resolve(defaultStateDir, 'stack.json');

export async function writeStackState(state: StackState, path = defaultStackStatePath): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(stackStateSchema.parse(state), null, 2)}\n`, { mode: 0o600 });
}

/**
 * The running stack's state, or `undefined` when there is no file or the stack that wrote it is
 * gone. Throws `StackStateError` (naming the file) when the file is not a stack file.
 */
export async function readStackState(path = defaultStackStatePath): Promise<StackState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StackStateError(path, 'not JSON', { cause: error });
  }
  const pid = (json as { pid?: unknown } | null)?.pid;
  if (typeof pid === 'number' && !isAlive(pid)) return undefined; // the stack that wrote it is gone
  const parsed = stackStateSchema.safeParse(json);
  if (!parsed.success) throw new StackStateError(path, `bad or missing ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(file)'))].join(', ')}`);
  return parsed.data;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

export async function removeStackState(path = defaultStackStatePath): Promise<void> {
  await rm(path, { force: true });
}
