import type { Command } from '../command.js';
import { emulatorCommand } from './emulator.js';
import { localCommand } from './local.js';
import { putCommand } from './put.js';

/** Every `bridge` command, in the order `bridge --help` lists them. */
export const commands: readonly Command[] = [localCommand, emulatorCommand, putCommand];
