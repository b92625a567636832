import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Control } from './control/Control.js';
import { handleControl } from './control/handleControl.js';
import { defaultStorages } from './defaultStorages.js';
import { FaultInjector } from './FaultInjector.js';
import { handleGcsUpload } from './gcs/handleGcsUpload.js';
import { handleS3Proxy } from './s3/handleS3Proxy.js';
import { handleApiRequest } from './handleApiRequest.js';
import { sendJson } from './http/sendJson.js';
import { LeakyBucket } from './LeakyBucket.js';
import { defaultCredential, type EmulatorOptions } from './options.js';
import { RouteTable } from './RouteTable.js';
import { routes } from './routes/index.js';
import type { Runtime } from './runtime.js';
import { S3Backend } from './S3Backend.js';
import { loadSpec } from './spec/loadSpec.js';
import { Validators } from './spec/Validators.js';
import { Stats } from './Stats.js';
import { Store } from './store.js';
import { tables } from './tables.js';
import { Notifier } from './webhooks/Notifier.js';

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`; iconik paths go under `${url}/API/...`. */
  url: string;
  /** The in-memory state (read it in tests; seed through `control.seed`). */
  store: Store;
  /** Test controls (reset, seed, faults, storage status, stats, GCS bytes). */
  control: Control;
  /** The runtime shared by routes (clock, options, S3 backend); for advanced tests. */
  runtime: Runtime;
  /** Closes the server (and saves state when `statePath` is set). */
  stop(): Promise<void>;
}

/**
 * Starts an iconik emulator on loopback: the endpoints the bridge uses, behaving as iconik's
 * published OpenAPI says (vendored in `emulator/spec/`), with state, rate limiting, fault injection
 * and a control API under `/_emulator/`. Unknown routes answer 404, wrong methods 405, and spec
 * operations without an implementation 501.
 *
 * @example
 * const emu = await startEmulator({ s3: { endpoint: s3.url, bucket: 'iconik-files' }, strict: true });
 * const res = await fetch(`${emu.url}/API/files/v1/storages/`, {
 *   headers: { 'App-ID': 'emulator-app-id', 'Auth-Token': 'emulator-auth-token' },
 * });
 * await emu.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const rateLimit = { enabled: true, capacity: 1000, drainPerSecond: 50, retryAfter: true, ...options.rateLimit };
  const store = new Store();
  const rt: Runtime = {
    store,
    now,
    baseUrl: '',
    credentials: options.credentials ?? [defaultCredential],
    strict: options.strict ?? false,
    rateLimit,
    jobs: { stepMs: 50, outcome: 'finish', ...options.jobs },
    limiter: new LeakyBucket(rateLimit.capacity, rateLimit.drainPerSecond, now),
    faults: new FaultInjector(options.seed ?? 1),
    stats: new Stats(),
    ...(options.s3 === undefined ? {} : { s3: new S3Backend(options.s3, () => rt.baseUrl) }),
  };
  const seedStorages = () => {
    for (const s of options.storages ?? defaultStorages(options.s3)) store.put(tables.storages, structuredClone(s));
  };
  seedStorages();
  if (options.statePath !== undefined) await store.load(options.statePath);
  rt.search = { indexLagMs: options.search?.indexLagMs ?? 0 };
  rt.notifier = new Notifier(rt, options.webhooks);
  const control = new Control(rt, seedStorages);
  const specs = loadSpec();
  const table = new RouteTable(specs, routes);
  const validators = new Validators(specs);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // `//API/...` is a path, not a host: the seed's category example calls `https://app.iconik.io//API/...`
    // and iconik answers it [I: its front end merges slashes]; inner `//` are merged by the route table.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://emulator.invalid');
    const path = url.pathname;
    // Emulator-only prefixes first; everything else is the iconik API.
    const done = path.startsWith('/_emulator/')
      ? handleControl(req, res, url, control)
      : path.startsWith('/_gcs/')
        ? handleGcsUpload(req, res, url, rt)
        : path.startsWith('/_s3/')
          ? handleS3Proxy(req, res, url, rt)
          : handleApiRequest(req, res, url, rt, table, validators);
    done.catch((error: unknown) => sendJson(res, 500, { errors: [`Emulator error: ${(error as Error).message}`] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  rt.baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url: rt.baseUrl,
    store,
    control,
    runtime: rt,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.notifier?.stop();
      rt.s3?.destroy();
      if (options.statePath !== undefined) await store.save(options.statePath);
    },
  };
}
