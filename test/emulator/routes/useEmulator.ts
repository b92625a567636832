import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../../emulator/index.js';
import { type Api, emulatorApi } from '../emulatorApi.js';

/**
 * Starts a strict emulator (rate limit off) for the enclosing `describe`, resets it before each
 * test and stops it after all. Read `t.emu` / call `t.api` inside tests (set once `beforeAll` ran).
 */
export function useEmulator(options: EmulatorOptions = {}): { emu: Emulator; api: Api } {
  const t = {} as { emu: Emulator; api: Api };
  beforeAll(async () => {
    t.emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, ...options });
    t.api = emulatorApi(t.emu.url);
  });
  afterAll(async () => {
    await t.emu?.stop();
  });
  beforeEach(() => {
    t.emu.control.reset();
  });
  return t;
}
