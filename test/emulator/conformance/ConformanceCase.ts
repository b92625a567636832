import type { Emulator } from '../../../emulator/index.js';
import type { Api, ApiResponse } from '../emulatorApi.js';

/** What a conformance case gets: a fresh emulator state with an S3-backed upload chain created. */
export interface CaseContext {
  api: Api;
  emu: Emulator;
  /** asset → format → file set → file on the S3 FILES storage. */
  chain: { assetId: string; formatId: string; fileSetId: string; fileId: string };
}

/**
 * One call of one implemented operation and the status the spec says it answers. The conformance
 * test runs every case against a strict emulator (every response validated against the spec) and
 * checks that every implemented route has at least one case. Add cases in
 * `test/emulator/conformance/<service>.cases.ts` exporting `cases`.
 */
export interface ConformanceCase {
  /** Operation key, e.g. `files POST /v1/assets/{asset_id}/files/`. */
  operation: string;
  status: number;
  run(ctx: CaseContext): Promise<ApiResponse>;
}
