import type { Command } from '../command.js';
import { auditCommand } from './audit.js';
import { backfillCommand } from './backfill.js';
import { emulatorCommand } from './emulator.js';
import { ingestCommand } from './ingest.js';
import { localCommand } from './local.js';
import { putCommand } from './put.js';
import { setupCommand } from './setup.js';

/** Every `bridge` command, in the order `bridge --help` lists them. */
export const commands: readonly Command[] = [localCommand, setupCommand, putCommand, ingestCommand, backfillCommand, auditCommand, emulatorCommand];
